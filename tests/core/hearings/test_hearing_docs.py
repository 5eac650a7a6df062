"""docs/hearing-procedure.md stays true: its tables are checked against the state machines and rules."""

from __future__ import annotations

from pathlib import Path

from hearing_core.hearings.domain import (
    CASE_MACHINE,
    PHASE_MACHINE,
    PHASES,
    SKIPPABLE_PHASES,
    CaseState,
    DomainRule,
    Param,
    RuleId,
)

DOC = (Path(__file__).resolve().parents[3] / "docs" / "hearing-procedure.md").read_text("utf-8")


def table(after_heading: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the first Markdown table after the line containing ``after_heading``."""
    lines = DOC[DOC.index(after_heading) :].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))

    def cells(line: str) -> list[str]:
        return [c.strip().strip("`") for c in line.strip().strip("|").split("|")]

    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(cells(line))
    return cells(lines[start]), rows


def _codes(cell: str) -> tuple[str, ...]:
    return tuple(c.strip().strip("`") for c in cell.split(","))


def test_states_table_lists_every_case_state() -> None:
    _, rows = table("## 2. States of a case")
    assert [r[0] for r in rows] == [s.value for s in CaseState]


def test_moves_table_matches_the_case_machine() -> None:
    _, rows = table("### Moves between states")
    documented = {(r[0], r[1], _codes(r[2]), r[3]) for r in rows}
    expected = {
        (t.action, t.label, tuple(t.sources), t.target)
        for t in CASE_MACHINE.transitions
        if not all(s == t.target for s in t.sources)
    }
    assert documented == expected


def _matrix(heading: str) -> dict[str, set[str]]:
    header, rows = table(heading)
    return {r[0]: {header[i] for i, c in enumerate(r) if c == "✓"} for r in rows}


def test_activity_matrix_matches_the_case_machine() -> None:
    expected: dict[str, set[str]] = {}
    for t in CASE_MACHINE.transitions:
        if all(s == t.target for s in t.sources):
            expected.setdefault(t.action, set()).update(t.sources)
    assert _matrix("### What can be done in each state") == expected


def test_phase_table_gives_the_order_and_what_may_be_skipped() -> None:
    _, rows = table("## 4. Session phases")
    assert [(int(r[0]), r[1]) for r in rows] == [(i + 1, p.value) for i, p in enumerate(PHASES)]
    assert {r[1] for r in rows if r[-1] == "yes"} == {p.value for p in SKIPPABLE_PHASES}


def test_phase_activity_matrix_matches_the_phase_machine() -> None:
    numbered = {str(i + 1): p.value for i, p in enumerate(PHASES)}
    documented = {a: {numbered[n] for n in cols} for a, cols in _matrix("### What can be done in each phase").items()}
    expected: dict[str, set[str]] = {}
    for t in PHASE_MACHINE.transitions:
        if t.action in ("advance", "skip"):
            continue  # the phase table itself describes these
        expected.setdefault(t.action, set()).update(t.sources)
    assert documented == expected


def test_every_rule_the_domain_can_raise_is_documented() -> None:
    _, rows = table("## 6. Rules and where they come from")
    documented = [r[0] for r in rows]
    assert len(documented) == len(set(documented))
    raised = {r.value for r in RuleId} | {r.value for r in DomainRule} | {p.value for p in Param}
    assert set(documented) == raised
