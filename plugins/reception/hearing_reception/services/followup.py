"""Follow-up after the day (访后交办、督办): instruction, transfer, reply, feedback; the case lists.

* the leader's instruction (领导批示) — ``reception.instruct`` (role ``leader``);
* transfer to the responsible department within the profile rule
  ``reception.instruction_transfer`` (2 days) — the bureau, ``reception.desk``;
* the department's reply by its deadline: a date the bureau sets for the case, or the
  profile rule ``reception.department_reply`` — ``reception.reply`` (``handling_officer``);
* the petitioner's feedback (回访) closes the case — ``reception.desk``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hearing_core.errors import CalendarNotCovered, FieldError, ValidationFailed
from hearing_reception import repository as repo
from hearing_reception.domain import CaseState, Feedback, VisitCase
from hearing_reception.domain.vocab import parse_choice
from hearing_reception.services.common import (
    DESK,
    INSTRUCT,
    READ,
    REPLY,
    Page,
    check_version,
    deadline_basis,
    due_on,
    page_bounds,
)
from hearing_reception.services.day import save_case
from hearing_reception.tables import ReceptionCase

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["CaseFilter", "close_case", "feedback", "get_case", "instruct", "list_cases", "reply", "transfer"]

TRANSFER_RULE = "reception.instruction_transfer"
REPLY_RULE = "reception.department_reply"


def _transfer_due(ctx: ServiceContext, instructed_on: dt.date) -> dt.date | None:
    """The transfer limit counted from the instruction; None while the holiday calendar lacks its year.

    A leader's instruction is never turned away for want of a holiday schedule: the limit stays
    open and is fixed at the transfer, when the schedule may have arrived.
    """
    try:
        return due_on(ctx.app, TRANSFER_RULE, instructed_on)
    except CalendarNotCovered:
        return None


async def instruct(ctx: ServiceContext, case_id: int, text: str, *, leader: str | None = None,
                   on: dt.date | None = None, version: int | None = None) -> VisitCase:
    """Record the leader's instruction (批示); it must reach the department within the transfer limit."""
    ctx.require(INSTRUCT)
    day = on or ctx.today()
    async with ctx.write():
        case = await repo.load_case(case_id)
        check_version(f"reception case {case_id}", case.version, version)
        source, _ = case.instruct(text, leader or ctx.actor.label(), day, ctx.today(), _transfer_due(ctx, day))
        return await save_case(ctx, case, "instruct", source, instructed_by=case.instructed_by,
                               transfer_due=case.transfer_due.isoformat() if case.transfer_due else None)


async def transfer(ctx: ServiceContext, case_id: int, department: str, *, on: dt.date | None = None,
                   reply_due: dt.date | None = None, version: int | None = None) -> VisitCase:
    """Transfer the instruction to the responsible department (转交) and fix its reply deadline.

    ``reply_due`` is the date the bureau requires (根据实际情况明确要求); without it the
    profile rule ``reception.department_reply`` is counted from the transfer, and an
    instance whose profile does not set that rule is told to set it.
    """
    ctx.require(DESK)
    day = on or ctx.today()
    if reply_due is not None:
        due, basis = reply_due, "set by the bureau"
    else:
        due, basis = due_on(ctx.app, REPLY_RULE, day), deadline_basis(ctx.app, REPLY_RULE)
    async with ctx.write():
        case = await repo.load_case(case_id)
        check_version(f"reception case {case_id}", case.version, version)
        if case.transfer_due is None and case.instructed_on is not None:
            case.transfer_due = _transfer_due(ctx, case.instructed_on)
        source, _ = case.transfer(department, day, ctx.today(), due, basis)
        return await save_case(ctx, case, "transfer", source, department=case.department, reply_due=due.isoformat(),
                               late=case.transfer_late(ctx.today()))


async def reply(ctx: ServiceContext, case_id: int, text: str, *, resolved: bool, on: dt.date | None = None,
                version: int | None = None) -> VisitCase:
    """The department's reply (办结回复); ``resolved``: the problem was solved (化解)."""
    ctx.require(REPLY)
    async with ctx.write():
        case = await repo.load_case(case_id)
        check_version(f"reception case {case_id}", case.version, version)
        source, _ = case.reply(text, on or ctx.today(), resolved, ctx.today())
        return await save_case(ctx, case, "reply", source, resolved=resolved, on_time=not case.reply_overdue(ctx.today()))


