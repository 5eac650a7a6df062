"""Shared pieces of the register's services: permissions, catalog, threshold, masking, veto."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, RuleViolation, ValidationFailed
from hearing_core.petitions.domain import CategoryCatalog, PetitionItem, default_catalog
from hearing_core.plugins import await_me_maybe

if TYPE_CHECKING:
    from pluggy import HookImpl

    from hearing_core.app import HearingApp
    from hearing_core.context import ServiceContext
    from hearing_core.petitions.records import ItemRecord

__all__ = [
    "OPEN_STATES",
    "READ",
    "catalog",
    "check_refusal",
    "check_refusals",
    "collective_threshold",
    "not_future",
    "page_bounds",
    "shown",
    "veto_implementations",
]

READ = "petitions.read"
WRITE = "petitions.write"
DISPOSE = "petitions.dispose"
IMPORT = "petitions.import"
PERSONAL = "personal_data.read"

#: Disposition states in which statutory clocks still run (prefilter for deadlines).
OPEN_STATES = ("registered", "accepted", "transferred", "assigned", "opinion_issued")
MAX_PER_PAGE = 200


def catalog(app: HearingApp) -> CategoryCatalog:
    """The category list: ``<data dir>/categories.toml`` if the bureau has one, else the shipped list."""
    cached = app.state.get("petitions.catalog")
    if cached is None:
        path = app.settings.data_dir / "categories.toml"
        cached = CategoryCatalog.from_toml(path) if path.exists() else default_catalog()
        app.state["petitions.catalog"] = cached
    return cached  # type: ignore[no-any-return]


def collective_threshold(app: HearingApp) -> int:
    """Persons from which an item is collective (集体访): profile ``intake.collective_visit_threshold``."""
    return int(app.param("intake.collective_visit_threshold"))


def not_future(field: str, on: dt.date | None, today: dt.date) -> list[FieldError]:
    if on is not None and on > today:
        return [FieldError(field, f"{on.isoformat()} is in the future")]
    return []


def raise_if(errors: Sequence[FieldError], detail: str) -> None:
    if errors:
        raise ValidationFailed(detail, errors)


def page_bounds(page: int, per_page: int) -> tuple[int, int]:
    errors = []
    if page < 1:
        errors.append(FieldError("page", "must be at least 1"))
    if not 1 <= per_page <= MAX_PER_PAGE:
        errors.append(FieldError("per_page", f"must be 1 to {MAX_PER_PAGE}"))
    raise_if(errors, "invalid page")
    return page, per_page


async def shown(ctx: ServiceContext, records: list[ItemRecord], *, what: str) -> list[ItemRecord]:
    """Records as the actor may see them.

    Without ``personal_data.read`` ID numbers and phones are masked. With it they
    are returned in full and the read is audited (one entry per call, naming the
    items), because unmasked personal data leaving the system must be traceable.
    """
    if not ctx.actor.has(PERSONAL):
        return [r.masked_copy() for r in records]
    personal = [r for r in records if r.has_personal_data()]
    if personal:
        refs = [r.ref for r in personal]
        subject = (personal[0].matter_ref or "") if len(personal) == 1 else ""
        await ctx.audit(
            "petition.read_personal",
            "petition_item",
            personal[0].id if len(personal) == 1 else "many",
            after={"items": refs[:200], "count": len(refs)},
            subject_ref=subject,
            note=what,
        )
    return records


def _refused(impl: HookImpl, reason: Any) -> RuleViolation:
    return RuleViolation(
        f"petition item refused by plugin {impl.plugin_name}: {reason}",
        rule="intake.refused_by_plugin",
        source=impl.plugin_name,
        reason=str(reason),
    )


async def _call(impl: HookImpl, **kwargs: Any) -> Any:
    return await await_me_maybe(impl.function(**{k: v for k, v in kwargs.items() if k in impl.argnames}))


async def check_refusal(ctx: ServiceContext, item: PetitionItem, matter: Any) -> None:
    """Ask every ``refuse_petition_item`` implementation; the first reason refuses the item."""
    for impl in ctx.app.pm.hook.refuse_petition_item.get_hookimpls():
        reason = await _call(impl, app=ctx.app, item=item, matter=matter)
        if reason is not None:
            raise _refused(impl, reason)


def veto_implementations(app: HearingApp) -> tuple[list[HookImpl], list[HookImpl]]:
    """The vetoes a batch of new items asks: ``refuse_petition_items`` implementations, and the
    ``refuse_petition_item`` ones of plugins without a batch implementation (asked per item)."""
    batch = app.pm.hook.refuse_petition_items.get_hookimpls()
    has_batch = {impl.plugin_name for impl in batch}
    single = [impl for impl in app.pm.hook.refuse_petition_item.get_hookimpls() if impl.plugin_name not in has_batch]
    return batch, single


async def check_refusals(ctx: ServiceContext, items: Sequence[tuple[PetitionItem, Any]]) -> dict[int, RuleViolation]:
    """Ask the vetoes about many new items at once: index in ``items`` → its refusal.

    Each ``refuse_petition_items`` implementation is called once for all the items;
    then, per item not yet refused, the ``refuse_petition_item`` of each plugin that
    has no batch implementation. An item's first reason refuses it.
    """
    batch, single = veto_implementations(ctx.app)
    refused: dict[int, RuleViolation] = {}
    if not items:
        return refused
    pairs = list(items)
    for impl in batch:
        reasons = await _call(impl, app=ctx.app, items=pairs) or {}
        for index, reason in reasons.items():
            if not isinstance(index, int) or not 0 <= index < len(pairs):
                raise TypeError(f"plugin {impl.plugin_name}: refuse_petition_items answered index {index!r} "
                                f"for {len(pairs)} items")
            if reason is not None and index not in refused:
                refused[index] = _refused(impl, reason)
    if single:
        for index, (item, matter) in enumerate(pairs):
            for impl in single:
                if index in refused:
                    break
                reason = await _call(impl, app=ctx.app, item=item, matter=matter)
                if reason is not None:
                    refused[index] = _refused(impl, reason)
    return refused
