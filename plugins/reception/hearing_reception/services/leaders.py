"""Receiving leaders (接访领导) and reception rules (接访规则): keep, list, load from a file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from hearing_core.errors import Conflict, FieldError, ValidationFailed
from hearing_reception import repository as repo
from hearing_reception.domain import Leader, Level, RuleSpec
from hearing_reception.domain.rulefile import parse_rule, parse_rules, rule_mapping
from hearing_reception.domain.vocab import parse_choice
from hearing_reception.services.common import PLAN, READ, check_version
from hearing_reception.tables import ReceptionLeader, ReceptionRule

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = [
    "LEADER_FIELDS",
    "create_leader",
    "create_rule",
    "get_leader",
    "get_rule",
    "leader_codes",
    "list_leaders",
    "list_rules",
    "load_leaders_file",
    "load_rules_file",
    "update_leader",
    "update_rule",
]

LEADER_FIELDS = ("code", "name", "post", "level", "portfolio", "paired_unit", "unit", "username", "active")


def _leader(data: Mapping[str, Any], base: Leader | None = None) -> Leader:
    errors: list[FieldError] = []
    unknown = sorted(set(data) - set(LEADER_FIELDS))
    errors += [FieldError(k, "unknown field") for k in unknown]
    values = {k: data[k] for k in LEADER_FIELDS if k in data and data[k] is not None}
    if "level" in values:
        values["level"] = parse_choice(Level, values["level"], "level", errors)
    elif base is None:
        errors.append(FieldError("level", "is required (county 县领导, department 县直部门领导, town 镇领导)"))
    for key in ("code", "name", "post", "portfolio", "paired_unit", "unit", "username"):
        if key in values:
            values[key] = str(values[key]).strip()
    if "active" in values and not isinstance(values["active"], bool):
        errors.append(FieldError("active", "true or false"))
    if errors:
        raise ValidationFailed("invalid leader", errors)
    leader = replace(base, **values) if base else Leader(id=None, **{"code": "", "name": "", "post": "", **values})
    problems = leader.problems()
    if problems:
        raise ValidationFailed("invalid leader", problems)
    return leader


def _row_values(leader: Leader) -> dict[str, Any]:
    return {k: (str(getattr(leader, k)) if k == "level" else getattr(leader, k)) for k in LEADER_FIELDS}


async def create_leader(ctx: ServiceContext, data: Mapping[str, Any]) -> Leader:
    """Add a receiving leader with level and pairing (挂钩单位)."""
    ctx.require(PLAN)
    leader = _leader(data)
    async with ctx.write():
        if await ReceptionLeader.exists().where(ReceptionLeader.code == leader.code).run():
            raise Conflict(f"a leader with code {leader.code!r} already exists")
        now = ctx.now()
        values = _row_values(leader)
        row = await ReceptionLeader.insert(ReceptionLeader(**values, created_at=now, updated_at=now, version=1)).returning(ReceptionLeader.id).run()
        leader = replace(leader, id=row[0]["id"])
        await ctx.audit("reception.leader.create", "reception_leader", leader.id, after=values, subject_ref=leader.code)
    return leader


async def load_leaders_file(ctx: ServiceContext, items: list[Mapping[str, Any]]) -> list[Leader]:
    """Add every leader of a leaders file at once, or none; every problem is reported (``leader.2.level``)."""
    ctx.require(PLAN)
    found: list[Leader] = []
    errors: list[FieldError] = []
    for i, item in enumerate(items):
        try:
            found.append(_leader(item if isinstance(item, Mapping) else {}))
        except ValidationFailed as exc:
            errors += [FieldError(f"leader.{i}.{e.field}", e.message) for e in exc.errors]
    codes = [lead.code for lead in found]
    errors += [FieldError("leader", f"code {c!r} appears twice in the file") for c in sorted({c for c in codes if codes.count(c) > 1})]
    if errors:
        raise ValidationFailed("invalid leaders", errors)
    async with ctx.write():
        return [await create_leader(ctx, _row_values(lead)) for lead in found]


async def update_leader(ctx: ServiceContext, ref: str, changes: Mapping[str, Any], version: int | None = None) -> Leader:
    """Change a leader's post, portfolio, pairing or active flag; the code stays."""
    ctx.require(PLAN)
    if "code" in changes:
        raise ValidationFailed("invalid change", [FieldError("code", "cannot be changed")])
    async with ctx.write():
        current = await repo.fetch_leader(ref)
        check_version(f"leader {current.code}", current.version, version)
        updated = _leader(changes, current)
        before, after = _row_values(current), _row_values(updated)
        changed = {k for k in after if after[k] != before[k]}
        new_version = await repo.bump(ReceptionLeader, current.id or 0, current.version,
                                      {k: after[k] for k in changed}, ctx.now(), f"leader {current.code}")
        await ctx.audit("reception.leader.update", "reception_leader", current.id,
                        before={k: before[k] for k in changed}, after={k: after[k] for k in changed},
                        subject_ref=current.code)
    return replace(updated, version=new_version)


