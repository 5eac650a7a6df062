"""Printing results: JSON for scripts, aligned tables for people."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import click

__all__ = ["echo_json", "echo_record", "echo_table", "emit"]


def _default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "as_dict"):
        return value.as_dict()
    return str(value)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_default))


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def echo_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> None:
    if not rows:
        click.echo("(none)")
        return
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(_width(c), *(_width(r[i]) for r in cells)) for i, c in enumerate(columns)]
    click.echo("  ".join(_pad(c, widths[i]) for i, c in enumerate(columns)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for row in cells:
        click.echo("  ".join(_pad(v, widths[i]) for i, v in enumerate(row)).rstrip())


def echo_record(record: Mapping[str, Any], keys: Iterable[str] | None = None) -> None:
    keys = list(keys or record.keys())
    width = max((_width(k) for k in keys), default=0)
    for key in keys:
        click.echo(f"{_pad(key, width)}  {_cell(record.get(key))}")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=_default)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def emit(data: Any, *, as_json: bool, columns: Sequence[str] | None = None) -> None:
    """Print ``data`` as JSON or as a table (lists) / record (mappings)."""
    if as_json:
        echo_json(data)
    elif isinstance(data, list):
        echo_table(data, columns or (list(data[0].keys()) if data else []))
    elif isinstance(data, Mapping):
        echo_record(data, columns)
    else:
        click.echo(str(data))
