"""Rows ↔ domain objects of leader reception (接访数据存取): the only module that sees piccolo rows.

Updates follow the optimistic-concurrency recipe: ``UPDATE … WHERE id = ? AND
version = ?``; no row updated means someone else changed it first (Conflict).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hearing_core.errors import Conflict, NotFound
from hearing_reception.domain import (
    Leader,
    Level,
    Outcome,
    Participant,
    Reception,
    RuleSpec,
    Session,
    VisitCase,
    Visitor,
)
from hearing_reception.domain.rulefile import parse_rule
from hearing_reception.domain.vocab import Feedback
from hearing_reception.tables import (
    ReceptionCase,
    ReceptionLeader,
    ReceptionParticipant,
    ReceptionRow,
    ReceptionRule,
    ReceptionVisitor,
)

__all__ = [
    "bump",
    "case_values",
    "fetch_leader",
    "leader_from_row",
    "load_case",
    "load_cases",
    "load_leaders",
    "load_reception",
    "load_receptions",
    "load_rule",
    "load_rules",
    "reception_values",
    "replace_participants",
]


# ---------------------------------------------------------------------------------- leaders


def leader_from_row(row: dict[str, Any]) -> Leader:
    return Leader(
        id=row["id"], code=row["code"], name=row["name"], post=row["post"], level=Level(row["level"]),
        portfolio=row["portfolio"], paired_unit=row["paired_unit"], unit=row["unit"], username=row["username"],
        active=bool(row["active"]), version=row["version"],
    )


async def load_leaders(ids: list[int] | None = None) -> list[Leader]:
    query = ReceptionLeader.select().order_by(ReceptionLeader.id)
    if ids is not None:
        if not ids:
            return []
        query = query.where(ReceptionLeader.id.is_in(ids))
    return [leader_from_row(r) for r in await query.run()]


async def fetch_leader(ref: str | int) -> Leader:
    """A leader by code or id; NotFound names what was asked for."""
    text = str(ref).strip()
    clause = ReceptionLeader.id == int(text) if text.isdigit() else ReceptionLeader.code == text
    row = await ReceptionLeader.select().where(clause).first().run()
    if row is None:
        raise NotFound(f"no receiving leader {text!r}")
    return leader_from_row(row)


# ---------------------------------------------------------------------------------- rules


def _stored_id(ref: str) -> int | None:
    return int(ref) if ref.isdigit() else None


def rule_from_row(row: dict[str, Any]) -> RuleSpec:
    spec = row["spec"] if isinstance(row["spec"], dict) else {}
    rule, problems = parse_rule(spec, _stored_id, rule_id=row["id"], version=row["version"])
    if rule is None:  # only a hand-edited database can get here
        raise Conflict(f"stored reception rule {row['code']!r} is invalid: {problems[0].field}: {problems[0].message}")
    return rule


async def load_rules(active_only: bool = False) -> list[RuleSpec]:
    query = ReceptionRule.select().order_by(ReceptionRule.id).output(load_json=True)
    if active_only:
        query = query.where(ReceptionRule.active == True)  # noqa: E712 - piccolo builds SQL from ==
    return [rule_from_row(r) for r in await query.run()]


async def load_rule(ref: str | int) -> tuple[RuleSpec, dict[str, Any]]:
    """A rule by code or id, with its stored mapping."""
    text = str(ref).strip()
    clause = ReceptionRule.id == int(text) if text.isdigit() else ReceptionRule.code == text
    row = await ReceptionRule.select().where(clause).output(load_json=True).first().run()
    if row is None:
        raise NotFound(f"no reception rule {text!r}")
    return rule_from_row(row), row["spec"]


# ---------------------------------------------------------------------------------- receptions


def reception_values(r: Reception) -> dict[str, Any]:
    return {
        "rule": r.rule_id, "plan_key": r.plan_key, "title": r.title, "nominal_date": r.nominal_date,
        "day": r.day, "original_day": r.original_day, "moved_because": r.moved_because,
        "session": str(r.session), "start_time": r.start_time, "end_time": r.end_time, "place": r.place,
        "paired_unit": r.paired_unit, "state": r.state, "lead_level": str(r.lead_level),
        "cancel_reason": r.cancel_reason,
    }


async def _participants(reception_ids: list[int]) -> dict[int, list[Participant]]:
    found: dict[int, list[Participant]] = {i: [] for i in reception_ids}
    if not reception_ids:
        return found
    P = ReceptionParticipant
    rows = await (
        P.select(P.reception, P.leader, P.level, P.leader.name, P.leader.post, P.leader.portfolio)
        .where(P.reception.is_in(reception_ids))
        .order_by(P.reception)
        .order_by(P.position)
        .run()
    )
    for row in rows:
        found[row["reception"]].append(
            Participant(row["leader"], Level(row["level"]), row["leader.name"], row["leader.post"], row["leader.portfolio"])
        )
    return found


def _reception(row: dict[str, Any], participants: list[Participant]) -> Reception:
    return Reception(
        id=row["id"], day=row["day"], session=Session(row["session"]), start_time=row["start_time"],
        end_time=row["end_time"], place=row["place"], participants=participants, rule_id=row["rule"],
        plan_key=row["plan_key"], nominal_date=row["nominal_date"], moved_because=row["moved_because"],
        original_day=row["original_day"], paired_unit=row["paired_unit"], title=row["title"], state=row["state"],
        cancel_reason=row["cancel_reason"], version=row["version"],
    )


async def load_receptions(rows: list[dict[str, Any]]) -> list[Reception]:
    people = await _participants([r["id"] for r in rows])
    return [_reception(r, people[r["id"]]) for r in rows]


async def load_reception(reception_id: int) -> Reception:
    row = await ReceptionRow.select().where(ReceptionRow.id == reception_id).first().run()
    if row is None:
        raise NotFound(f"no reception {reception_id}")
    return (await load_receptions([row]))[0]


async def replace_participants(reception_id: int, participants: list[Participant]) -> None:
    await ReceptionParticipant.delete().where(ReceptionParticipant.reception == reception_id).run()
    if participants:
        await ReceptionParticipant.insert(
            *(
                ReceptionParticipant(reception=reception_id, leader=p.leader_id, level=str(p.level), position=i)
                for i, p in enumerate(participants)
            )
        ).run()


# ---------------------------------------------------------------------------------- cases


def case_values(c: VisitCase) -> dict[str, Any]:
    return {
        "reception": c.reception_id, "batch_no": c.batch_no, "received_on": c.received_on, "persons": c.persons,
        "summary": c.summary, "request": c.request, "category": c.category, "item_ref": c.item_ref,
        "state": c.state, "handling_note": c.handling_note, "outcome": str(c.outcome) if c.outcome else None,
        "heard_on": c.heard_on, "instruction": c.instruction, "instructed_by": c.instructed_by,
        "instructed_on": c.instructed_on, "transfer_due": c.transfer_due, "department": c.department,
        "transferred_on": c.transferred_on, "reply_due": c.reply_due, "reply_due_basis": c.reply_due_basis,
        "reply_text": c.reply_text, "replied_on": c.replied_on, "reply_resolved": c.reply_resolved,
        "feedback": str(c.feedback) if c.feedback else None, "feedback_note": c.feedback_note,
        "closed_on": c.closed_on,
    }


def _case(row: dict[str, Any], visitors: list[Visitor]) -> VisitCase:
    skip = {"id", "reception", "outcome", "feedback", "registered_by", "created_at", "updated_at", "version"}
    values = {k: v for k, v in row.items() if k not in skip}
    resolved = values.pop("reply_resolved")
    return VisitCase(
        id=row["id"], reception_id=row["reception"], visitors=visitors,
        outcome=Outcome(row["outcome"]) if row["outcome"] else None,
        feedback=Feedback(row["feedback"]) if row["feedback"] else None,
        reply_resolved=None if resolved is None else bool(resolved), version=row["version"], **values,
    )


async def load_cases(rows: list[dict[str, Any]]) -> list[VisitCase]:
    ids = [r["id"] for r in rows]
    people: dict[int, list[Visitor]] = {i: [] for i in ids}
    if ids:
        V = ReceptionVisitor
        for v in await V.select().where(V.case.is_in(ids)).order_by(V.case).order_by(V.position).run():
            people[v["case"]].append(Visitor(v["name"], v["id_number"], v["phone"], v["address"]))
    return [_case(r, people[r["id"]]) for r in rows]


async def load_case(case_id: int) -> VisitCase:
    row = await ReceptionCase.select().where(ReceptionCase.id == case_id).first().run()
    if row is None:
        raise NotFound(f"no reception case {case_id}")
    return (await load_cases([row]))[0]


async def insert_visitors(case_id: int, visitors: list[Visitor]) -> None:
    if visitors:
        await ReceptionVisitor.insert(
            *(ReceptionVisitor(case=case_id, position=i, **v.as_dict()) for i, v in enumerate(visitors))
        ).run()


# ---------------------------------------------------------------------------------- versions


async def bump(table: Any, row_id: int, version: int, values: dict[str, Any], now: dt.datetime, what: str) -> int:
    """``UPDATE … WHERE id = ? AND version = ?``; a stale version raises Conflict. Returns the new version."""
    done = await (
        table.update({**values, "version": version + 1, "updated_at": now})
        .where((table.id == row_id) & (table.version == version))
        .returning(table.id)
        .run()
    )
    if not done:
        current = await table.select(table.version).where(table.id == row_id).first().run()
        if current is None:
            raise NotFound(f"{what} no longer exists")
        raise Conflict(
            f"{what} was changed by someone else (version {current['version']}, you had {version}); reload and try again",
            current_version=current["version"],
        )
    return version + 1
