"""``python -m bench --quick|--full [--json] [--only NAME] [--db sqlite|postgresql]``.

Prints a table of ratios (hearing ÷ bare stack, measured in the same run). With ``--json``
the table goes to stderr and stdout carries one JSON object per benchmark
(``{"name", "ratio", "target", "met", "details"}``), one per line. Progress goes to stderr.
Exit status 0 even when targets are missed (the figures are the product); 2 on bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from bench.harness import (
    BENCHMARKS,
    DEFAULT_POSTGRES,
    RunContext,
    format_table,
    run_all,
    selected,
    write_json,
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[1])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--quick", action="store_true", help="small sizes, short runs (< 3 minutes)")
    size.add_argument("--full", action="store_true", help="the documented sizes (1M-item report, 100k import)")
    parser.add_argument("--json", action="store_true", help="one JSON object per benchmark on stdout")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help=f"run only this benchmark (repeatable): {', '.join(b.name for b in BENCHMARKS)}")
    parser.add_argument("--db", choices=("sqlite", "postgresql"), action="append",
                        help="database(s) for the database benchmarks (default: both; PostgreSQL is skipped "
                             "with a note when the server does not answer)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="multiply sizes and durations (the smoke test runs everything at 0.02)")
    return parser


def _postgres_answers(server: str) -> bool:
    import asyncio

    import asyncpg

    async def ping() -> None:
        conn = await asyncpg.connect(server, timeout=5)
        await conn.close()

    try:
        asyncio.run(ping())
    except Exception:  # noqa: BLE001 - any failure means "not available"
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    server = os.environ.get("HEARING_BENCH_DATABASE") or DEFAULT_POSTGRES
    databases = tuple(dict.fromkeys(args.db or ("sqlite", "postgresql")))

    def log(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    if "postgresql" in databases and not _postgres_answers(server):
        if args.db:
            log(f"error: PostgreSQL at {server} does not answer (set HEARING_BENCH_DATABASE)")
            return 2
        log(f"note: PostgreSQL at {server} does not answer; running SQLite only")
        databases = tuple(d for d in databases if d != "postgresql")
    ctx = RunContext(quick=args.quick, databases=databases, postgres_server=server, log=log, scale=args.scale)
    began = time.perf_counter()
    results = run_all(ctx, selected(args.only))
    table = format_table(results)
    footer = f"\n{sum(r.met for r in results)}/{len(results)} targets met in {time.perf_counter() - began:.0f} s"
    if args.json:
        print(table + footer, file=sys.stderr)
        write_json(results, sys.stdout)
    else:
        print(table + footer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
