"""Controlled vocabularies of the hearing domain (听证用语).

Every value is a ``StrEnum`` so it persists as a plain string column and serialises as
itself in JSON; the code names follow the glossary in ``shared/domain/reference.md`` §9.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "Affiliation",
    "ClosedReason",
    "ConsentReply",
    "DeciderCapacity",
    "DocumentKind",
    "EvidenceKind",
    "Origin",
    "PanelRole",
    "ParticipantRole",
    "PostponeReason",
    "RecusalStatus",
    "ServiceMethod",
    "Stage",
    "Stance",
    "SuspendReason",
    "TerminationReason",
    "VoteValue",
]


class Origin(StrEnum):
    """Who started the hearing (听证启动方式)."""

    PETITIONER_APPLICATION = "petitioner_application"  # 信访人申请
    ORGAN_INITIATED = "organ_initiated"  # 机关依职权启动, needs the petitioner's consent


class Stage(StrEnum):
    """Stage of the petition matter the hearing serves (听证所处环节)."""

    HANDLING = "handling"  # 办理
    REVIEW = "review"  # 复查
    REREVIEW = "rereview"  # 复核


class ConsentReply(StrEnum):
    """Petitioner's answer to an organ-initiated hearing (同意 / 不同意)."""

    GIVEN = "given"
    REFUSED = "refused"


class ClosedReason(StrEnum):
    """Why a hearing is not public (不公开听证理由)."""

    STATE_SECRET = "state_secret"  # 国家秘密
    COMMERCIAL_SECRET = "commercial_secret"  # 商业秘密
    PRIVACY = "privacy"  # 个人隐私


class Affiliation(StrEnum):
    """Where a hearing officer comes from in the expert pool (专家库)."""

    NPC_DEPUTY = "npc_deputy"  # 人大代表
    CPPCC_MEMBER = "cppcc_member"  # 政协委员
    LAWYER = "lawyer"  # 律师
    EXPERT = "expert"  # 专家学者
    COMMUNITY_REPRESENTATIVE = "community_representative"  # 群众代表
    OTHER = "other"


class PanelRole(StrEnum):
    """Seats of the hearing panel (听证组织人员)."""

    PRESIDING_OFFICER = "presiding_officer"  # 主持人
    HEARING_OFFICER = "hearing_officer"  # 听证员
    CLERK = "clerk"  # 记录员 / 听证秘书


class ParticipantRole(StrEnum):
    """Roles of the people heard or admitted (听证参加人)."""

    PETITIONER = "petitioner"  # 信访人
    REPRESENTATIVE = "representative"  # 代表 (multi-person matters)
    AGENT = "agent"  # 委托代理人
    HANDLING_UNIT_OFFICER = "handling_unit_officer"  # 承办人 / 责任单位
    THIRD_PARTY = "third_party"  # 第三人
    WITNESS = "witness"  # 证人
    OBSERVER = "observer"  # 旁听人员


class RecusalStatus(StrEnum):
    """State of a recusal request (回避申请)."""

    PENDING = "pending"
    GRANTED = "granted"
    REFUSED = "refused"


class DeciderCapacity(StrEnum):
    """Capacity in which someone decides a recusal request."""

    ORGAN_HEAD = "organ_head"  # 机关负责人
    PRESIDING_OFFICER = "presiding_officer"  # 主持人


class EvidenceKind(StrEnum):
    """Kinds of evidence (证据种类)."""

    DOCUMENT = "document"  # 书证
    PHOTO = "photo"
    AUDIO_VIDEO = "audio_video"  # 视听资料
    WITNESS_STATEMENT = "witness_statement"  # 证人证言
    SITE_SURVEY = "site_survey"  # 勘验笔录
    OTHER = "other"


class Stance(StrEnum):
    """A party's position on one aspect of an evidence item (质证意见)."""

    ACCEPT = "accept"  # 无异议
    DISPUTE = "dispute"  # 有异议


class VoteValue(StrEnum):
    """A hearing officer's view of a disputed issue, ordered from most to least favourable."""

    REASONABLE = "reasonable"  # 合理
    PARTLY_REASONABLE = "partly_reasonable"  # 部分合理
    NOT_REASONABLE = "not_reasonable"  # 不合理

    @property
    def rank(self) -> int:
        """Position on the ordinal scale; the median of the ranks decides (see deliberation)."""
        return _VOTE_ORDER.index(self)


_VOTE_ORDER = (VoteValue.REASONABLE, VoteValue.PARTLY_REASONABLE, VoteValue.NOT_REASONABLE)


class ServiceMethod(StrEnum):
    """How a document was served (送达方式)."""

    IN_PERSON = "in_person"  # 直接送达
    REGISTERED_POST = "registered_post"  # 挂号邮寄
    SMS = "sms"
    EMAIL = "email"


class DocumentKind(StrEnum):
    """Documents whose service is logged (送达文书)."""

    CONSENT_REQUEST = "consent_request"  # 听证征询意见书
    DECISION_NOTICE = "decision_notice"  # 听证受理/不予听证告知书
    HEARING_NOTICE = "hearing_notice"  # 听证通知书
    POSTPONEMENT_NOTICE = "postponement_notice"  # 延期听证通知
    RESUMPTION_NOTICE = "resumption_notice"  # 恢复听证通知
    HEARING_REPORT = "hearing_report"  # 听证报告 (carries the conclusion 听证结论)


class PostponeReason(StrEnum):
    """Grounds for postponing (延期)."""

    FORCE_MAJEURE = "force_majeure"  # 不可抗力
    RECUSAL_REQUEST = "recusal_request"  # 当场申请回避
    OTHER = "other"


class SuspendReason(StrEnum):
    """Grounds for suspending (中止)."""

    NEW_WITNESS = "new_witness"  # 需要通知新的证人到场
    APPRAISAL_OR_SURVEY = "appraisal_or_survey"  # 需要重新鉴定、勘验
    FORCE_MAJEURE = "force_majeure"
    OTHER = "other"


class TerminationReason(StrEnum):
    """Grounds for terminating (终止 / 视为放弃)."""

    PETITIONER_ABSENT = "petitioner_absent"  # 无正当理由不到场
    PETITIONER_LEFT = "petitioner_left"  # 无正当理由中途退场
