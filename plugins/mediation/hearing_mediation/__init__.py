"""Built-in plugin hearing_mediation: petition service centres and people's mediation (信访服务中心与人民调解).

Centres and their staff, the reception log (接待登记) with its dispositions, mediation
cases (调解案件), mediation agreements (调解协议书) and the service centre's tally in the
annual report. The module named by the entry point is :mod:`hearing_mediation.plugin`.
"""
