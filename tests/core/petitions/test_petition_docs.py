"""docs/register.md stays true: its tables and examples are checked against the code."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest

from hearing_core.fsm import StateMachine
from hearing_core.petitions.domain import (
    BACKLOG,
    DISPOSITION,
    CategoryCatalog,
    ImportFormat,
    ImportParser,
    PreviousYear,
    YearCounts,
    annual_figures,
    intake_paragraph,
)

DOC = (Path(__file__).resolve().parents[3] / "docs" / "register.md").read_text("utf-8")


def table_rows(after_heading: str) -> list[list[str]]:
    """Rows of the first Markdown table after the line containing ``after_heading``."""
    lines = DOC[DOC.index(after_heading) :].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip().strip("`") for cell in line.strip("|").split("|")])
    return rows


def code_block(after: str, lang: str) -> str:
    match = re.search(rf"```{lang}\n(.*?)```", DOC[DOC.index(after) :], re.S)
    assert match is not None
    return match.group(1)


@pytest.mark.parametrize(("heading", "machine"), [("## 2. Disposition", DISPOSITION), ("## 5. Backlog", BACKLOG)])
def test_state_tables_match_the_machines(heading: str, machine: StateMachine) -> None:
    documented = {
        (action, label, tuple(s.strip() for s in sources.split(",")), target)
        for action, label, sources, target in table_rows(heading)
    }
    expected = set()
    for t in machine.transitions:
        # Self-loops (extension, progress …) are one documented row listing every source.
        unchanged = all(s == t.target for s in t.sources)
        sources = tuple(s for row in machine.transitions if row.action == t.action for s in row.sources)
        expected.add((t.action, t.label, sources, "(unchanged)" if unchanged else t.target))
    assert documented == expected


def test_category_table_matches_the_shipped_list(catalog: CategoryCatalog) -> None:
    rows = table_rows("## 3. Content categories")
    assert [(code, name) for code, name, *_ in rows] == [(c.code, c.name) for c in catalog.top_levels()]
    for code, _name, aliases, subs in rows:
        assert aliases == ("、".join(catalog.top_level(code).aliases) or "—")
        assert subs == ("、".join(c.name for c in catalog.children(code)) or "—")


@pytest.mark.parametrize(("lang", "fmt"), [("json", ImportFormat.JSONL), ("csv", ImportFormat.CSV)])
def test_import_examples_parse(lang: str, fmt: ImportFormat, catalog: CategoryCatalog) -> None:
    parser = ImportParser(fmt, catalog=catalog, today=date(2024, 1, 1))
    rows = list(parser.rows(io.BytesIO(code_block("## 7. Importing", lang).encode("utf-8"))))
    assert parser.errors == []
    assert [r.item.ref for r in rows] == ["XF-2023-0001", "XF-2023-0002"]


def test_report_example_is_what_the_code_writes() -> None:
    counts = YearCounts(year=2023, letters=199, visit_batches=433, visit_persons=1134, not_accepted=66,
                        distinct_matters=348, backlog=52)  # fmt: skip
    paragraph = intake_paragraph(annual_figures(counts, PreviousYear(534, 311)))
    assert f"> {paragraph}\n" in DOC