async def list_leaders(ctx: ServiceContext, *, level: str | None = None, active: bool | None = None) -> list[Leader]:
    ctx.require(READ)
    leaders = await repo.load_leaders()
    if level:
        errors: list[FieldError] = []
        wanted = parse_choice(Level, level, "level", errors)
        if errors:
            raise ValidationFailed("invalid filter", errors)
        leaders = [lead for lead in leaders if lead.level is wanted]
    if active is not None:
        leaders = [lead for lead in leaders if lead.active is active]
    return leaders


async def get_leader(ctx: ServiceContext, ref: str) -> Leader:
    ctx.require(READ)
    return await repo.fetch_leader(ref)


async def leader_codes() -> dict[int, str]:
    return {lead.id: lead.code for lead in await repo.load_leaders() if lead.id is not None}


async def _resolver() -> Any:
    leaders = await repo.load_leaders()
    by_code = {lead.code: lead.id for lead in leaders}
    by_id = {str(lead.id): lead.id for lead in leaders}

    def resolve(ref: str) -> int | None:
        return by_code.get(ref.strip()) or by_id.get(ref.strip())

    return resolve


async def _store_rule(ctx: ServiceContext, rule: RuleSpec) -> RuleSpec:
    now = ctx.now()
    spec = rule_mapping(rule)
    existing = await ReceptionRule.select(ReceptionRule.id).where(ReceptionRule.code == rule.code).first().run()
    if existing is not None:
        raise Conflict(f"a reception rule with code {rule.code!r} already exists")
    row = await ReceptionRule.insert(
        ReceptionRule(code=rule.code, title=rule.title, spec=spec, active=rule.active, created_at=now, updated_at=now, version=1)
    ).returning(ReceptionRule.id).run()
    await ctx.audit("reception.rule.create", "reception_rule", row[0]["id"], after=spec, subject_ref=rule.code)
    return replace(rule, id=row[0]["id"])


async def create_rule(ctx: ServiceContext, data: Mapping[str, Any]) -> RuleSpec:
    """Add one reception rule written as data (see :mod:`hearing_reception.domain.rulefile`)."""
    ctx.require(PLAN)
    async with ctx.write():
        rule, problems = parse_rule(data, await _resolver())
        if rule is None:
            raise ValidationFailed("invalid reception rule", problems)
        return await _store_rule(ctx, rule)


async def load_rules_file(ctx: ServiceContext, items: list[Mapping[str, Any]]) -> list[RuleSpec]:
    """Add every rule of a rules file at once, or none (one transaction, every problem reported)."""
    ctx.require(PLAN)
    async with ctx.write():
        rules = parse_rules(items, await _resolver())
        return [await _store_rule(ctx, rule) for rule in rules]


async def update_rule(ctx: ServiceContext, ref: str, changes: Mapping[str, Any], version: int | None = None) -> RuleSpec:
    """Change a rule (its code stays); receptions already planned keep their dates."""
    ctx.require(PLAN)
    if "code" in changes:
        raise ValidationFailed("invalid change", [FieldError("code", "cannot be changed")])
    async with ctx.write():
        current, stored = await repo.load_rule(ref)
        check_version(f"reception rule {current.code}", current.version, version)
        merged = {**stored, **{k: v for k, v in changes.items() if v is not None}}
        rule, problems = parse_rule(merged, await _resolver(), rule_id=current.id, version=current.version)
        if rule is None:
            raise ValidationFailed("invalid reception rule", problems)
        spec = rule_mapping(rule)
        new_version = await repo.bump(ReceptionRule, current.id or 0, current.version,
                                      {"title": rule.title, "spec": spec, "active": rule.active}, ctx.now(),
                                      f"reception rule {current.code}")
        await ctx.audit("reception.rule.update", "reception_rule", current.id, before=stored, after=spec,
                        subject_ref=current.code)
    return replace(rule, version=new_version)


async def list_rules(ctx: ServiceContext) -> list[RuleSpec]:
    ctx.require(READ)
    return await repo.load_rules()


async def get_rule(ctx: ServiceContext, ref: str) -> RuleSpec:
    ctx.require(READ)
    return (await repo.load_rule(ref))[0]
