"""Code lists of the mediation plugin (调解代码表): English codes stored, Chinese labels shown.

They reuse the register's :class:`~hearing_core.petitions.domain.codes.CodedEnum`, so
``parse`` accepts a code or the Chinese label staff type, exactly as in the register.
"""

from __future__ import annotations

from hearing_core.petitions.domain.codes import CodedEnum

__all__ = [
    "AdviceRoute",
    "AgreementForm",
    "ApplicationKind",
    "CommitteeRole",
    "ConfirmationState",
    "Consent",
    "FollowUpFinding",
    "MediatorChoice",
    "MemberRole",
    "PartyRole",
    "ReceptionDisposition",
    "SignerRole",
]


class ReceptionDisposition(CodedEnum):
    """How the desk disposed of a visit batch (接待处理方式); the states of ``RECEPTION``.

    Reference §4.3 (service-centre dispositions). ``received`` is the only open state.
    """

    RECEIVED = "received", "待处理"
    EXPLAINED = "explained_on_spot", "当场疏导解释", "当场答复", "疏导解释"
    MEDIATION = "mediation", "进行调解", "调解"
    TRANSFERRED = "transferred", "转送（转办）", "转送", "转办"
    ASSIGNED = "assigned", "交办"
    ROUTED = "routed_to_statutory_procedure", "导入法定程序"
    LEADER = "leader_reception", "领导接访"
    JOINT = "joint_reception", "联合接访"


class MemberRole(CodedEnum):
    """A user's place in a centre (中心成员): what scopes their view to the centre."""

    HEAD = "head", "中心负责人"
    STAFF = "staff", "工作人员"
    MEDIATOR = "mediator", "调解员"


class CommitteeRole(CodedEnum):
    """Seat on the people's mediation committee (人民调解委员会, 人民调解法 Art. 8)."""

    CHAIR = "chair", "主任"
    VICE_CHAIR = "vice_chair", "副主任"
    MEMBER = "member", "委员"
    NONE = "none", "调解员（非委员）", "非委员"


class ApplicationKind(CodedEnum):
    """How a mediation started (调解的启动, 人民调解法 Arts. 17-18)."""

    ONE_PARTY = "one_party", "一方当事人申请", "一方申请"
    JOINT = "joint", "双方当事人共同申请", "共同申请"
    INITIATIVE = "initiative", "调解委员会主动调解", "主动调解"
    REFERRED = "referred", "法院或公安机关引导", "引导调解"


class PartyRole(CodedEnum):
    """A party's role (当事人地位)."""

    APPLICANT = "applicant", "申请人"
    RESPONDENT = "respondent", "被申请人"
    PARTY = "party", "当事人"


class Consent(CodedEnum):
    """A party's answer to mediation (是否同意调解); a clear refusal bars it (Art. 17)."""

    PENDING = "pending", "待答复"
    AGREES = "agrees", "同意调解", "同意"
    DECLINES = "declines", "明确拒绝调解", "拒绝"


class MediatorChoice(CodedEnum):
    """Who chose the mediators (调解员的产生, Art. 19)."""

    PARTIES = "parties", "当事人选择"
    DESIGNATED = "designated", "调解委员会指定"


class AdviceRoute(CodedEnum):
    """Other routes the mediator points to when mediation fails (Art. 26)."""

    ARBITRATION = "arbitration", "仲裁"
    ADMINISTRATIVE = "administrative", "行政途径"
    LITIGATION = "litigation", "诉讼"
    PETITION = "petition", "信访途径"
    OTHER = "other", "其他途径"


class AgreementForm(CodedEnum):
    """Written or oral agreement (书面/口头调解协议, Arts. 28-30)."""

    WRITTEN = "written", "书面协议", "书面"
    ORAL = "oral", "口头协议", "口头"


class SignerRole(CodedEnum):
    """Who signs an agreement (签名人)."""

    PARTY = "party", "当事人"
    MEDIATOR = "mediator", "人民调解员"


class FollowUpFinding(CodedEnum):
    """What a follow-up visit found (回访情况)."""

    PERFORMING = "performing", "正在履行"
    PERFORMED = "performed", "已履行完毕", "已履行"
    PARTLY = "partly", "部分履行"
    NOT_PERFORMED = "not_performed", "未履行"


class ConfirmationState(CodedEnum):
    """Judicial confirmation (司法确认, 人民调解法 Art. 33); the states of ``CONFIRMATION``."""

    NOT_APPLIED = "not_applied", "未申请"
    APPLIED = "applied", "已申请"
    CONFIRMED = "confirmed", "确认有效"
    REJECTED = "rejected", "不予确认"
