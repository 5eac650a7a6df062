"""Petition matter (信访事项): the items one petitioner (or group) lodged on one issue.

Year-end summaries count both: 件次 (every item) and 纯件数 (distinct matters).
Every item after the first of a matter is a repeat (重信重访 / 重复件), so
``repeat items = items − distinct matters`` over any set of items. Grouping is
decided by staff (the repeat finder only suggests); this module keeps the
grouping consistent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from hearing_core.errors import Conflict, FieldError, ValidationFailed
from hearing_core.petitions.domain.item import PetitionItem, ref_error

__all__ = ["PetitionMatter", "matter_key"]


def matter_key(item: PetitionItem) -> str:
    """The matter an item counts under: its ``matter_ref``, else the item itself.

    An item not yet linked to a matter is a first petition (初信初访) of its own
    matter, so it still counts once in 纯件数. The ``item:`` prefix keeps such
    keys apart from real matter refs.
    """
    return item.matter_ref if item.matter_ref else f"item:{item.ref}"


@dataclass
class PetitionMatter:
    """A petition matter (信访事项) grouping items by the same petitioner(s) on the same issue."""

    ref: str
    title: str
    category: str | None = None
    #: Item refs in the order they were linked (use :meth:`is_first_petition` for 初信初访).
    item_refs: list[str] = field(default_factory=list)
    first_received_on: date | None = None
    last_received_on: date | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        problem = ref_error(self.ref)
        if problem:
            raise ValidationFailed("invalid matter", [FieldError("ref", problem)])

    def add_item(self, item: PetitionItem) -> None:
        """Link ``item`` to this matter (sets its ``matter_ref``).

        Refuses an item already linked to another matter: moving it is a
        deliberate re-grouping that must first unlink it (:meth:`remove_item`),
        otherwise two matters would both count it.
        """
        if item.matter_ref not in (None, self.ref):
            raise Conflict(f"item {item.ref} already belongs to matter {item.matter_ref}")
        if item.ref in self.item_refs:
            return
        item.matter_ref = self.ref
        self.item_refs.append(item.ref)
        self._widen(item.received_on)

    def remove_item(self, item: PetitionItem, remaining: Iterable[PetitionItem]) -> None:
        """Unlink ``item``; ``remaining`` are the matter's other items, to recompute the dates."""
        if item.ref not in self.item_refs:
            raise Conflict(f"item {item.ref} is not part of matter {self.ref}")
        self.item_refs.remove(item.ref)
        item.matter_ref = None
        self.first_received_on = self.last_received_on = None
        for other in remaining:
            if other.ref in self.item_refs:
                self._widen(other.received_on)

    def _widen(self, on: date) -> None:
        if self.first_received_on is None or on < self.first_received_on:
            self.first_received_on = on
        if self.last_received_on is None or on > self.last_received_on:
            self.last_received_on = on

    @property
    def item_count(self) -> int:
        return len(self.item_refs)

    @property
    def repeat_count(self) -> int:
        """Items beyond the first (重复件)."""
        return max(len(self.item_refs) - 1, 0)

    def is_first_petition(self, item: PetitionItem, items: Iterable[PetitionItem]) -> bool:
        """Whether ``item`` is the earliest of ``items`` of this matter (初信初访).

        Ties on the same day go to the smaller ref, so the answer is stable.
        """
        own = [i for i in items if i.ref in self.item_refs]
        if item.ref not in self.item_refs or not own:
            return False
        first = min(own, key=lambda i: (i.received_on, i.ref))
        return first.ref == item.ref
