"""Public notices of receptions (接访公示): publish, render as HTML/PDF, flag late ones.

The latest publication day is the profile rule ``reception.notice`` counted back from
the reception day (5 calendar days in the seed county; a bureau changes it in its
instance profile). Publishing later is recorded and flagged, not refused: the notice
still has to go out, and the report counts it as late.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, RuleViolation, ValidationFailed
from hearing_reception import repository as repo
from hearing_reception.config import settings_of
from hearing_reception.domain import NoticeStatus, Reception, ReceptionState, notice_context, notice_status
from hearing_reception.domain.notice import NOTICE_STATUS_LABELS
from hearing_reception.services.common import PLAN, READ, check_version, due_on, not_future
from hearing_reception.services.planning import save_reception
from hearing_reception.tables import ReceptionNotice, ReceptionRow

if TYPE_CHECKING:
    from hearing_core.app import HearingApp
    from hearing_core.context import ServiceContext

__all__ = ["NOTICE_RULE", "TEMPLATE", "notice_document", "notice_statuses", "publish_notice"]

NOTICE_RULE = "reception.notice"
TEMPLATE = "reception/notice.html"
MAX_RECEPTIONS = 200


async def _latest_notices(ids: list[int]) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        rows = await (
            ReceptionNotice.select()
            .where(ReceptionNotice.reception.is_in(ids[i : i + 500]) & (ReceptionNotice.superseded == False))  # noqa: E712
            .output(load_json=True)
            .run()
        )
        found.update({r["reception"]: r for r in rows})
    return found


def _status(app: HearingApp, reception: Reception, notice: dict[str, Any] | None, today: dt.date) -> dict[str, Any]:
    due = due_on(app, NOTICE_RULE, reception.day)
    published = notice["published_on"] if notice else None
    status = notice_status(due, published, today)
    return {
        "reception_id": reception.id, "date": reception.day.isoformat(), "place": reception.place,
        "state": reception.state, "leaders": [p.name for p in reception.participants],
        "notice_due": due.isoformat(), "published_on": published.isoformat() if published else None,
        "channels": notice["channels"] if notice else [], "status": str(status),
        "status_zh": NOTICE_STATUS_LABELS[status], "flagged": status in (NoticeStatus.LATE, NoticeStatus.OVERDUE),
    }


async def publish_notice(ctx: ServiceContext, reception_ids: list[int], *, published_on: dt.date | None = None,
                         channels: list[str] | None = None, doc_number: str = "",
                         version: int | None = None) -> list[dict[str, Any]]:
    """Record that the notice of these receptions was published (公示), on time or flagged late."""
    ctx.require(PLAN)
    if not reception_ids or len(reception_ids) > MAX_RECEPTIONS:
        raise ValidationFailed("invalid notice", [FieldError("receptions", f"1 to {MAX_RECEPTIONS} receptions")])
    on = published_on or ctx.today()
    not_future("published_on", on, ctx)
    chosen = [c.strip() for c in (channels or settings_of(ctx.app).notice_channels) if c.strip()]
    if not chosen or len(doc_number) > 100:
        raise ValidationFailed("invalid notice", [FieldError("channels", "name where the notice is published")])
    results = []
    async with ctx.write():
        for reception_id in dict.fromkeys(reception_ids):
            reception = await repo.load_reception(reception_id)
            if version is not None and len(reception_ids) == 1:
                check_version(f"reception {reception_id}", reception.version, version)
            if on > reception.day:
                raise RuleViolation(f"a notice published on {on.isoformat()} comes after the reception of "
                                    f"{reception.day.isoformat()}", rule=NOTICE_RULE)
            source, _ = reception.announce()
            due = due_on(ctx.app, NOTICE_RULE, reception.day)
            await ReceptionNotice.update({"superseded": True}).where(ReceptionNotice.reception == reception_id).run()
            late = on > due
            await ReceptionNotice.insert(ReceptionNotice(
                reception=reception_id, published_on=on, due_on=due, late=late, channels=chosen, doc_number=doc_number,
                superseded=False, profile_fingerprint=ctx.app.profile.fingerprint(), published_by=ctx.actor.username,
                created_at=ctx.now(),
            )).run()
            await save_reception(ctx, reception, "announce", source,
                                 audit={"published_on": on.isoformat(), "due_on": due.isoformat(), "late": late,
                                        "channels": chosen})
            results.append(_status(ctx.app, reception, {"published_on": on, "channels": chosen}, ctx.today()))
    return results


async def notice_statuses(ctx: ServiceContext, start: dt.date, end: dt.date, *, flagged_only: bool = False) -> list[dict[str, Any]]:
    """Notice status of every reception in the period (cancelled ones left out); ``flagged``: late or overdue."""
    ctx.require(READ)
    rows = await (
        ReceptionRow.select()
        .where((ReceptionRow.day >= start) & (ReceptionRow.day <= end) & (ReceptionRow.state != ReceptionState.CANCELLED.value))
        .order_by(ReceptionRow.day).order_by(ReceptionRow.id)
        .run()
    )
    receptions = await repo.load_receptions(rows)
    notices = await _latest_notices([r.id for r in receptions if r.id is not None])
    today = ctx.today()
    statuses = [_status(ctx.app, r, notices.get(r.id or 0), today) for r in receptions]
    return [s for s in statuses if s["flagged"]] if flagged_only else statuses


async def notice_document(ctx: ServiceContext, reception_ids: list[int], fmt: str = "html", *,
                          issue_date: dt.date | None = None, doc_number: str = "") -> str | bytes:
    """The public notice (接访公示) of these receptions as HTML or PDF, in Chinese."""
    ctx.require(READ)
    if fmt not in ("html", "pdf"):
        raise ValidationFailed("invalid format", [FieldError("format", "html or pdf")])
    if not reception_ids or len(reception_ids) > MAX_RECEPTIONS:
        raise ValidationFailed("invalid notice", [FieldError("receptions", f"1 to {MAX_RECEPTIONS} receptions")])
    receptions = [await repo.load_reception(i) for i in dict.fromkeys(reception_ids)]
    cancelled = [r.id for r in receptions if r.state == ReceptionState.CANCELLED]
    if cancelled:
        raise RuleViolation(f"reception {cancelled[0]} is cancelled and cannot be announced", rule=NOTICE_RULE)
    notices = await _latest_notices([r.id for r in receptions if r.id is not None])
    published = [n["published_on"] for n in notices.values()]
    settings = settings_of(ctx.app)
    context = notice_context(
        receptions, organ_name=ctx.app.settings.organ_name, issue_date=issue_date or (max(published) if published else ctx.today()),
        doc_number=doc_number, channels=settings.notice_channels, contact_name=settings.contact_name,
        contact_phone=settings.contact_phone,
    )
    renderer = ctx.app.renderer
    # Leaders act in their office; the notice holds no private person's data.
    if fmt == "pdf":
        return await renderer.pdf_async(TEMPLATE, context)  # type: ignore[no-any-return]
    return renderer.html(TEMPLATE, context)  # type: ignore[no-any-return]
