"""Satisfaction evaluation (满意度评价) of concluded items and matters.

A rating is accepted from the day the opinion was served to the end of the
profile rule ``satisfaction.window``. The national profile leaves that window
open (``requires_config``): until the instance profile sets it, rating is
refused with the engine's message telling the administrator what to set.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hearing_core.errors import Conflict, FieldError, NotFound, RuleViolation, ValidationFailed
from hearing_core.petitions import repository as repo
from hearing_core.petitions.domain import EvaluationWindow, SatisfactionGrade, evaluate, summarise
from hearing_core.petitions.service.common import READ, WRITE, not_future, raise_if
from hearing_core.petitions.tables import PetitionItem as ItemRow
from hearing_core.petitions.tables import SatisfactionRating as RatingRow

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["evaluate_item", "evaluate_matter", "satisfaction_summary"]


def _grade(value: str | SatisfactionGrade) -> SatisfactionGrade:
    if isinstance(value, SatisfactionGrade):
        return value
    try:
        return SatisfactionGrade.parse(value)
    except ValueError as exc:
        raise ValidationFailed("invalid rating", [FieldError("grade", str(exc))]) from None


async def evaluate_item(
    ctx: ServiceContext, ref: str, grade: str | SatisfactionGrade, *, on: dt.date | None = None, comment: str = ""
) -> dict[str, Any]:
    """Record the petitioner's rating of a concluded item, inside the evaluation window."""
    ctx.require(WRITE)
    code = _grade(grade)
    day = on or ctx.today()
    raise_if(not_future("on", day, ctx.today()), "invalid date")
    async with ctx.write():
        record = await repo.load_item(ref)
        d = record.disposition
        if d.state != "concluded" or d.opinion_served_on is None:
            raise RuleViolation(
                f"item {record.ref} is {d.state}: only a concluded item whose opinion was served can be rated",
                rule="satisfaction.concluded_only",
            )
        deadline = ctx.app.deadline("satisfaction.window", d.opinion_served_on)  # RuleViolation if not configured
        assert deadline.due is not None
        rating = evaluate(code, day, EvaluationWindow(d.opinion_served_on, deadline.due), comment=comment,
                          item_id=record.id)
        if await RatingRow.exists().where(RatingRow.item == record.id).run():
            raise Conflict(f"item {record.ref} has already been rated")
        matter = None
        if record.matter_ref:
            matter = (await repo.fetch_matter_row(record.matter_ref))["id"]
        await RatingRow.insert(RatingRow(item=record.id, matter=matter, grade=code.value, evaluated_on=day,
                                         comment=rating.comment, recorded_by=ctx.actor.username,
                                         created_at=ctx.now())).run()
        result = {"ref": record.ref, "matter_ref": record.matter_ref, "grade": code.value, "grade_label": code.label,
                  "evaluated_on": day.isoformat(), "window_closes_on": deadline.due.isoformat(),
                  "comment": rating.comment}
        await ctx.audit("petition.evaluate", "petition_item", record.id, after=result,
                        subject_ref=record.matter_ref or record.ref)
    return result


async def evaluate_matter(
    ctx: ServiceContext, matter_ref: str, grade: str | SatisfactionGrade, *, on: dt.date | None = None,
    comment: str = "",
) -> dict[str, Any]:
    """Rate a matter: the rating applies to its most recently concluded item."""
    ctx.require(WRITE)
    matter = await repo.fetch_matter_row(matter_ref)
    row = await ItemRow.select(ItemRow.ref).where(
        (ItemRow.matter == matter["id"]) & (ItemRow.status == "concluded")
    ).order_by(ItemRow.concluded_on, ascending=False).first().run()
    if row is None:
        raise NotFound(f"matter {matter_ref} has no concluded item to rate")
    return await evaluate_item(ctx, row["ref"], grade, on=on, comment=comment)


async def satisfaction_summary(ctx: ServiceContext, year: int) -> dict[str, Any]:
    """参评率 and 满意率 of items concluded in ``year`` (profile decides whether 基本满意 counts)."""
    ctx.require(READ)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    concluded = ItemRow.select(ItemRow.id).where(
        (ItemRow.status == "concluded") & (ItemRow.concluded_on >= start) & (ItemRow.concluded_on <= end))
    eligible = await ItemRow.count().where(ItemRow.id.is_in(concluded)).run()
    grades = [SatisfactionGrade(r["grade"]) for r in
              await RatingRow.select(RatingRow.grade).where(RatingRow.item.is_in(concluded)).run()]
    summary = summarise(grades, eligible=eligible, basically_counts_as_satisfied=bool(
        ctx.app.param("satisfaction.basically_counts_as_satisfied")))
    return {"year": year, "eligible": summary.eligible, "evaluated": summary.evaluated,
            "satisfied": summary.satisfied,
            "participation_pct": str(summary.participation_pct) if summary.participation_pct is not None else None,
            "satisfaction_pct": str(summary.satisfaction_pct) if summary.satisfaction_pct is not None else None}
