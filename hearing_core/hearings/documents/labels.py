"""Chinese labels of the hearing vocabulary (听证用语的中文表述) as printed in documents.

Identifiers stay English in code and data; documents print these. An unknown value prints
as itself, so a plugin's new code shows up readable rather than breaking a document.
"""

from __future__ import annotations

__all__ = [
    "AFFILIATION",
    "CASE_STATE",
    "CLOSED_REASON",
    "DOCUMENT",
    "EVIDENCE_KIND",
    "PANEL_ROLE",
    "PARTICIPANT_ROLE",
    "PHASE",
    "POSTPONE_REASON",
    "SERVICE_METHOD",
    "STAGE",
    "SUSPEND_REASON",
    "TERMINATION_REASON",
    "VOTE",
    "label",
    "role_label",
]

PARTICIPANT_ROLE = {
    "petitioner": "信访人",
    "representative": "信访人代表",
    "agent": "委托代理人",
    "handling_unit_officer": "承办人",
    "third_party": "第三人",
    "witness": "证人",
    "observer": "旁听人员",
}

PANEL_ROLE = {
    "presiding_officer": "听证主持人",
    "hearing_officer": "听证员",
    "clerk": "记录员",
}

AFFILIATION = {
    "npc_deputy": "人大代表",
    "cppcc_member": "政协委员",
    "lawyer": "律师",
    "expert": "专家学者",
    "community_representative": "群众代表",
    "other": "其他人士",
}

#: Phase headings of the record, in the words of the hearing rules (reference §2.7).
PHASE = {
    "attendance_check": "核对到场人员",
    "opening": "宣布听证开始、介绍听证人员、询问回避",
    "rights_and_rules": "告知权利义务和听证纪律",
    "petitioner_statement": "信访人陈述、举证",
    "handling_unit_statement": "承办单位陈述、举证",
    "cross_examination": "质证",
    "debate": "辩论",
    "questioning": "询问",
    "final_statements": "最后陈述",
    "deliberation": "休会评议",
    "resumption": "复会",
    "closed": "闭会",
    "abandoned": "本次听证结束",
}

CASE_STATE = {
    "new": "新建",
    "awaiting_consent": "待信访人同意",
    "applied": "已申请",
    "accepted": "决定听证",
    "scheduled": "已排期",
    "postponed": "延期",
    "in_session": "听证中",
    "suspended": "中止",
    "deliberating": "评议中",
    "concluded": "已形成结论",
    "report_served": "报告已送达",
    "waived": "视为放弃",
    "consent_refused": "信访人不同意",
    "refused": "不予听证",
    "withdrawn": "已撤回",
    "terminated": "终止",
}

STAGE = {"handling": "办理", "review": "复查", "rereview": "复核"}

VOTE = {"reasonable": "合理", "partly_reasonable": "部分合理", "not_reasonable": "不合理"}

EVIDENCE_KIND = {
    "document": "书证",
    "photo": "照片",
    "audio_video": "视听资料",
    "witness_statement": "证人证言",
    "site_survey": "勘验笔录",
    "other": "其他",
}

SERVICE_METHOD = {
    "in_person": "直接送达",
    "registered_post": "挂号邮寄送达",
    "sms": "短信送达",
    "email": "电子邮件送达",
}

DOCUMENT = {
    "consent_request": "听证征询意见书",
    "decision_notice": "听证决定告知书",
    "hearing_notice": "听证通知书",
    "postponement_notice": "延期听证通知书",
    "resumption_notice": "恢复听证通知书",
    "hearing_report": "听证报告",
}

CLOSED_REASON = {
    "state_secret": "涉及国家秘密",
    "commercial_secret": "涉及商业秘密",
    "privacy": "涉及个人隐私",
}

POSTPONE_REASON = {
    "force_majeure": "因不可抗力不能参加听证",
    "recusal_request": "当事人当场申请回避",
    "other": "其他原因",
}

SUSPEND_REASON = {
    "new_witness": "需要通知新的证人到场",
    "appraisal_or_survey": "需要重新鉴定、勘验",
    "force_majeure": "因不可抗力不能继续听证",
    "other": "其他原因",
}

TERMINATION_REASON = {
    "petitioner_absent": "信访人无正当理由不到场，视为放弃听证",
    "petitioner_left": "信访人无正当理由中途退场，视为放弃听证",
}


def label(table: dict[str, str], value: object) -> str:
    """The Chinese label of ``value`` in ``table``, or the value itself when unknown."""
    if value is None:
        return ""
    text = str(value)
    return table.get(text, text)


def role_label(role: object) -> str:
    """A participant's or panel member's role (signatures mix both)."""
    text = str(role)
    return PANEL_ROLE.get(text) or PARTICIPANT_ROLE.get(text) or text
