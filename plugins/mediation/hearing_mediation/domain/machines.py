"""The state machines of the mediation plugin (状态机).

* ``RECEPTION`` — a visit batch at the desk (接待批次): received, then disposed of once.
* ``CASE`` — a mediation case (调解案件) from application to outcome.
* ``AGREEMENT`` — a mediation agreement (调解协议书): draft, effective when signed,
  performed; disputed or invalidated end it.
* ``CONFIRMATION`` — the joint application for judicial confirmation (司法确认).

Activities that do not change the state (recording a session, a signature, a
follow-up visit) are self-loops, so the machine alone says where they may happen and
a request in the wrong state fails with ``InvalidTransition`` naming the allowed actions.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from hearing_core.fsm import StateMachine, Transition
from hearing_mediation.domain.codes import ConfirmationState, ReceptionDisposition

__all__ = ["AGREEMENT", "CASE", "CONFIRMATION", "RECEPTION", "AgreementState", "CaseState"]


def _stay(action: str, states: Iterable[str], label: str) -> list[Transition]:
    """An activity: one self-loop per state it is allowed in."""
    return [Transition(action, (s,), s, label=label) for s in states]


_R = ReceptionDisposition
#: action -> disposition; every one leaves ``received`` for good.
RECEPTION_ACTIONS: dict[str, ReceptionDisposition] = {
    "explain": _R.EXPLAINED,
    "mediate": _R.MEDIATION,
    "transfer": _R.TRANSFERRED,
    "assign": _R.ASSIGNED,
    "route": _R.ROUTED,
    "refer_to_leader": _R.LEADER,
    "joint_reception": _R.JOINT,
}

RECEPTION = StateMachine(
    "mediation_reception",
    [d.value for d in ReceptionDisposition],
    [Transition(a, (_R.RECEIVED.value,), d.value, label=d.label) for a, d in RECEPTION_ACTIONS.items()],
    initial=_R.RECEIVED.value,
    final=[d.value for d in ReceptionDisposition if d is not _R.RECEIVED],
)


class CaseState(StrEnum):
    """States of a mediation case (调解案件状态)."""

    APPLIED = "applied"  # 已申请：等待当事人答复、指定调解员
    IN_MEDIATION = "in_mediation"  # 调解中
    AGREED = "agreed"  # 达成调解协议
    FAILED = "failed"  # 调解不成
    WITHDRAWN = "withdrawn"  # 当事人撤回（终止调解）
    REFUSED = "refused"  # 不予调解（一方明确拒绝等）


_C = CaseState
_OPEN = (_C.APPLIED.value, _C.IN_MEDIATION.value)

CASE = StateMachine(
    "mediation_case",
    [s.value for s in CaseState],
    [
        *_stay("record_response", (_C.APPLIED.value,), "当事人答复是否同意调解"),
        *_stay("assign_mediators", _OPEN, "选定或指定调解员"),
        *_stay("invite_helper", _OPEN, "邀请有关人员参与调解"),
        *_stay("flag_escalation", _OPEN, "标记激化风险"),
        Transition("accept", (_C.APPLIED.value,), _C.IN_MEDIATION.value, label="受理并开始调解"),
        Transition("refuse", (_C.APPLIED.value,), _C.REFUSED.value, label="不予调解"),
        *_stay("record_session", (_C.IN_MEDIATION.value,), "调解会议"),
        *_stay("extend", (_C.IN_MEDIATION.value,), "经双方同意延长调解"),
        Transition("reach_agreement", (_C.IN_MEDIATION.value,), _C.AGREED.value, label="达成调解协议"),
        Transition("fail", (_C.IN_MEDIATION.value,), _C.FAILED.value, label="调解不成，终止调解"),
        Transition("withdraw", _OPEN, _C.WITHDRAWN.value, label="当事人撤回"),
    ],
    initial=_C.APPLIED.value,
    final=(_C.AGREED.value, _C.FAILED.value, _C.WITHDRAWN.value, _C.REFUSED.value),
)


class AgreementState(StrEnum):
    """States of a mediation agreement (调解协议状态)."""

    DRAFT = "draft"  # 草拟，待签名
    EFFECTIVE = "effective"  # 已生效，履行中
    PERFORMED = "performed"  # 已履行完毕
    DISPUTED = "disputed"  # 履行或内容发生争议，当事人向法院起诉 (Art. 32)
    INVALIDATED = "invalidated"  # 法院裁定不予确认 (民事诉讼法 Art. 206)


_A = AgreementState
_IN_FORCE = (_A.EFFECTIVE.value, _A.PERFORMED.value)

AGREEMENT = StateMachine(
    "mediation_agreement",
    [s.value for s in AgreementState],
    [
        *_stay("revise", (_A.DRAFT.value,), "修改协议内容"),
        *_stay("sign", (_A.DRAFT.value,), "签名"),
        Transition("take_effect", (_A.DRAFT.value,), _A.EFFECTIVE.value, label="各方签名，协议生效"),
        *_stay("record_performance", (_A.EFFECTIVE.value,), "登记履行情况"),
        Transition("complete", (_A.EFFECTIVE.value,), _A.PERFORMED.value, label="履行完毕"),
        *_stay("record_follow_up", _IN_FORCE, "回访"),
        *_stay("apply_confirmation", _IN_FORCE, "共同申请司法确认"),
        *_stay("record_confirmation", _IN_FORCE, "登记司法确认结果"),
        Transition("dispute", (_A.EFFECTIVE.value,), _A.DISPUTED.value, label="发生争议，向人民法院起诉"),
        Transition("invalidate", _IN_FORCE, _A.INVALIDATED.value, label="人民法院不予确认"),
    ],
    initial=_A.DRAFT.value,
    final=(_A.DISPUTED.value, _A.INVALIDATED.value),
)

_J = ConfirmationState
CONFIRMATION = StateMachine(
    "judicial_confirmation",
    [s.value for s in ConfirmationState],
    [
        Transition("apply", (_J.NOT_APPLIED.value,), _J.APPLIED.value, label="共同申请司法确认"),
        Transition("confirm", (_J.APPLIED.value,), _J.CONFIRMED.value, label="人民法院确认有效"),
        Transition("reject", (_J.APPLIED.value,), _J.REJECTED.value, label="人民法院不予确认"),
    ],
    initial=_J.NOT_APPLIED.value,
    final=(_J.CONFIRMED.value, _J.REJECTED.value),
)
