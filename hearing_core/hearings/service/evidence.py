"""Evidence (证据): submission with attachments (举证), cross-examination (质证), finding (认证).

Attachments are stored first (:func:`hearing_core.hearings.files.store_file`, or upload) and
attached by SHA-256. Before the session the organ (``hearings.manage``) records submissions;
at the session the presiding officer or clerk does. The clerk records each party's
cross-examination opinion; the panel's finding is announced by the presiding officer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, NotFound, ValidationFailed
from hearing_core.hearings.domain import Assessment, DomainEvent, EvidenceKind, Stance
from hearing_core.hearings.files import check_known, read_file, store_file
from hearing_core.hearings.service.common import CONDUCT, MANAGE, READ, act, fetch, moment, require_seat
from hearing_core.hearings.service.matters import vocab
from hearing_core.hearings.stored import StoredHearing

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["attachment", "cross_examine", "find_evidence", "submit_evidence", "upload_attachment"]


async def submit_evidence(
    ctx: ServiceContext,
    case_id: int,
    *,
    submitted_by_no: int,
    kind: str,
    title: str,
    attachments: Sequence[str] = (),
    files: Sequence[tuple[str, bytes, str]] = (),
    description: str = "",
    at: dt.datetime | None = None,
    version: int | None = None,
) -> StoredHearing:
    """A party submits an item. ``attachments`` are digests of stored files; ``files`` are
    ``(filename, content, media type)`` to store now and attach."""
    what = vocab(EvidenceKind, kind, "kind")
    access: dict[str, Any] = (
        {"permission": MANAGE} if ctx.actor.has(MANAGE)
        else {"permission": CONDUCT, "seat": ("presiding_officer", "clerk")}
    )
    digests = [d.strip().lower() for d in attachments]
    for name, content, media_type in files:
        digests.append((await store_file(ctx, content, filename=name, media_type=media_type))["sha256"])

    async def command(stored: StoredHearing) -> list[DomainEvent]:
        await check_known(digests)
        return stored.case.submit_evidence(submitted_by_no=submitted_by_no, kind=what, title=title,
                                           at=moment(ctx, at), attachments=digests, description=description)

    return await act(ctx, case_id, "submit_evidence", command, version=version, what="record evidence", **access)


async def upload_attachment(
    ctx: ServiceContext, case_id: int, content: bytes, *, filename: str = "",
    media_type: str = "application/octet-stream",
) -> dict[str, Any]:
    """Store a file to attach to this case's evidence; returns its digest (attach it next)."""
    ctx.require(READ)
    stored = await fetch(ctx, case_id)
    if not ctx.actor.has(MANAGE):
        ctx.require(CONDUCT)
        require_seat(ctx, stored, "presiding_officer", "clerk", what="record evidence")
    return await store_file(ctx, content, filename=filename, media_type=media_type)


async def attachment(ctx: ServiceContext, case_id: int, sha256: str) -> tuple[dict[str, Any], Any]:
    """A file attached to this case's evidence (record and path), for download."""
    ctx.require(READ)
    stored = await fetch(ctx, case_id)
    if not any(sha256 in e.attachments for e in stored.case.evidence):
        raise NotFound(f"no attachment {sha256} on hearing case {case_id}")
    return await read_file(ctx.app, sha256)


def assessment(value: Any, field: str) -> Assessment:
    """``"accept"``, ``"dispute: why"``, ``{"stance": ..., "comment": ...}`` or an Assessment."""
    if isinstance(value, Assessment):
        return value
    if isinstance(value, dict):
        stance, comment = value.get("stance", ""), value.get("comment", "")
    else:
        stance, _, comment = str(value).partition(":")
    try:
        return Assessment(vocab(Stance, str(stance).strip(), field), str(comment).strip())
    except ValidationFailed as exc:
        raise ValidationFailed(exc.detail, [FieldError(field, e.message) for e in exc.errors]) from None


async def cross_examine(
    ctx: ServiceContext,
    case_id: int,
    *,
    evidence_no: int,
    by_no: int,
    authenticity: Any,
    relevance: Any,
    legality: Any,
    at: dt.datetime | None = None,
    version: int | None = None,
) -> StoredHearing:
    """Record a present party's opinion on another side's item (真实性、关联性、合法性)."""
    opinion = {k: assessment(v, k) for k, v in
               (("authenticity", authenticity), ("relevance", relevance), ("legality", legality))}
    return await act(ctx, case_id, "cross_examine", lambda s: s.case.cross_examine(
        evidence_no, by_no=by_no, at=moment(ctx, at), **opinion), permission=CONDUCT,
        seat=("clerk", "presiding_officer"), what="record cross-examination", version=version)


async def find_evidence(
    ctx: ServiceContext,
    case_id: int,
    *,
    evidence_no: int,
    admitted: bool,
    reason: str = "",
    at: dt.datetime | None = None,
    version: int | None = None,
) -> StoredHearing:
    """The panel admits an item or not, with the reason when not (认证), in deliberation."""
    return await act(ctx, case_id, "find_evidence", lambda s: s.case.find_evidence(
        evidence_no, admitted=admitted, reason=reason, at=moment(ctx, at)), permission=CONDUCT,
        seat=("presiding_officer",), what="record the panel's finding", version=version)
