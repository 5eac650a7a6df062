"""Rule profile files (规则配置文件): find them, parse them, check each file on its own.

Inheritance and the checks that need the merged profile live in
:mod:`hearing_core.deadlines.profiles`; this module only turns one ``.toml`` file into a
:class:`Layer` (its rules and params flattened to dotted ids) or reports every problem in it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hearing_core.deadlines.rules import RULE_ID, check_param_table, check_rule_table
from hearing_core.errors import FieldError, NotFound, ValidationFailed

__all__ = ["SHIPPED_DIR", "Layer", "discover", "read_chain", "read_toml"]

SHIPPED_DIR = Path(__file__).resolve().parent.parent / "profiles"
_TOP_KEYS = {"name", "title", "extends", "description", "events", "rules", "params"}


@dataclass
class Layer:
    """One profile file, parsed and checked, before inheritance."""

    name: str
    path: Path
    title: str
    description: str
    extends: str | None
    events: dict[str, str]
    rules: dict[str, dict[str, Any]]
    params: dict[str, dict[str, Any]]


def discover(extra_dirs: Iterable[str | Path]) -> dict[str, Path]:
    """Profile name -> file, over the shipped directory and ``extra_dirs``; a name may occur once."""
    found: dict[str, Path] = {}
    for directory in (SHIPPED_DIR, *map(Path, extra_dirs)):
        if not directory.is_dir():
            raise ValidationFailed(f"rule profile directory {directory} does not exist")
        for path in sorted(directory.glob("*.toml")):
            if path.stem in found:
                raise ValidationFailed(
                    f"rule profile {path.stem!r} is defined twice ({found[path.stem]} and {path}); give the "
                    f"instance profile a new name and write extends = \"{path.stem}\" in it")
            found[path.stem] = path
    return found


def read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValidationFailed(f"invalid rule profile {path}", [FieldError("(toml)", str(exc))]) from None


def read_chain(name: str, files: Mapping[str, Path]) -> list[Layer]:
    """The files of ``name`` and its ancestors, root first."""
    layers: list[Layer] = []
    current: str | None = name
    while current is not None:
        if current not in files:
            wanted = f"profile {layers[-1].name!r} extends {current!r}, which" if layers else f"{current!r}"
            raise NotFound(f"rule profile {wanted} was not found; available: {', '.join(sorted(files))}")
        if any(layer.name == current for layer in layers):
            cycle = " -> ".join([*(layer.name for layer in reversed(layers)), current])
            raise ValidationFailed(f"rule profile inheritance loops: {cycle}")
        layers.append(_read_layer(files[current]))
        current = layers[-1].extends
    return list(reversed(layers))


def _read_layer(path: Path) -> Layer:
    data = read_toml(path)
    errors: list[FieldError] = []
    for key in data:
        if key not in _TOP_KEYS:
            errors.append(FieldError(key, f"unknown key; allowed: {', '.join(sorted(_TOP_KEYS))}"))
    if data.get("name") != path.stem:
        errors.append(FieldError("name", f"must be {path.stem!r}, the file's name without .toml"))
    for key, required in (("title", True), ("description", False), ("extends", False)):
        if (required or key in data) and not (isinstance(data.get(key), str) and data[key].strip()):
            errors.append(FieldError(key, "must be a non-empty string"))
    events = data.get("events", {})
    if not isinstance(events, dict) or not all(isinstance(v, str) for v in events.values()):
        errors.append(FieldError("events", "must be a table of event code = \"Chinese description\""))
        events = {}
    rules = _flatten("rules", data.get("rules", {}), errors)
    params = _flatten("params", data.get("params", {}), errors)
    for rid, table in rules.items():
        errors += check_rule_table(f"rules.{rid}", table)
    for pid, table in params.items():
        errors += check_param_table(f"params.{pid}", table)
    if errors:
        raise ValidationFailed(f"invalid rule profile {path}", errors)
    return Layer(path.stem, path, data["title"], str(data.get("description", "")).strip(),
                  data.get("extends"), dict(events), rules, params)


def _flatten(prefix: str, table: Any, errors: list[FieldError], path: str = "") -> dict[str, dict[str, Any]]:
    """``[rules.hearing.notice]`` arrives nested; a table holding values is one entry."""
    if not isinstance(table, dict):
        errors.append(FieldError(f"{prefix}.{path}".rstrip("."), "must be a table"))
        return {}
    values = {k: v for k, v in table.items() if not isinstance(v, dict)}
    subs = {k: v for k, v in table.items() if isinstance(v, dict)}
    out: dict[str, dict[str, Any]] = {}
    if values:
        if subs:
            errors.append(FieldError(f"{prefix}.{path}", "mixes settings and sub-tables"))
        elif not RULE_ID.match(path):
            errors.append(FieldError(f"{prefix}.{path}".rstrip("."), "ids have the form area.name, e.g. hearing.notice"))
        else:
            out[path] = values
    for key, sub in subs.items():
        out.update(_flatten(prefix, sub, errors, f"{path}.{key}" if path else key))
    return out
