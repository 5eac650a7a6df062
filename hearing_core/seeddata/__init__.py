"""Synthetic register data (模拟登记数据) for tests, demos and benchmarks.

* :func:`seed_dataset` — the seed summary's year and the year before, as import rows
  (JSON Lines, docs/register.md §7) that reproduce its figures exactly: 632 items
  (199 letters, 433 visit batches of 1134 persons), 66 not accepted, 566 accepted,
  348 distinct matters (纯件数), 52 backlog matters; last year 534 accepted in 311.
* :func:`bulk_rows` / :func:`bulk_records` — any number of items with the seed
  year's proportions, generated lazily (for 100k–1M row benchmarks).
* :func:`write_jsonl` — stream rows to a ``.jsonl`` file for ``hearing petitions import``.

Names, ID numbers (valid GB 11643 check characters), phones and summaries are
invented. Nothing here touches the database; ``hearing demo`` and the tests
import the files through the register's import service.
"""

from __future__ import annotations

from hearing_core.seeddata.bulk import BulkRecord, bulk_records, bulk_rows
from hearing_core.seeddata.seedyear import DEFAULT_SEED, SeedDataset, seed_dataset, write_jsonl
from hearing_core.seeddata.targets import SEED_PREVIOUS_YEAR, SEED_YEAR, YearTarget

__all__ = [
    "DEFAULT_SEED",
    "SEED_PREVIOUS_YEAR",
    "SEED_YEAR",
    "BulkRecord",
    "SeedDataset",
    "YearTarget",
    "bulk_records",
    "bulk_rows",
    "seed_dataset",
    "write_jsonl",
]
