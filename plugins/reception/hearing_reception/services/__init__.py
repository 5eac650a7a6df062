"""Use cases of leader reception (接访服务). Every function takes a ServiceContext.

* leaders and rules — :mod:`.leaders`
* the calendar: plan, arrange, swap, move, cancel — :mod:`.planning`
* public notices — :mod:`.notices`
* the reception day: open, register visitors, hear, participants, close — :mod:`.day`
* follow-up: instruction, transfer, reply, feedback; case lists — :mod:`.followup`
* the annual figures — :mod:`hearing_reception.report`
"""
