"""State machines of a reception (接访活动) and of a received case (接访件).

A reception is planned, announced (公示), opened on the day, and closed once held;
it can be cancelled before it opens. Changing who receives, or when, after the
notice went out sends it back to ``planned``: the public must be told again.

A case is one visitor batch (一批来访): it waits (候访), is heard by the leader who
records a handling note and an outcome category (面谈、答复), may get the leader's
instruction (批示), is transferred to the responsible department within the transfer
limit (转交), gets the department's reply (办结回复), and is closed with or without the
petitioner's feedback (回访反馈).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from hearing_core.fsm import StateMachine, Transition

__all__ = ["CASE_MACHINE", "RECEPTION_MACHINE", "CaseState", "ReceptionState"]


class ReceptionState(StrEnum):
    """States of a reception (接访活动状态)."""

    PLANNED = "planned"  # 已排期
    ANNOUNCED = "announced"  # 已公示
    IN_PROGRESS = "in_progress"  # 接访中
    HELD = "held"  # 已举行
    CANCELLED = "cancelled"  # 已取消


class CaseState(StrEnum):
    """States of a received case (接访件状态)."""

    WAITING = "waiting"  # 候访
    HEARD = "heard"  # 已接谈（处理意见、分类）
    INSTRUCTED = "instructed"  # 领导已批示
    TRANSFERRED = "transferred"  # 已转交责任部门
    REPLIED = "replied"  # 责任部门已回复
    CLOSED = "closed"  # 已办结
    WITHDRAWN = "withdrawn"  # 未接谈即离开


def _stay(action: str, states: Iterable[str], label: str) -> list[Transition]:
    return [Transition(action, (s,), s, label=label) for s in states]


R = ReceptionState

RECEPTION_MACHINE = StateMachine(
    "leader reception",
    [s.value for s in ReceptionState],
    [
        Transition("announce", (R.PLANNED,), R.ANNOUNCED, label="publish the public notice (公示)"),
        Transition("reschedule", (R.PLANNED, R.ANNOUNCED), R.PLANNED, label="move to another day (改期)"),
        Transition("swap", (R.PLANNED, R.ANNOUNCED), R.PLANNED, label="another leader receives (换班)"),
        Transition("cancel", (R.PLANNED, R.ANNOUNCED), R.CANCELLED, label="cancel (取消)"),
        Transition("open", (R.PLANNED, R.ANNOUNCED), R.IN_PROGRESS, label="open the reception day"),
        Transition("close", (R.IN_PROGRESS,), R.HELD, label="close the reception day"),
        *_stay("register_visitors", (R.IN_PROGRESS,), "register a visitor batch (登记)"),
        *_stay("set_participants", (R.IN_PROGRESS, R.HELD), "record who took part (参与人次)"),
    ],
    initial=R.PLANNED,
    final=(R.CANCELLED,),
)

C = CaseState

CASE_MACHINE = StateMachine(
    "reception case",
    [s.value for s in CaseState],
    [
        Transition("hear", (C.WAITING,), C.HEARD, label="leader hears the visitors: note and outcome"),
        Transition("withdraw", (C.WAITING,), C.WITHDRAWN, label="visitors left before being heard"),
        Transition("instruct", (C.HEARD,), C.INSTRUCTED, label="leader's instruction (批示)"),
        Transition("transfer", (C.INSTRUCTED,), C.TRANSFERRED, label="transfer to the responsible department"),
        Transition("reply", (C.TRANSFERRED,), C.REPLIED, label="department's reply (办结回复)"),
        Transition("feedback", (C.HEARD, C.REPLIED), C.CLOSED, label="petitioner's feedback, then close"),
        Transition("close", (C.HEARD, C.REPLIED), C.CLOSED, label="close without feedback"),
    ],
    initial=C.WAITING,
    final=(C.CLOSED, C.WITHDRAWN),
)
