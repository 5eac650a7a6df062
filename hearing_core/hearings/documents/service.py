"""Use cases of hearing documents (听证文书服务): render a document, the docket, calendars.

Every function takes a ServiceContext and needs ``hearings.read``; a case out of the actor's
scope is "not found", as everywhere in hearings. Personal data (the names of private persons)
is shown only to actors holding ``personal_data.read``; everyone else gets the masked
document. PDFs are laid out off the event loop (``pdf_async``), and no write transaction is
held while they are: the case is read, the document rendered, then the audit entry written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any, Literal

from hearing_core.audit.reads import audit_export, audit_read
from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.hearings.documents import TEMPLATES
from hearing_core.hearings.documents.docket import (
    DocketCase,
    calendar_by_officer,
    calendar_by_venue,
    docket_context,
    docket_csv,
    docket_rows,
)
from hearing_core.hearings.documents.loading import cases_between, matter_info, organ_of
from hearing_core.hearings.documents.notice import announcement_context, notice_context, notice_recipients
from hearing_core.hearings.documents.record import record_context
from hearing_core.hearings.documents.report import report_context
from hearing_core.security.masking import PERSONAL_DATA_PERMISSION

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext
    from hearing_core.hearings.stored import StoredHearing

__all__ = ["FORMATS", "docket", "document_context", "render_document", "sittings"]

READ = "hearings.read"
FORMATS = ("pdf", "html")
DocFormat = Literal["pdf", "html"]


def _check(value: str, choices: tuple[str, ...], field: str) -> str:
    if value not in choices:
        raise ValidationFailed(f"invalid {field}", [FieldError(field, f"'{value}' is not one of {', '.join(choices)}")])
    return value


def _personal(ctx: ServiceContext) -> bool:
    return ctx.actor.has(PERSONAL_DATA_PERMISSION)


async def document_context(
    ctx: ServiceContext, case_id: int, kind: str, *, participant: int | None = None
) -> tuple[StoredHearing, dict[str, Any]]:
    """The stored case and the template context of document ``kind`` (no audit: nothing rendered)."""
    from hearing_core.hearings.service.common import calc, fetch

    ctx.require(READ)
    _check(kind, tuple(TEMPLATES), "kind")
    stored = await fetch(ctx, case_id)
    organ, matter = organ_of(ctx), await matter_info(ctx, stored.matter_ref)
    case = stored.case
    if kind == "notice":
        if participant is None:
            choices = ", ".join(f"{p.no} ({p.name})" for p in notice_recipients(case)) or "none yet"
            raise ValidationFailed("a notice is addressed to one party: give its participant number",
                                   [FieldError("participant", f"one of {choices}")])
        return stored, notice_context(case, organ, matter, participant)
    if kind == "announcement":
        return stored, announcement_context(case, organ, matter)
    if kind == "record":
        return stored, record_context(case, organ, matter)
    return stored, report_context(case, organ, matter, report_due=case.report_due(calc(ctx)))


async def render_document(
    ctx: ServiceContext, case_id: int, kind: str, fmt: str = "pdf", *, participant: int | None = None
) -> bytes | str:
    """Document ``kind`` (notice, announcement, record, report) of a case as PDF bytes or HTML.

    The administrator's override template wins (the app's renderer). Writes the audit entry
    ``hearing.document`` (kind, format, participant, digest) and, when names were shown
    unmasked, ``personal_data.view``.
    """
    _check(fmt, FORMATS, "format")
    stored, context = await document_context(ctx, case_id, kind, participant=participant)
    personal = _personal(ctx) and kind != "announcement"  # an announcement is public: always masked
    renderer = ctx.app.renderer
    template = TEMPLATES[kind]
    if fmt == "html":
        result: bytes | str = renderer.html(template, context, personal_data=personal)
    else:
        result = await renderer.pdf_async(template, context, personal_data=personal)
    data = result.encode() if isinstance(result, str) else result
    after = {"kind": kind, "format": fmt, "participant": participant, "personal_data": personal,
             "template": template, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    async with ctx.write():
        await ctx.audit("hearing.document", "hearing_case", case_id, after=after, subject_ref=stored.matter_ref)
        if personal:
            await audit_read(ctx, "hearing_case", case_id, fields=["names"], subject_ref=stored.matter_ref,
                             note=f"hearing {kind} document")
    return result


async def _docket_cases(ctx: ServiceContext, start: dt.date, end: dt.date) -> list[DocketCase]:
    return [DocketCase(s.case, await matter_info(ctx, s.matter_ref)) for s in await cases_between(ctx, start, end)]


async def docket(ctx: ServiceContext, day: dt.date, venue: str | None = None, fmt: str = "pdf") -> bytes | str:
    """The day's docket (听证日程表) as PDF (A4 landscape), HTML, or CSV (UTF-8 with BOM).

    Lists the sittings of the cases the actor may see; the petitioner is masked unless the
    actor holds ``personal_data.read``. Audited as an export.
    """
    ctx.require(READ)
    _check(fmt, ("pdf", "csv", "html"), "format")
    venue = (venue or "").strip() or None
    personal = _personal(ctx)
    organ = organ_of(ctx)
    rows = docket_rows(await _docket_cases(ctx, day, day), organ, day, venue=venue, personal_data=personal)
    result: bytes | str
    if fmt == "csv":
        result = docket_csv(rows)
    else:
        context = docket_context(rows, organ, day, venue=venue, generated_on=ctx.today())
        if fmt == "html":
            result = ctx.app.renderer.html("hearing/docket.html", context, personal_data=personal)
        else:
            result = await ctx.app.renderer.pdf_async("hearing/docket.html", context, personal_data=personal)
    await audit_export(ctx, "hearing_docket", rows=len(rows), masked=not personal,
                       filters={"date": day.isoformat(), "venue": venue, "format": fmt})
    return result


async def sittings(
    ctx: ServiceContext,
    date_from: dt.date,
    date_to: dt.date,
    *,
    venue: str | None = None,
    officer: str | None = None,
) -> dict[str, Any]:
    """Sittings from ``date_from`` to ``date_to`` grouped by venue, or by panel member when
    ``officer`` is given (a username, or ``*`` for every member). See
    :func:`~hearing_core.hearings.documents.docket.calendar_by_venue` for the shape."""
    ctx.require(READ)
    organ, personal = organ_of(ctx), _personal(ctx)
    if date_to < date_from:
        raise ValidationFailed("the range ends before it starts", [FieldError("to", "before 'from'")])
    if (date_to - date_from).days >= 366:
        raise ValidationFailed("calendar range too long", [FieldError("to", "at most 366 days")])
    cases = await _docket_cases(ctx, date_from, date_to)
    if officer is None:
        result = calendar_by_venue(cases, organ, date_from, date_to, venue=(venue or "").strip() or None,
                                   personal_data=personal)
        result["by"] = "venue"
        return result
    person: str | None = None
    if officer.strip() != "*":
        from hearing_core.hearings.service.people import user

        person = str((await user(ctx, officer, "officer")).user_id)
    result = calendar_by_officer(cases, organ, date_from, date_to, officer=person, personal_data=personal)
    result["by"] = "officer"
    return result
