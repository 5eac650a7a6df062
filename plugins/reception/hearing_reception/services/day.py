"""The reception day (接访当日): open, register visitors (登记), hear them (接谈), record who took part, close.

The seed county's procedure: visitors are registered at the registration area
(登记区), wait (候访区), are heard by the leader (接访区) who answers and gives a
handling note; right after the day every case is classified as resolved on the spot,
to be resolved by a deadline, education and guidance, or needing further study.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hearing_core.errors import Conflict, FieldError, RuleViolation, ValidationFailed
from hearing_reception import register
from hearing_reception import repository as repo
from hearing_reception.domain import CaseState, Outcome, Reception, VisitCase, Visitor
from hearing_reception.domain.vocab import parse_choice
from hearing_reception.services.common import CASE_KIND, DESK, check_version
from hearing_reception.services.planning import save_reception
from hearing_reception.tables import ReceptionCase
from hearing_reception.views import mask_address

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["VisitorDraft", "close_reception", "hear", "open_reception", "register_visitors", "save_case",
           "set_participants", "suggest_repeats", "withdraw"]


@dataclass
class VisitorDraft:
    """A visitor batch at the registration desk (来访登记表)."""

    persons: int
    petitioners: list[Visitor]
    summary: str
    request: str = ""
    category: str | None = None
    #: An item already in the register (the batch was registered there first).
    item_ref: str | None = None
    #: A matter the batch belongs to (a confirmed repeat, 重复访).
    matter_ref: str | None = None
    #: Open a new matter for the batch's item.
    new_matter: bool = False


async def open_reception(ctx: ServiceContext, reception_id: int, version: int | None = None) -> Reception:
    """Open the reception day; visitors can be registered from now on."""
    ctx.require(DESK)
    async with ctx.write():
        reception = await repo.load_reception(reception_id)
        check_version(f"reception {reception_id}", reception.version, version)
        source, _ = reception.open(ctx.today())
        return await save_reception(ctx, reception, "open", source)


async def close_reception(ctx: ServiceContext, reception_id: int, version: int | None = None) -> Reception:
    """Close the day; every batch must have been heard (with an outcome) or have left."""
    ctx.require(DESK)
    async with ctx.write():
        reception = await repo.load_reception(reception_id)
        check_version(f"reception {reception_id}", reception.version, version)
        waiting = await ReceptionCase.select(ReceptionCase.id).where(
            (ReceptionCase.reception == reception_id) & (ReceptionCase.state == CaseState.WAITING.value)).run()
        if waiting:
            ids = ", ".join(str(r["id"]) for r in waiting)
            raise RuleViolation(f"cases {ids} are still waiting: hear them or record that they left",
                                rule="reception.close", waiting=[r["id"] for r in waiting])
        source, _ = reception.close()
        return await save_reception(ctx, reception, "close", source)


async def set_participants(ctx: ServiceContext, reception_id: int, leaders: list[str], version: int | None = None) -> Reception:
    """Record every leader who took part (参与接访), one person-time each."""
    ctx.require(DESK)
    async with ctx.write():
        reception = await repo.load_reception(reception_id)
        check_version(f"reception {reception_id}", reception.version, version)
        found = [await repo.fetch_leader(ref) for ref in leaders]
        source, _ = reception.set_participants(found)
        return await save_reception(ctx, reception, "set_participants", source, participants=True,
                                    audit={"leaders": [lead.code for lead in found]})


async def save_case(ctx: ServiceContext, case: VisitCase, action: str, source: str, **audit: Any) -> VisitCase:
    """Store a changed case (version-checked), with its audit entry and event."""
    assert case.id is not None
    case.version = await repo.bump(ReceptionCase, case.id, case.version, repo.case_values(case), ctx.now(),
                                   f"reception case {case.id}")
    await ctx.audit(f"reception.case.{action}", "reception_case", case.id, before={"state": source},
                    after={"state": case.state, **audit}, subject_ref=case.item_ref or "")
    await ctx.transitioned(CASE_KIND, case, source, case.state, action)
    return case


def _draft_case(reception: Reception, draft: VisitorDraft) -> VisitCase:
    case = VisitCase(None, reception.id or 0, reception.day, draft.persons, draft.summary.strip(),
                     list(draft.petitioners), draft.request.strip(), draft.category or None)
    problems = case.problems()
    if draft.item_ref and (draft.matter_ref or draft.new_matter):
        problems.append(FieldError("item_ref", "an existing item keeps its matter; link it in the register"))
    if problems:
        raise ValidationFailed("invalid visitor registration", problems)
    return case


async def suggest_repeats(ctx: ServiceContext, reception_id: int, draft: VisitorDraft) -> list[dict[str, Any]]:
    """Earlier petition items this batch probably repeats (before registering it)."""
    ctx.require(DESK)
    reception = await repo.load_reception(reception_id)
    case = _draft_case(reception, draft)
    visitors = register.normalised_visitors(case.visitors, ctx.today())
    item = register.petition_item(received_on=case.received_on, persons=case.persons, visitors=visitors,
                                  summary=case.summary, request=case.request, category=case.category, matter_ref=None)
    return await register.suggest_for_draft(ctx, item)


async def register_visitors(ctx: ServiceContext, reception_id: int, draft: VisitorDraft) -> tuple[VisitCase, list[dict[str, Any]]]:
    """Register a visitor batch (来访登记) and its petition item; returns the case and repeat suggestions.

    With ``item_ref`` the batch is linked to an item already in the register; otherwise a new
    item (来访) is registered, joining ``matter_ref`` if given. Suggestions are computed before
    the new item is stored, so an item never suggests itself.
    """
    ctx.require(DESK)
    async with ctx.write():
        reception = await repo.load_reception(reception_id)
        reception.require("register_visitors")
        case = _draft_case(reception, draft)
        case.visitors = register.normalised_visitors(case.visitors, ctx.today())
        if draft.item_ref:
            if await ReceptionCase.exists().where(ReceptionCase.item_ref == draft.item_ref.strip()).run():
                raise Conflict(f"petition item {draft.item_ref} is already linked to a reception case")
            case.item_ref, category, received = await register.existing_item(ctx, draft.item_ref.strip())
            case.category = case.category or category
            if received != reception.day:
                raise RuleViolation(f"item {case.item_ref} was received on {received.isoformat()}, not on the "
                                    f"reception day {reception.day.isoformat()}", rule="reception.register")
            suggestions = [s for s in await register.suggest_for_item(ctx, case.item_ref) if s["ref"] != case.item_ref]
        else:
            item = register.petition_item(received_on=case.received_on, persons=case.persons, visitors=case.visitors,
                                          summary=case.summary, request=case.request, category=case.category,
                                          matter_ref=draft.matter_ref)
            suggestions = await register.suggest_for_draft(ctx, item)
            case.item_ref, case.category = await register.register_item(ctx, item, new_matter=draft.new_matter)
        case.batch_no = await ReceptionCase.count().where(ReceptionCase.reception == reception_id).run() + 1
        now = ctx.now()
        row = await ReceptionCase.insert(ReceptionCase(**repo.case_values(case), registered_by=ctx.actor.username,
                                                       created_at=now, updated_at=now, version=1)).returning(ReceptionCase.id).run()
        case.id = row[0]["id"]
        await repo.insert_visitors(case.id, case.visitors)
        # Personal data goes into the audit log masked: the log is a log, not a register.
        await ctx.audit("reception.case.register", "reception_case", case.id, subject_ref=case.item_ref or "",
                        after={"reception": reception_id, "batch_no": case.batch_no, "persons": case.persons,
                               "item_ref": case.item_ref, "petitioners": len(case.visitors),
                               "addresses": [mask_address(v.address) for v in case.visitors]})
    return case, suggestions


async def hear(ctx: ServiceContext, case_id: int, note: str, outcome: str, *, heard_on: dt.date | None = None,
               version: int | None = None) -> VisitCase:
    """The leader hears the batch: handling note (处理意见) and outcome category (分类处理)."""
    ctx.require(DESK)
    errors: list[FieldError] = []
    chosen = parse_choice(Outcome, outcome, "outcome", errors)
    if errors or chosen is None:
        raise ValidationFailed("invalid outcome", errors)
    async with ctx.write():
        case = await repo.load_case(case_id)
        check_version(f"reception case {case_id}", case.version, version)
        source, _ = case.hear(note, chosen, heard_on or case.received_on, ctx.today())
        return await save_case(ctx, case, "hear", source, outcome=str(chosen))


async def withdraw(ctx: ServiceContext, case_id: int, version: int | None = None) -> VisitCase:
    """The batch left before being heard (未接谈离开); it is not counted as received."""
    ctx.require(DESK)
    async with ctx.write():
        case = await repo.load_case(case_id)
        check_version(f"reception case {case_id}", case.version, version)
        source, _ = case.withdraw()
        return await save_case(ctx, case, "withdraw", source)
