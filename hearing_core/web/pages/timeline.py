"""A matter's whole history on one page (事项时间线), gathered from the services that own it.

Items and their disposition events (the register), each item's deadlines with the
engine's explanation, the backlog ledger entry, hearings and their documents (the
hearings service), review applications and follow-ups (the review plugin's
``matter_status``, only when it is loaded) and the audit entries about the matter.
A section is gathered only for a user holding its permission.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hearing_core.hearings.documents.labels import CASE_STATE
from hearing_core.web.i18n import N_, gettext
from hearing_core.web.labels import EVENT_LABELS, code_label, label

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext
    from hearing_core.petitions.records import ItemRecord

__all__ = ["matter_timeline"]

_EVENT_DETAIL = {
    "transferred": "handling_unit", "assigned": "handling_unit", "extended": "extension_reason",
    "not_accepted": "not_accepted_reason", "opinion_issued": "opinion", "routed_to_statutory_procedure": "routed_to",
    "completion_reported": "completion_report",
}
#: Hearing documents (听证公告, 听证笔录, 听证报告) and the point from which each exists.
_HEARING_DOCS = (
    ("announcement", "scheduled", N_("Hearing announcement")),
    ("record", "heard", N_("Hearing record")),
    ("report", "concluded", N_("Hearing report")),
)


def _event(on: Any, kind: str, title: str, detail: str = "", href: str = "", ref: str = "") -> dict[str, Any]:
    day = on.date() if isinstance(on, dt.datetime) else on
    return {"on": day, "kind": kind, "title": title, "detail": detail, "href": href, "ref": ref}


def _item_events(record: ItemRecord, lang: str) -> list[dict[str, Any]]:
    disposition = record.disposition_dict()
    events = []
    for event in record.disposition.clock_events():
        kind = str(event.kind)
        detail = str(disposition.get(_EVENT_DETAIL.get(kind, ""), "") or "")
        if kind == "assigned" and event.due_on:
            detail = f"{detail} → {event.due_on.isoformat()}"
        if kind == "extended" and event.days:
            detail = f"+{event.days} · {detail}"
        events.append(_event(event.on, "item", label(EVENT_LABELS, kind, lang), detail,
                             f"/register/items/{record.ref}", record.ref))
    return events


async def _hearings(ctx: ServiceContext, matter_ref: str, lang: str) -> tuple[list[Any], list[Any], list[Any]]:
    from hearing_core.hearings import service as hearings

    rows, events, documents = [], [], []
    for stored in await hearings.hearings_for_matter(ctx, matter_ref):
        case = stored.case
        state = str(stored.state)
        slot = case.schedule.slot if case.schedule is not None else None
        rows.append({"id": stored.id, "state": code_label(CASE_STATE, state, lang),
                     "start": slot.start if slot else None, "venue": slot.venue if slot else None})
        title = code_label(CASE_STATE, state, lang)
        events.append(_event(stored.created_at or ctx.today(), "hearing", title, f"#{stored.id}"))
        reached = {"scheduled": slot is not None, "heard": case.heard_on is not None,
                   "concluded": case.conclusion is not None}
        for kind, needs, title_id in _HEARING_DOCS:
            if reached[needs]:
                documents.append({"title": gettext(lang, title_id), "hearing": stored.id,
                                  "href": f"/api/v1/hearings/{stored.id}/documents/{kind}?format=pdf"})
        if case.conclusion is not None:
            events.append(_event(case.conclusion.reached_at, "hearing", title, f"#{stored.id}"))
    return rows, events, documents


async def _reviews(ctx: ServiceContext, matter_ref: str) -> dict[str, Any] | None:
    from hearing_review import services as reviews

    return await reviews.matter_status(ctx, matter_ref)


async def _audit(ctx: ServiceContext, matter_ref: str) -> list[dict[str, Any]]:
    from hearing_core.audit.query import AuditFilter, list_audit_entries

    found = await list_audit_entries(ctx, AuditFilter(subject_ref=matter_ref), per_page=200, newest_first=False)
    return list(found["items"])


async def _backlog(ctx: ServiceContext, matter_ref: str) -> dict[str, Any]:
    from hearing_core.petitions.service import backlog

    return (await backlog.get_case(ctx, matter_ref)).as_dict()


async def matter_timeline(ctx: ServiceContext, matter_ref: str, lang: str) -> dict[str, Any]:
    """Everything the actor may see about ``matter_ref``, with one chronological ``events`` list."""
    from hearing_core.petitions import service
    from hearing_core.petitions.service import deadlines

    actor, app = ctx.actor, ctx.app
    matter = await service.get_matter(ctx, matter_ref)
    items, events = [], []
    for record in matter.items:
        clocks = [c.as_dict(explain=True) for c in await deadlines.explain_item(ctx, record.ref)]
        items.append({**record.as_dict(), "clocks": clocks})
        events += _item_events(record, lang)
    result: dict[str, Any] = {"matter": matter.as_dict(with_items=False), "items": items, "hearings": None,
                              "documents": [], "reviews": None, "audit": None, "backlog": None}
    if matter.on_backlog and actor.has("backlog.read"):
        result["backlog"] = await _backlog(ctx, matter_ref)
        events.append(_event(dt.date.fromisoformat(result["backlog"]["listed_on"]), "backlog",
                             gettext(lang, N_("Put on the backlog ledger")),
                             result["backlog"]["owning_leader"]))
    if actor.has("hearings.read"):
        result["hearings"], hearing_events, result["documents"] = await _hearings(ctx, matter_ref, lang)
        events += hearing_events
    if app.pm.has_plugin("review") and actor.has("reviews.read"):
        result["reviews"] = await _reviews(ctx, matter_ref)
        for application in result["reviews"]["applications"]:
            events.append(_event(dt.date.fromisoformat(application["received_on"]), "review",
                                 application["kind"], application["ref"]))
    if actor.has("audit.read"):
        result["audit"] = await _audit(ctx, matter_ref)
    result["events"] = sorted(events, key=lambda e: (e["on"], e["kind"] != "item"))
    return result
