"""Summaries and requests (内容摘要、诉求) of synthetic items, in registrars' wording.

A matter keeps one set of place and party names (:func:`fill_values`) for all its
items, so a repeat reads "再次反映…" about the same village and the same project,
and a group's visit reads "12人集体来访，反映…".
"""

from __future__ import annotations

import random

from hearing_core.seeddata.vocab import COMPANIES, PROJECTS, SUMMARIES, TOWNS, VILLAGES

__all__ = ["fill_values", "summary_for"]


def fill_values(rng: random.Random) -> dict[str, str]:
    """Names and numbers a summary template can use (one set per matter)."""
    return {
        "town": rng.choice(TOWNS),
        "village": rng.choice(VILLAGES),
        "company": rng.choice(COMPANIES),
        "project": rng.choice(PROJECTS),
        "n": str(rng.randrange(3, 60)),
        "amount": f"{rng.randrange(8, 160) * 500:,}".replace(",", ""),
        "year": str(rng.randrange(2016, 2022)),
    }


def summary_for(
    category: str,
    template: int,
    fill: dict[str, str],
    *,
    persons: int = 1,
    collective: bool = False,
    repeat: bool = False,
    outside: bool = False,
) -> tuple[str, str]:
    """The (summary, request) of one item of ``category``.

    :param template: which of the category's templates (taken modulo their number).
    :param collective: a collective visit (集体访) of ``persons`` people.
    :param repeat: a repeat item (重复件) — "再次反映…，称问题至今未解决".
    :param outside: a matter outside the county's jurisdiction (不属于我县管辖).
    """
    choices = SUMMARIES[category]
    summary, request = choices[template % len(choices)]
    values = dict(fill)
    if outside:
        values["town"] = "邻县某镇"
    summary = summary.format(**values)
    if repeat:
        summary = summary.replace("反映", "再次反映", 1) if "反映" in summary else "再次来信来访，" + summary
        summary += "，称问题至今未解决"
    if collective:
        summary = f"{persons}人集体来访，" + summary
    return summary, request.format(**values)
