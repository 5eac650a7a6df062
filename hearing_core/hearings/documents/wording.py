"""Standard wording of the hearing documents (文书固定用语).

The bureau may replace the legal basis, the rights and duties and the materials list in the
``[documents]`` table of ``config.toml``; the rest of a document's wording lives in its
template, which administrators override like any other.
"""

from __future__ import annotations

__all__ = [
    "DEFAULT_LEGAL_BASIS",
    "DEFAULT_MATERIALS",
    "DEFAULT_RIGHTS",
    "UNIT_DUTIES",
    "UNIT_MATERIALS",
]

DEFAULT_LEGAL_BASIS = "《信访工作条例》及本省信访事项听证有关规定"

#: Rights and duties of a party (当事人的权利和义务), printed in the notice, one paragraph each.
DEFAULT_RIGHTS: tuple[str, ...] = (
    "你有权申请听证主持人、听证员、记录员回避，回避申请应当在听证开始前提出并说明理由；",
    "你可以委托一至二名代理人参加听证，委托代理人的，应当提交本人签名的授权委托书；",
    "你有权在听证中陈述事实和理由、出示证据、进行质证和辩论，并作最后陈述；",
    "你应当如实陈述，遵守听证纪律，服从听证主持人的安排；听证结束后应当核对听证笔录并签名。",
)

DEFAULT_MATERIALS: tuple[str, ...] = (
    "本人居民身份证原件及复印件；",
    "与信访事项有关的证据材料；",
    "委托代理人参加的，携带授权委托书及代理人身份证件。",
)

#: The handling unit (承办单位) is an organ, not a private party: its duties read differently.
UNIT_DUTIES: tuple[str, ...] = (
    "你单位应当指派熟悉情况的承办人员参加听证，陈述认定的事实、依据和处理意见，出示相关证据；",
    "你单位参加人员有权对其他当事人提出的证据进行质证、参加辩论，并作最后陈述；",
    "你单位参加人员应当遵守听证纪律，听证结束后核对听证笔录并签名。",
)

UNIT_MATERIALS: tuple[str, ...] = (
    "参加人员的工作证件及单位指派函；",
    "原处理意见、所依据的法律政策规定及相关证据材料。",
)
