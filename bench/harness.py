"""The benchmark runner: which benchmarks exist, how each is run, the table and the JSON.

A benchmark is a function ``run(ctx: RunContext) -> Result``. It builds its own data
(temporary instance directories, scratch PostgreSQL databases), measures the hearing code
path and a bare baseline in the same run, and returns the ratio of the two. The runner
catches a benchmark's failure and reports it as an unmet result with the error, so one
broken benchmark never hides the others.
"""

from __future__ import annotations

import json
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

__all__ = ["BENCHMARKS", "Benchmark", "Result", "RunContext", "format_table", "run_all"]

#: The PostgreSQL server scratch databases are created on (``HEARING_BENCH_DATABASE`` overrides).
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


@dataclass
class Result:
    """One benchmark's outcome. ``ratio`` is hearing ÷ baseline (throughput) or hearing ÷ bare (time).

    ``comparison`` says which way the target points: ``">="`` (throughput ratios) or ``"<="``
    (time ratios); it is written into ``details`` of the JSON object.
    """

    name: str
    ratio: float | None
    target: float
    comparison: str
    details: dict[str, Any] = field(default_factory=dict)
    extra_ok: bool = True  # other conditions of the target (e.g. linear scaling)

    @property
    def met(self) -> bool:
        if self.ratio is None or not self.extra_ok:
            return False
        return self.ratio >= self.target if self.comparison == ">=" else self.ratio <= self.target

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "ratio": self.ratio,
            "target": self.target,
            "met": self.met,
            "details": {"comparison": self.comparison, **self.details},
        }


@dataclass
class RunContext:
    """What every benchmark is told: size, databases, where PostgreSQL is, where to log."""

    quick: bool
    databases: tuple[str, ...]
    postgres_server: str
    log: Callable[[str], None] = lambda message: None
    #: Scale factor for sizes and durations (the smoke test runs the machinery tiny).
    scale: float = 1.0

    def size(self, quick: int, full: int, *, minimum: int = 1) -> int:
        return max(minimum, int((quick if self.quick else full) * self.scale))

    def seconds(self, quick: float, full: float) -> float:
        return max(0.5, (quick if self.quick else full) * self.scale)


@dataclass(frozen=True)
class Benchmark:
    """A named benchmark; ``per_database`` ones run once per selected database."""

    name: str
    module: str  # ``bench.<module>`` with ``run(ctx[, database]) -> list[Result] | Result``
    per_database: bool = False

    def load(self) -> Callable[..., Any]:
        import importlib

        return importlib.import_module(f"bench.{self.module}").run  # type: ignore[no-any-return]


BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark("cli_startup", "cli_startup"),
    Benchmark("api_read", "api_read", per_database=True),
    Benchmark("api_write", "api_write", per_database=True),
    Benchmark("bulk_import", "bulk_import", per_database=True),
    Benchmark("annual_report", "annual_report", per_database=True),
    Benchmark("pdf_import", "pdf_import"),
)


def selected(only: Sequence[str] | None) -> list[Benchmark]:
    if not only:
        return list(BENCHMARKS)
    unknown = [n for n in only if n not in {b.name for b in BENCHMARKS}]
    if unknown:
        raise SystemExit(f"unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(b.name for b in BENCHMARKS)}")
    return [b for b in BENCHMARKS if b.name in only]


def _failed(name: str, exc: BaseException) -> Result:
    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    return Result(name, None, 0.0, ">=", {"error": f"{type(exc).__name__}: {exc}", "traceback": "".join(lines[-6:])})


def run_all(ctx: RunContext, benchmarks: Iterable[Benchmark]) -> list[Result]:
    """Run each benchmark (once per database when it has one); failures become unmet results."""
    results: list[Result] = []
    for bench in benchmarks:
        targets: list[str | None] = list(ctx.databases) if bench.per_database else [None]
        for database in targets:
            label = f"{bench.name}[{database}]" if database else bench.name
            ctx.log(f"running {label} ...")
            began = time.perf_counter()
            try:
                run = bench.load()
                outcome = run(ctx, database) if database else run(ctx)
            except Exception as exc:  # noqa: BLE001 - report and go on with the next benchmark
                outcome = _failed(label, exc)
            produced = outcome if isinstance(outcome, list) else [outcome]
            for result in produced:
                result.details.setdefault("wall_s", round(time.perf_counter() - began, 1))
                ctx.log(f"  {result.name}: ratio {result.ratio} (target {result.comparison} {result.target})"
                        f" {'met' if result.met else 'NOT met'}")
            results.extend(produced)
    return results


def _headline(details: dict[str, Any]) -> str:
    summary = details.get("summary") or details.get("error") or ""
    return str(summary)


def format_table(results: Sequence[Result]) -> str:
    """A plain text table: name, ratio, target, met, one-line summary."""
    rows = [("benchmark", "ratio", "target", "met", "summary")]
    for r in results:
        ratio = "error" if r.ratio is None else f"{r.ratio:.3f}"
        rows.append((r.name, ratio, f"{r.comparison} {r.target:g}", "yes" if r.met else "NO", _headline(r.details)))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[i].ljust(widths[i]) for i in range(4)]
        lines.append("  ".join([*cells, row[4]]).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths) + "  -------")
    return "\n".join(lines)


def write_json(results: Sequence[Result], out: TextIO) -> None:
    """One JSON object per benchmark, one per line."""
    for r in results:
        out.write(json.dumps(r.as_dict(), ensure_ascii=False, default=str) + "\n")
