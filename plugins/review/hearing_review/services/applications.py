"""Lodging, reading and listing applications (复查、复核申请的登记和查询).

A review challenges a register item's handling opinion (or the opinion the lower organ
redid after a remand); a re-review challenges a served review opinion. The opinion, its
date of service and the organ that issued it are looked up, not typed: the register for a
handling opinion, this plugin for a review opinion.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, ValidationFailed
from hearing_review import repository as repo
from hearing_review.config import settings_of
from hearing_review.domain import (
    Applicant,
    Challenged,
    ChallengedKind,
    Evidence,
    Kind,
    OrganHierarchy,
    Outcome,
    ReviewApplication,
)
from hearing_review.services import register_link
from hearing_review.services.common import READ, WRITE, mask_applicant, page_bounds, shown
from hearing_review.tables import ReviewApplicationRow as Row
from hearing_review.views import application_view, clock_list, pause_list, short_view

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = [
    "deadlines", "get_application", "list_applications", "load_for_update", "present", "resolve_challenged", "submit",
]


def _parse_kind(kind: str | Kind) -> Kind:
    try:
        return kind if isinstance(kind, Kind) else Kind.parse(kind)
    except ValueError as exc:
        raise ValidationFailed("invalid kind", [FieldError("kind", str(exc))]) from None


def _organ(organs: OrganHierarchy, code: str | None, field: str, why: str) -> str:
    if not code:
        raise ValidationFailed(f"no {field}", [FieldError(field, why)])
    if code not in organs:
        found = organs.by_name(code)
        if found is None:
            raise ValidationFailed(f"unknown {field}", [FieldError(field, f"'{code}' is not in the organ table "
                                                                   "(`hearing reviews organs list`)")])
        return found.code
    return code


async def resolve_challenged(ctx: ServiceContext, kind: Kind, *, item_ref: str | None, review_ref: str | None,
                             redo_of: str | None, original_organ: str | None, organs: OrganHierarchy) -> Challenged:
    """The opinion an application challenges, as the register (or this plugin) records it now."""
    given = [n for n, v in (("item_ref", item_ref), ("review_ref", review_ref), ("redo_of", redo_of)) if v]
    allowed = ("item_ref", "redo_of") if kind is Kind.REVIEW else ("review_ref",)
    if len(given) != 1 or given[0] not in allowed:
        raise ValidationFailed("which opinion is challenged?", [FieldError(
            "challenged", f"a {kind.value} names exactly one of: {', '.join(allowed)}")])
    if item_ref:
        opinion = await register_link.handling_opinion(ctx, item_ref)
        assert opinion.matter_ref is not None
        by_unit = organs.by_name(opinion.handling_unit)
        code = original_organ or (by_unit.code if by_unit else None) or settings_of(ctx.app).handling_organ
        code = _organ(organs, code, "original_organ", "name the organ that issued the handling opinion (the "
                      "register names no handling unit and [review] handling_organ is not set)")
        return Challenged(ChallengedKind.HANDLING_OPINION, opinion.item_ref, opinion.matter_ref, code,
                          opinion.served_on, opinion.outcome, statutory_route=opinion.routed_to)
    ref = review_ref or redo_of or ""
    earlier, _ = await repo.load(ref)
    if earlier.kind is not Kind.REVIEW:
        raise ValidationFailed("not a review", [FieldError(given[0], f"{ref} is a {earlier.kind.value}")])
    if review_ref:
        return Challenged(ChallengedKind.REVIEW_OPINION, earlier.ref, earlier.matter_ref, earlier.receiving_organ,
                          earlier.served_on, earlier.decision.outcome.value if earlier.decision else None)
    if earlier.decision is None or earlier.decision.outcome is not Outcome.REVOKE_REMAND:
        raise ValidationFailed("not remanded", [FieldError("redo_of", f"{ref} did not remand the matter")])
    redo = earlier.redo
    return Challenged(ChallengedKind.REDONE_OPINION, earlier.ref, earlier.matter_ref, earlier.challenged.organ,
                      redo.served_on if redo else None, redo.conclusion if redo else None)


def _checked(applicant: Applicant, today: dt.date) -> tuple[Applicant, list[FieldError]]:
    """The applicant's ID number and phone checked and normalised as the register does (GB 11643)."""
    from dataclasses import replace

    from hearing_core.petitions.domain import Petitioner

    person = Petitioner(applicant.name, applicant.id_number or None, applicant.phone or None)
    errors = [e for e in person.problems("applicant", today=today) if e.field != "applicant.name"]
    if errors:
        return applicant, errors
    p = person.normalised()
    return replace(applicant, name=applicant.name.strip(), id_number=p.id_number, phone=p.phone), []


