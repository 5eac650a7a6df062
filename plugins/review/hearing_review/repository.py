"""Rows ⟷ domain objects (the only module that sees the plugin's piccolo rows)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from hearing_core.errors import Conflict, NotFound
from hearing_review.domain import (
    Applicant,
    Capacity,
    Challenged,
    ChallengedKind,
    Checklist,
    Decision,
    Evidence,
    Ground,
    Kind,
    Level,
    Obstacle,
    Organ,
    OrganHierarchy,
    Outcome,
    Redo,
    ReviewApplication,
    Termination,
    TerminationReason,
)
from hearing_review.tables import ReviewApplicationRow as Row
from hearing_review.tables import ReviewOrgan, ReviewPause, ReviewTermination

__all__ = [
    "application_values", "fetch_row", "hierarchy", "load", "next_ref", "pauses_of", "termination_of", "terminations_of",
    "to_domain", "update_row",
]


def _json(value: Any) -> Any:
    # JSONB comes back as a string on SQLite unless loaded (contributing.md).
    return json.loads(value) if isinstance(value, str) else value


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def to_domain(row: dict[str, Any]) -> ReviewApplication:
    kind = Kind(row["kind"])
    challenged = Challenged(ChallengedKind(row["challenged_kind"]), row["challenged_ref"], row["matter_ref"],
                            row["challenged_organ"], _date(row["challenged_served_on"]), row["challenged_conclusion"])
    applicant = Applicant(row["applicant_name"], Capacity(row["applicant_capacity"]), row["agent_of"],
                          row["authorisation"], row["applicant_id_number"], row["applicant_phone"])
    decision = None
    if row["outcome"]:
        decision = Decision(Outcome(row["outcome"]), row["decided_on"], row["findings"], row["decided_by"],
                            row["redo_due_on"], row["new_conclusion"])
    redo = None
    if row["redo_conclusion"]:
        redo = Redo(row["redo_conclusion"], row["redo_issued_on"], row["redo_served_on"], row["redo_same_facts"],
                    row["redo_approved_by"])
    checklist = _json(row["checklist"])
    return ReviewApplication(
        kind, challenged, applicant, row["receiving_organ"], row["request"], row["reasons"], row["received_on"],
        evidence=[Evidence(e["title"], e.get("pages"), e.get("note", "")) for e in _json(row["evidence"]) or []],
        ref=row["ref"], state=row["state"],
        obstacles=[Obstacle(_date(o["start"]), _date(o["end"]), o["reason"])  # type: ignore[arg-type]
                   for o in _json(row["obstacles"]) or []],
        accepted_elsewhere=row["accepted_elsewhere"], declared_route=row["declared_route"],
        checklist=Checklist.from_list(checklist) if checklist is not None else None,
        accepted_on=row["accepted_on"], not_accepted_on=row["not_accepted_on"],
        refused_ground=Ground(row["refused_ground"]) if row["refused_ground"] else None,
        decision=decision, served_on=row["served_on"], redo=redo, withdrawn_on=row["withdrawn_on"],
        withdraw_reason=row["withdraw_reason"], id=row["id"],
    )


def application_values(a: ReviewApplication) -> dict[str, Any]:
    """Every column the domain owns (bookkeeping columns are set by the caller)."""
    d, r = a.decision, a.redo
    return {
        "ref": a.ref, "kind": a.kind.value, "matter_ref": a.matter_ref,
        "challenged_kind": a.challenged.kind.value, "challenged_ref": a.challenged.ref,
        "challenged_organ": a.challenged.organ, "challenged_served_on": a.challenged.served_on,
        "challenged_conclusion": a.challenged.conclusion,
        "applicant_name": a.applicant.name, "applicant_capacity": a.applicant.capacity.value,
        "agent_of": a.applicant.agent_of, "authorisation": a.applicant.authorisation,
        "applicant_id_number": a.applicant.id_number, "applicant_phone": a.applicant.phone,
        "receiving_organ": a.receiving_organ, "request": a.request, "reasons": a.reasons,
        "evidence": json.dumps([e.as_dict() for e in a.evidence], ensure_ascii=False),
        "received_on": a.received_on, "state": a.state,
        "obstacles": json.dumps([{"start": o.start.isoformat(), "end": o.end.isoformat(), "reason": o.reason}
                                 for o in a.obstacles], ensure_ascii=False),
        "accepted_elsewhere": a.accepted_elsewhere, "declared_route": a.declared_route,
        "checklist": json.dumps(a.checklist.as_list(), ensure_ascii=False) if a.checklist else None,
        "accepted_on": a.accepted_on, "not_accepted_on": a.not_accepted_on,
        "refused_ground": a.refused_ground.value if a.refused_ground else None,
        "outcome": d.outcome.value if d else None, "decided_on": d.decided_on if d else None,
        "findings": d.findings if d else "", "decided_by": d.decided_by if d else "",
        "redo_due_on": d.redo_due_on if d else None, "new_conclusion": d.new_conclusion if d else "",
        "served_on": a.served_on,
        "redo_conclusion": r.conclusion if r else None, "redo_issued_on": r.issued_on if r else None,
        "redo_served_on": r.served_on if r else None, "redo_same_facts": r.same_facts if r else False,
        "redo_approved_by": r.approved_by if r else "",
        "withdrawn_on": a.withdrawn_on, "withdraw_reason": a.withdraw_reason,
    }


async def fetch_row(ref: str) -> dict[str, Any]:
    row = await Row.select().where(Row.ref == ref.strip()).first().run()
    if row is None:
        raise NotFound(f"no review application '{ref}'")
    return row  # type: ignore[no-any-return]


async def load(ref: str) -> tuple[ReviewApplication, dict[str, Any]]:
    row = await fetch_row(ref)
    return to_domain(row), row


async def update_row(row_id: int, version: int, values: dict[str, Any], now: dt.datetime) -> None:
    """``UPDATE … WHERE id = ? AND version = ?``; zero rows means someone else changed it first."""
    values = {**values, "updated_at": now, "version": version + 1}
    done = await Row.update(values).where((Row.id == row_id) & (Row.version == version)).returning(Row.id).run()
    if not done:
        raise Conflict("the review application was changed by someone else; reload it and try again")


async def next_ref(kind: Kind, year: int) -> str:
    """``FC-<year>-<nnnn>`` (复查) / ``FH-<year>-<nnnn>`` (复核), inside the write transaction."""
    prefix = f"{kind.code_prefix}-{year}-"
    n = await Row.count().where(Row.ref.like(prefix + "%")).run() + 1
    while await Row.exists().where(Row.ref == f"{prefix}{n:04d}").run():
        n += 1
    return f"{prefix}{n:04d}"


async def hierarchy() -> OrganHierarchy:
    rows = await ReviewOrgan.select().order_by(ReviewOrgan.code).run()
    return OrganHierarchy(Organ(r["code"], r["name"], Level(r["level"]), r["parent"], r["alt_parent"]) for r in rows)


async def pauses_of(application_id: int) -> list[dict[str, Any]]:
    return await ReviewPause.select().where(ReviewPause.application == application_id).order_by(  # type: ignore[no-any-return]
        ReviewPause.id).run()


def _termination(row: dict[str, Any]) -> Termination:
    return Termination(row["matter_ref"], TerminationReason(row["reason"]), row["terminated_on"], row["basis_ref"],
                       row["note"], row["recorded_by"])


async def termination_of(matter_ref: str) -> Termination | None:
    row = await ReviewTermination.select().where(ReviewTermination.matter_ref == matter_ref).first().run()
    return _termination(row) if row is not None else None


#: Matter refs per ``IN (…)`` (well under SQLite's bound-parameter limit).
_IN_CHUNK = 500


async def terminations_of(matter_refs: Iterable[str]) -> dict[str, Termination]:
    """The terminations of those of ``matter_refs`` that are terminated, by matter ref (one query per 500 refs)."""
    refs = sorted(set(matter_refs))
    found: dict[str, Termination] = {}
    for start in range(0, len(refs), _IN_CHUNK):
        rows = await ReviewTermination.select().where(
            ReviewTermination.matter_ref.is_in(refs[start : start + _IN_CHUNK])).run()
        found.update((row["matter_ref"], _termination(row)) for row in rows)
    return found
