"""Code lists of review and re-review (复查、复核代码表).

Each list is a :class:`~hearing_core.petitions.domain.codes.CodedEnum`: the value is the
English code stored in the database and used by the API, ``label`` the Chinese term printed
on documents and in the annual report; ``parse`` accepts either.
"""

from __future__ import annotations

from hearing_core.petitions.domain.codes import CodedEnum

__all__ = [
    "ApplicationState",
    "Capacity",
    "ChallengedKind",
    "FollowUpKind",
    "Ground",
    "Kind",
    "Outcome",
    "TerminationReason",
]


class Kind(CodedEnum):
    """Review (复查) against a handling opinion, or re-review (复核) against a review opinion."""

    REVIEW = "review", "复查"
    REREVIEW = "rereview", "复核"

    @property
    def rule_prefix(self) -> str:
        """The rule-profile area of this stage's clocks (``review.*`` / ``rereview.*``)."""
        return self.value

    @property
    def code_prefix(self) -> str:
        """Application numbers: ``FC-2025-0001`` (复查) and ``FH-2025-0001`` (复核)."""
        return "FC" if self is Kind.REVIEW else "FH"


class ChallengedKind(CodedEnum):
    """The written opinion an application challenges (被请求复查、复核的意见)."""

    HANDLING_OPINION = "handling_opinion", "信访处理意见"
    #: The opinion the lower organ issued again after a remand (重新作出的处理意见).
    REDONE_OPINION = "redone_opinion", "重新作出的处理意见"
    REVIEW_OPINION = "review_opinion", "复查意见"


class Capacity(CodedEnum):
    """In what capacity the applicant acts (申请人身份)."""

    PETITIONER = "petitioner", "信访人"
    AGENT = "agent", "委托代理人", "代理人"


class ApplicationState(CodedEnum):
    """States of an application (申请状态); see ``machine.APPLICATION``."""

    RECEIVED = "received", "已收到"
    NOT_ACCEPTED = "not_accepted", "不予受理"
    ACCEPTED = "accepted", "已受理"
    DECIDED = "decided", "已作出意见"
    SERVED = "served", "意见已送达"
    WITHDRAWN = "withdrawn", "已撤回"


class Ground(CodedEnum):
    """Admissibility grounds (受理条件), each tested by the checklist in this order."""

    OPINION_SERVED = "opinion_served", "原意见尚未送达"
    APPLICANT = "applicant", "申请人不适格"
    WINDOW = "window", "超过申请期限"
    LEVEL = "level", "越级申请（非上一级机关）"
    ACCEPTED_ELSEWHERE = "accepted_elsewhere", "已被其他机关受理"
    STATUTORY_ROUTE = "statutory_route", "属诉讼、仲裁、行政复议等法定途径"
    TERMINATED = "terminated", "信访事项已终结"


class Outcome(CodedEnum):
    """The review or re-review decision (复查、复核意见的结论)."""

    UPHOLD = "uphold", "维持"
    REVOKE_REMAND = "revoke_remand", "撤销并责令重新办理", "撤销"
    MODIFY = "modify", "变更"


class TerminationReason(CodedEnum):
    """Why a matter is terminated (终结原因)."""

    REREVIEW_SERVED = "rereview_served", "复核意见已送达"
    REVIEW_WINDOW_LAPSED = "review_window_lapsed", "逾期未请求复查"
    REREVIEW_WINDOW_LAPSED = "rereview_window_lapsed", "逾期未请求复核"
    #: 《广东省信访条例》第50条: the Guangdong 核查 step; needs ``termination.verification_terminal``.
    VERIFICATION_COMPLETED = "verification_completed", "核查程序完成"
    STATUTORY_ROUTE = "statutory_route", "已导入法定程序"
    CERTIFIED_CONCLUDED = "certified_concluded", "审核认定办结（终结备案）"


class FollowUpKind(CodedEnum):
    """Follow-up work on a terminated matter (终结后的教育疏导、帮扶救助)."""

    PERSUASION = "persuasion", "教育疏导", "劝导"
    ASSISTANCE = "assistance", "帮扶救助", "帮扶"
    VISIT = "visit", "走访回访", "回访"
    OTHER = "other", "其他"