async def feedback(ctx: ServiceContext, case_id: int, grade: str, *, note: str = "", on: dt.date | None = None,
                   version: int | None = None) -> VisitCase:
    """The petitioner's feedback (回访反馈: 满意 / 基本满意 / 不满意); closes the case."""
    ctx.require(DESK)
    errors: list[FieldError] = []
    chosen = parse_choice(Feedback, grade, "feedback", errors)
    if errors or chosen is None:
        raise ValidationFailed("invalid feedback", errors)
    async with ctx.write():
        case = await repo.load_case(case_id)
        check_version(f"reception case {case_id}", case.version, version)
        source, _ = case.give_feedback(chosen, note, on or ctx.today(), ctx.today())
        return await save_case(ctx, case, "feedback", source, feedback=str(chosen))


async def close_case(ctx: ServiceContext, case_id: int, *, on: dt.date | None = None, version: int | None = None) -> VisitCase:
    """Close a case without the petitioner's feedback (办结)."""
    ctx.require(DESK)
    async with ctx.write():
        case = await repo.load_case(case_id)
        check_version(f"reception case {case_id}", case.version, version)
        source, _ = case.close(on or ctx.today(), ctx.today())
        return await save_case(ctx, case, "close", source)


async def get_case(ctx: ServiceContext, case_id: int) -> VisitCase:
    ctx.require(READ)
    return await repo.load_case(case_id)


@dataclass(frozen=True)
class CaseFilter:
    reception_id: int | None = None
    state: str | None = None
    department: str | None = None
    #: Only cases whose reply is overdue (no reply past the deadline, or a late reply).
    overdue: bool | None = None
    #: Only cases instructed but not transferred within the transfer limit.
    transfer_late: bool | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _clauses(f: CaseFilter, today: dt.date) -> list[Any]:
    C = ReceptionCase
    clauses: list[Any] = []
    if f.state:
        if f.state not in {s.value for s in CaseState}:
            raise ValidationFailed("invalid filter", [FieldError("state", f"unknown state {f.state!r}")])
        clauses.append(C.state == f.state)
    if f.reception_id is not None:
        clauses.append(C.reception == f.reception_id)
    if f.department:
        clauses.append(C.department == f.department.strip())
    if f.date_from:
        clauses.append(C.received_on >= f.date_from)
    if f.date_to:
        clauses.append(C.received_on <= f.date_to)
    late_reply = (C.reply_due.is_not_null() & ((C.replied_on.is_null() & (C.reply_due < today))
                  | (C.replied_on.is_not_null() & (C.replied_on > C.reply_due))))
    if f.overdue is True:
        clauses.append(late_reply)
    elif f.overdue is False:
        clauses.append(C.id.not_in(C.select(C.id).where(late_reply)))
    late_transfer = (C.transfer_due.is_not_null() & ((C.transferred_on.is_null() & (C.transfer_due < today))
                     | (C.transferred_on.is_not_null() & (C.transferred_on > C.transfer_due))))
    if f.transfer_late is True:
        clauses.append(late_transfer)
    elif f.transfer_late is False:
        clauses.append(C.id.not_in(C.select(C.id).where(late_transfer)))
    return clauses


async def list_cases(ctx: ServiceContext, f: CaseFilter = CaseFilter(), page: int = 1, per_page: int = 50) -> Page:
    """Received cases, oldest first (the follow-up ledger, 接访台账)."""
    ctx.require(READ)
    page, per_page = page_bounds(page, per_page)
    C = ReceptionCase
    query, count = C.select().order_by(C.received_on).order_by(C.id), C.count()
    for clause in _clauses(f, ctx.today()):
        query, count = query.where(clause), count.where(clause)
    rows = await query.offset((page - 1) * per_page).limit(per_page).run()
    return Page(await repo.load_cases(rows), await count.run(), page, per_page)
