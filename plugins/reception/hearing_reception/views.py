"""What callers see (接访数据展示): dicts shared by the API and the CLI, personal data masked.

Visitors are private persons: without ``personal_data.read`` their names, ID numbers,
phone numbers and addresses are masked (``张*``, ``110101********1234``,
``138****5678``). With it they are shown in full and the read is audited
(``personal_data.view``, one entry per call), so unmasked personal data leaving the
system is traceable. Leaders act in their office and are never masked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hearing_core.documents import mask_id, mask_name, mask_phone
from hearing_reception.domain import Leader, RuleSpec, VisitCase
from hearing_reception.domain.vocab import LEVEL_LABELS

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = [
    "PERSONAL_DATA",
    "case_view",
    "leader_view",
    "may_see_personal_data",
    "mask_address",
    "rule_view",
    "show_case",
    "show_cases",
]

PERSONAL_DATA = "personal_data.read"


def may_see_personal_data(ctx: ServiceContext) -> bool:
    return ctx.actor.has(PERSONAL_DATA)


def mask_address(address: str | None) -> str | None:
    """Keep the first six characters (town and village level), hide the rest."""
    if not address:
        return address
    return address[:6] + "****" if len(address) > 6 else "****"


def _mask_person(person: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": mask_name(person["name"]) if person["name"] else person["name"],
        "id_number": mask_id(person["id_number"]) if person["id_number"] else person["id_number"],
        "phone": mask_phone(person["phone"]) if person["phone"] else person["phone"],
        "address": mask_address(person["address"]),
    }


def case_view(ctx: ServiceContext, case: VisitCase, **extra: Any) -> dict[str, Any]:
    """A case as the actor may see it; ``masked`` says whether personal data was hidden."""
    data = case.as_dict(ctx.today())
    masked = not may_see_personal_data(ctx)
    if masked:
        data["petitioners"] = [_mask_person(p) for p in data["petitioners"]]
    data["masked"] = masked
    data.update(extra)
    return data


async def show_cases(ctx: ServiceContext, cases: list[VisitCase], *, what: str = "reception cases") -> list[dict[str, Any]]:
    """Cases as the actor may see them; an unmasked view of personal data is audited."""
    views = [case_view(ctx, c) for c in cases]
    seen = [c for c in cases if any(v.id_number or v.phone or v.address for v in c.visitors)]
    if seen and may_see_personal_data(ctx):
        ids = [c.id for c in seen]
        await ctx.audit("personal_data.view", "reception_case", ids[0] if len(ids) == 1 else "many",
                        after={"fields": ["address", "id_number", "name", "phone"], "cases": ids[:200]},
                        subject_ref=(seen[0].item_ref or "") if len(seen) == 1 else "", note=what)
    return views


async def show_case(ctx: ServiceContext, case: VisitCase, **extra: Any) -> dict[str, Any]:
    """One case as the actor may see it (see :func:`show_cases`), with ``extra`` keys added."""
    view = (await show_cases(ctx, [case], what=f"reception case {case.id}"))[0]
    view.update(extra)
    return view


def leader_view(leader: Leader) -> dict[str, Any]:
    return {
        "id": leader.id, "code": leader.code, "name": leader.name, "post": leader.post,
        "level": str(leader.level), "level_zh": LEVEL_LABELS[leader.level], "portfolio": leader.portfolio,
        "paired_unit": leader.paired_unit, "unit": leader.unit, "username": leader.username,
        "active": leader.active, "version": leader.version,
    }


def rule_view(rule: RuleSpec, codes: dict[int, str]) -> dict[str, Any]:
    """A rule with its leaders by code (as written) and its recurrence in Chinese."""
    start, end = rule.times
    return {
        "id": rule.id, "code": rule.code, "title": rule.title, "kind": str(rule.recurrence.kind),
        "recurrence_zh": rule.recurrence.describe_zh(), "day_of_month": rule.recurrence.day_of_month,
        "months": str(rule.recurrence.months), "weekday": rule.recurrence.weekday,
        "weekdays": list(rule.recurrence.weekdays), "on_holiday": str(rule.recurrence.on_holiday),
        "session": str(rule.session), "start_time": start.strftime("%H:%M"), "end_time": end.strftime("%H:%M"),
        "place_mode": str(rule.place_mode), "place": rule.place,
        "leaders": [codes.get(i, str(i)) for i in rule.leader_ids], "levels": [str(x) for x in rule.levels],
        "rota": [codes.get(i, str(i)) for i in rule.rota],
        "rota_start": rule.rota_start.isoformat() if rule.rota_start else None,
        "effective_from": rule.effective_from.isoformat() if rule.effective_from else None,
        "effective_to": rule.effective_to.isoformat() if rule.effective_to else None,
        "active": rule.active, "version": rule.version,
    }
