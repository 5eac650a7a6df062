"""The two state machines of a hearing: the case (听证案件) and its session phases (听证程序).

Both tables list lifecycle moves *and* activities. An activity (adding a participant,
recording a vote, ...) is a self-loop: it does not change the state but it is only allowed
in the states listed, so a request in the wrong state fails with ``InvalidTransition``
naming the state and the actions that are allowed there, exactly like a lifecycle move.
While the case is ``in_session`` an activity is checked twice: by the case machine and then
by the phase machine, which knows, say, that votes belong to ``deliberation``.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from hearing_core.fsm import StateMachine, Transition

__all__ = [
    "CASE_MACHINE",
    "OPEN_PHASES",
    "PHASES",
    "PHASE_MACHINE",
    "SKIPPABLE_PHASES",
    "CaseState",
    "Phase",
]


class CaseState(StrEnum):
    """States of a hearing case (听证案件状态)."""

    NEW = "new"  # not yet registered; only ``apply`` / ``initiate`` leave it
    AWAITING_CONSENT = "awaiting_consent"  # organ-initiated, waiting for the petitioner's reply
    APPLIED = "applied"  # application registered, decision pending
    ACCEPTED = "accepted"  # hearing will be held (decided, deemed, or consented)
    SCHEDULED = "scheduled"
    POSTPONED = "postponed"  # 延期: waiting for a new date
    IN_SESSION = "in_session"
    SUSPENDED = "suspended"  # 中止: session interrupted, resumes later
    DELIBERATING = "deliberating"  # session closed without a conclusion; panel still deliberating
    CONCLUDED = "concluded"  # conclusion reached; report to be served
    REPORT_SERVED = "report_served"  # final: report and conclusion served on every party
    WAIVED = "waived"  # final: late application deemed waived
    CONSENT_REFUSED = "consent_refused"  # final: petitioner refused or stayed silent
    REFUSED = "refused"  # final: organ refused to hold a hearing
    WITHDRAWN = "withdrawn"  # final: withdrawn before the hearing
    TERMINATED = "terminated"  # final: 终止 (no-show or walk-out = waiver)


class Phase(StrEnum):
    """Session phases in the order of reference §2.7 (听证会程序)."""

    ATTENDANCE_CHECK = "attendance_check"  # 核对到场人员
    OPENING = "opening"  # 宣布开始, 介绍组成人员, 询问回避
    RIGHTS_AND_RULES = "rights_and_rules"  # 告知权利义务和纪律
    PETITIONER_STATEMENT = "petitioner_statement"  # 信访人陈述、举证
    HANDLING_UNIT_STATEMENT = "handling_unit_statement"  # 承办人陈述
    CROSS_EXAMINATION = "cross_examination"  # 质证
    DEBATE = "debate"  # 辩论
    QUESTIONING = "questioning"  # 询问
    FINAL_STATEMENTS = "final_statements"  # 最后陈述
    DELIBERATION = "deliberation"  # 评议
    RESUMPTION = "resumption"  # 复会, 宣布结论
    CLOSED = "closed"  # 闭会
    ABANDONED = "abandoned"  # not in §2.7: the session ended by postponement or termination


PHASES: tuple[Phase, ...] = tuple(p for p in Phase if p is not Phase.ABANDONED)
OPEN_PHASES: tuple[Phase, ...] = PHASES[:-1]
#: Phases that may be closed unheld with a recorded reason. The others protect a right
#: (identity, recusal, rights, being heard, the last word) or produce the outcome.
SKIPPABLE_PHASES: frozenset[Phase] = frozenset(
    {Phase.HANDLING_UNIT_STATEMENT, Phase.CROSS_EXAMINATION, Phase.DEBATE, Phase.QUESTIONING}
)
_BEFORE_DELIBERATION = PHASES[: PHASES.index(Phase.DELIBERATION)]


def _stay(action: str, states: Iterable[str], label: str) -> list[Transition]:
    """An activity: one self-loop per state it is allowed in."""
    return [Transition(action, (s,), s, label=label) for s in states]


S = CaseState
_PREPARING = (S.ACCEPTED, S.SCHEDULED, S.POSTPONED)
_BEFORE_HEARING = (S.AWAITING_CONSENT, S.APPLIED, *_PREPARING)

CASE_MACHINE = StateMachine(
    "hearing case",
    [s.value for s in CaseState],
    [
        Transition("apply", (S.NEW,), S.APPLIED, label="register a petitioner's application"),
        Transition("initiate", (S.NEW,), S.AWAITING_CONSENT, label="organ proposes a hearing, asks consent"),
        Transition("initiate_without_consent", (S.NEW,), S.ACCEPTED, label="organ decides, no consent needed"),
        Transition("waive_late", (S.APPLIED,), S.WAIVED, label="late application deemed waived"),
        Transition("give_consent", (S.AWAITING_CONSENT,), S.ACCEPTED, label="petitioner consents"),
        Transition("refuse_consent", (S.AWAITING_CONSENT,), S.CONSENT_REFUSED, label="petitioner refuses"),
        Transition("lapse_consent", (S.AWAITING_CONSENT,), S.CONSENT_REFUSED, label="no reply, silence = no"),
        Transition("deem_consent", (S.AWAITING_CONSENT,), S.ACCEPTED, label="no reply, silence = yes"),
        Transition("accept", (S.APPLIED,), S.ACCEPTED, label="decide to hold"),
        Transition("deem_accepted", (S.APPLIED,), S.ACCEPTED, label="no decision in time, silence = yes"),
        Transition("refuse", (S.APPLIED,), S.REFUSED, label="decide not to hold, with reasons"),
        Transition("withdraw", (S.APPLIED, *_PREPARING), S.WITHDRAWN, label="withdrawn before the hearing"),
        Transition("schedule", (S.ACCEPTED,), S.SCHEDULED, label="fix date, time and place"),
        Transition("reschedule", (S.SCHEDULED, S.POSTPONED), S.SCHEDULED, label="fix a new date"),
        Transition("postpone", (S.SCHEDULED, S.IN_SESSION), S.POSTPONED, label="延期"),
        Transition("open_session", (S.SCHEDULED,), S.IN_SESSION, label="open the session"),
        Transition("suspend", (S.IN_SESSION,), S.SUSPENDED, label="中止"),
        Transition("set_resumption", (S.SUSPENDED,), S.SUSPENDED, label="fix when the session resumes"),
        Transition("resume", (S.SUSPENDED,), S.IN_SESSION, label="resume the session"),
        Transition("terminate", (S.IN_SESSION,), S.TERMINATED, label="终止: no-show or walk-out"),
        Transition("close_concluded", (S.IN_SESSION,), S.CONCLUDED, label="close, concluded on the spot"),
        Transition("close_pending", (S.IN_SESSION,), S.DELIBERATING, label="close, conclusion later"),
        Transition("conclude", (S.DELIBERATING,), S.CONCLUDED, label="conclude after the session"),
        Transition("serve_report", (S.CONCLUDED,), S.REPORT_SERVED, label="report served on all parties"),
        *_stay("conclude", (S.IN_SESSION,), "conclude on the spot (phase deliberation)"),
        *_stay("add_participant", (*_BEFORE_HEARING, S.IN_SESSION, S.SUSPENDED), "add a participant"),
        *_stay("assign_member", _PREPARING, "seat a panel member"),
        *_stay("request_recusal", (*_PREPARING, S.IN_SESSION, S.SUSPENDED), "request recusal"),
        *_stay("decide_recusal", (*_PREPARING, S.IN_SESSION, S.SUSPENDED), "decide a recusal request"),
        *_stay("replace_member", (*_PREPARING, S.IN_SESSION, S.SUSPENDED), "fill a vacated seat"),
        *_stay("submit_evidence", (S.APPLIED, *_PREPARING, S.IN_SESSION, S.SUSPENDED), "submit evidence"),
        *_stay("announce", (S.SCHEDULED,), "publish the public announcement"),
        *_stay("record_attendance", (S.IN_SESSION,), "record who attends"),
        *_stay("record_entry", (S.IN_SESSION,), "clerk records a statement"),
        *_stay("advance", (S.IN_SESSION,), "enter the next phase"),
        *_stay("skip", (S.IN_SESSION,), "close a phase unheld, with reason"),
        *_stay("cross_examine", (S.IN_SESSION,), "record a party's cross-examination opinion"),
        *_stay("define_issue", (S.IN_SESSION, S.DELIBERATING), "frame a disputed issue"),
        *_stay("find_evidence", (S.IN_SESSION, S.DELIBERATING), "panel admits or rejects evidence"),
        *_stay("cast_vote", (S.IN_SESSION, S.DELIBERATING), "officer votes on an issue"),
        *_stay("sign_record", (S.DELIBERATING, S.CONCLUDED), "sign the record or note a refusal"),
    ],
    initial=S.NEW,
    final=(S.REPORT_SERVED, S.WAIVED, S.CONSENT_REFUSED, S.REFUSED, S.WITHDRAWN, S.TERMINATED),
)

P = Phase
_SPEAKING = tuple(p for p in OPEN_PHASES if p is not P.DELIBERATION)

PHASE_MACHINE = StateMachine(
    "hearing session",
    [p.value for p in Phase],
    [
        *[Transition("advance", (a,), b, label=f"enter {b}") for a, b in zip(PHASES, PHASES[1:], strict=False)],
        *[
            Transition("skip", (p,), PHASES[PHASES.index(p) + 1], label=f"close {p} unheld")
            for p in PHASES
            if p in SKIPPABLE_PHASES
        ],
        Transition("postpone", _BEFORE_DELIBERATION, P.ABANDONED, label="延期 at the session"),
        Transition("terminate_absent", (P.ATTENDANCE_CHECK,), P.ABANDONED, label="petitioner absent"),
        Transition("terminate_left", _BEFORE_DELIBERATION[1:], P.ABANDONED, label="petitioner left"),
        *_stay("suspend", (*_BEFORE_DELIBERATION[1:], P.DELIBERATION), "中止"),
        *_stay("record_attendance", _BEFORE_DELIBERATION, "record arrivals and departures"),
        *_stay("add_participant", _BEFORE_DELIBERATION, "admit a participant"),
        *_stay("record_entry", _SPEAKING, "clerk records a statement"),
        *_stay("request_recusal", _BEFORE_DELIBERATION, "request recusal"),
        *_stay("decide_recusal", _BEFORE_DELIBERATION, "decide a recusal request"),
        *_stay("replace_member", _BEFORE_DELIBERATION, "fill a vacated seat"),
        *_stay("submit_evidence", (P.PETITIONER_STATEMENT, P.HANDLING_UNIT_STATEMENT), "submit evidence"),
        *_stay("cross_examine", (P.CROSS_EXAMINATION,), "record a cross-examination opinion"),
        *_stay("define_issue", (P.DEBATE, P.QUESTIONING, P.FINAL_STATEMENTS, P.DELIBERATION), "frame an issue"),
        *_stay("find_evidence", (P.DELIBERATION,), "admit or reject evidence"),
        *_stay("cast_vote", (P.DELIBERATION,), "officer votes"),
        *_stay("conclude", (P.DELIBERATION,), "close deliberation with a conclusion"),
    ],
    initial=P.ATTENDANCE_CHECK,
    final=(P.CLOSED, P.ABANDONED),
)
