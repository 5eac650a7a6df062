"""Content categories (内容分类) and their sub-category → top-level mapping.

The list is data (``categories.toml`` beside this module), not code: bureaus
rename and add topical sub-categories, while year-end reports always roll up to
the top-level fields of reference §5. Items store a category *code*; reports ask
the catalog for its top level.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["Category", "CategoryCatalog", "default_catalog"]


@dataclass(frozen=True)
class Category:
    """One category (类别): a top level (``parent`` is ``None``) or a sub-category."""

    code: str
    name: str
    parent: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def is_top_level(self) -> bool:
        return self.parent is None


@dataclass(frozen=True)
class CategoryCatalog:
    """A validated, immutable category list with lookup by code, name or alias."""

    categories: tuple[Category, ...]
    _index: dict[str, Category] = field(init=False, repr=False, compare=False)
    _by_code: dict[str, Category] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_code = {c.code: c for c in self.categories}
        if len(by_code) != len(self.categories):
            raise ValueError("category codes must be unique")
        index: dict[str, Category] = {}
        for cat in self.categories:
            parent = by_code.get(cat.parent) if cat.parent is not None else None
            if cat.parent is not None and parent is None:
                raise ValueError(f"category {cat.code!r}: unknown parent {cat.parent!r}")
            if parent is not None and parent.parent is not None:
                raise ValueError(f"category {cat.code!r}: only two levels are allowed")
            for key in dict.fromkeys((cat.code, cat.name, *cat.aliases)):
                # A key shared by two categories would make an imported cell ambiguous.
                if key in index:
                    raise ValueError(f"category key {key!r} is used by {index[key].code!r} and {cat.code!r}")
                index[key] = cat
        if not any(c.is_top_level for c in self.categories):
            raise ValueError("a category catalog needs at least one top-level category")
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_by_code", by_code)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> CategoryCatalog:
        """Build from the parsed TOML shape (``category`` list with ``sub`` lists)."""
        items: list[Category] = []
        for top in data.get("category", []):
            items.append(Category(top["code"], top["name"], None, tuple(top.get("aliases", ()))))
            for sub in top.get("sub", []):
                items.append(Category(sub["code"], sub["name"], top["code"], tuple(sub.get("aliases", ()))))
        return cls(tuple(items))

    @classmethod
    def from_toml(cls, path: str | Path) -> CategoryCatalog:
        """Load a bureau's own category file (same shape as the shipped one)."""
        with open(path, "rb") as fh:
            return cls.from_mapping(tomllib.load(fh))

    def __iter__(self) -> Iterator[Category]:
        return iter(self.categories)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._index

    def get(self, key: str) -> Category | None:
        """The category whose code, name or alias is ``key`` (surrounding spaces ignored)."""
        return self._index.get(key.strip())

    def resolve(self, key: str) -> Category:
        """Like :meth:`get` but raises ``ValueError`` naming the top-level choices."""
        cat = self.get(key)
        if cat is None:
            names = "、".join(c.name for c in self.top_levels())
            raise ValueError(f"unknown category '{key.strip()}'; top-level categories are: {names}")
        return cat

    def top_level(self, key: str) -> Category:
        """The top-level category a code, name or alias rolls up to (for reports)."""
        cat = self.resolve(key)
        return cat if cat.parent is None else self._by_code[cat.parent]

    def top_levels(self) -> list[Category]:
        """Top-level categories in file order (the order reports list them in)."""
        return [c for c in self.categories if c.is_top_level]

    def children(self, code: str) -> list[Category]:
        return [c for c in self.categories if c.parent == code]


def default_catalog() -> CategoryCatalog:
    """The shipped list (``categories.toml``), read on each call so nothing is cached at import."""
    text = resources.files("hearing_core.petitions.domain").joinpath("categories.toml").read_text("utf-8")
    return CategoryCatalog.from_mapping(tomllib.loads(text))