async def present(ctx: ServiceContext, a: ReviewApplication, row: dict[str, Any], *,
                  reveal: bool = False) -> dict[str, Any]:
    """The application's view. The result of a change shows personal data masked (as the register
    does); ``reveal`` is the deliberate read: in full for ``personal_data.read``, audited."""
    assert a.id is not None
    view = application_view(ctx.app, a, row, await repo.pauses_of(a.id), await repo.hierarchy(), ctx.today())
    if not reveal:
        return mask_applicant(view)
    return (await shown(ctx, [view], what=f"review application {a.ref}"))[0]


async def submit(
    ctx: ServiceContext,
    *,
    kind: str | Kind,
    applicant: Applicant,
    request: str,
    reasons: str,
    item_ref: str | None = None,
    review_ref: str | None = None,
    redo_of: str | None = None,
    received_on: dt.date | None = None,
    receiving_organ: str | None = None,
    original_organ: str | None = None,
    evidence: Sequence[Evidence] = (),
) -> dict[str, Any]:
    """Register an application as received (登记复查、复核申请); admissibility is examined next."""
    ctx.require(WRITE)
    k = _parse_kind(kind)
    organs = await repo.hierarchy()
    challenged = await resolve_challenged(ctx, k, item_ref=item_ref, review_ref=review_ref, redo_of=redo_of,
                                          original_organ=original_organ, organs=organs)
    receiving = _organ(organs, receiving_organ or settings_of(ctx.app).organ, "receiving_organ",
                       "name the organ the application was lodged with ([review] organ is not set)")
    applicant, person_errors = _checked(applicant, ctx.today())
    a = ReviewApplication(k, challenged, applicant, receiving, request.strip(), reasons.strip(),
                          received_on or ctx.today(), evidence=list(evidence))
    errors = [*person_errors, *a.problems(ctx.today())]
    if errors:
        raise ValidationFailed(f"invalid {k.value} application", errors)
    now = ctx.now()
    async with ctx.write():
        a.ref = await repo.next_ref(k, a.received_on.year)
        values = {**repo.application_values(a), "created_by": ctx.actor.username, "created_at": now,
                  "updated_at": now, "version": 1}
        inserted = await Row.insert(Row(**values)).returning(Row.id).run()
        a.id = inserted[0]["id"]
        await ctx.audit(f"{k.value}.apply", "review_application", a.id, subject_ref=a.matter_ref, after={
            "ref": a.ref, "challenged": f"{challenged.kind.value}:{challenged.ref}", "applicant": applicant.name,
            "capacity": applicant.capacity.value, "receiving_organ": receiving, "received_on": a.received_on.isoformat()})
        row = await repo.fetch_row(a.ref)
    return await present(ctx, a, row)


async def get_application(ctx: ServiceContext, ref: str) -> dict[str, Any]:
    """One application with its checklist, decision, pauses and clocks."""
    ctx.require(READ)
    a, row = await repo.load(ref)
    return await present(ctx, a, row, reveal=True)


async def list_applications(
    ctx: ServiceContext, *, kind: str | None = None, state: str | None = None, matter_ref: str | None = None,
    year: int | None = None, page: int = 1, per_page: int = 50,
) -> dict[str, Any]:
    """Applications, newest first: ``{"items", "total", "page", "per_page"}`` (no personal data)."""
    ctx.require(READ)
    page, per_page = page_bounds(page, per_page)
    clauses: list[Any] = []
    if kind:
        clauses.append(Row.kind == _parse_kind(kind).value)
    if state:
        from hearing_review.domain import ApplicationState

        try:
            clauses.append(Row.state == ApplicationState.parse(state).value)
        except ValueError as exc:
            raise ValidationFailed("invalid state", [FieldError("state", str(exc))]) from None
    if matter_ref:
        clauses.append(Row.matter_ref == matter_ref.strip())
    if year is not None:
        clauses += [Row.received_on >= dt.date(year, 1, 1), Row.received_on <= dt.date(year, 12, 31)]
    query, count = Row.select().order_by(Row.received_on, Row.id, ascending=False), Row.count()
    for clause in clauses:
        query, count = query.where(clause), count.where(clause)
    rows = await query.offset((page - 1) * per_page).limit(per_page).run()
    items = [short_view(repo.to_domain(r)) for r in rows]
    return {"items": items, "total": await count.run(), "page": page, "per_page": per_page}


async def deadlines(ctx: ServiceContext, ref: str) -> list[dict[str, Any]]:
    """The application's clocks with the deadline engine's explanation (期限说明)."""
    ctx.require(READ)
    a, _ = await repo.load(ref)
    assert a.id is not None
    return clock_list(ctx.app, a, pause_list(await repo.pauses_of(a.id)), ctx.today(), full=True)


async def load_for_update(ref: str, version: int | None) -> tuple[ReviewApplication, dict[str, Any]]:
    """Load inside a write transaction and check the version the caller read (stale → 409)."""
    from hearing_core.errors import Conflict

    a, row = await repo.load(ref)
    if version is not None and version != row["version"]:
        raise Conflict(f"review application {ref} was changed by someone else (version {row['version']}, you sent "
                       f"{version}); reload it and try again", current_version=row["version"])
    return a, row
