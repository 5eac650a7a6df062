"""The seed summary's figures (part 一(一)) reproduced from counts, and the identities that guard them."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from hearing_core.errors import RuleViolation
from hearing_core.petitions.domain import (
    AnnualFigures,
    CategoryCatalog,
    Channel,
    PreviousYear,
    TallyRecord,
    YearCounts,
    acceptance_sentence,
    annual_figures,
    category_sentence,
    change_pct,
    change_phrase,
    intake_paragraph,
    intake_sentence,
    percent,
    repeat_sentence,
    tally,
)

SEED = YearCounts(
    year=2023, letters=199, visit_batches=433, visit_persons=1134, not_accepted=66, distinct_matters=348, backlog=52
)
SEED_PREVIOUS = PreviousYear(accepted=534, distinct_matters=311)


def seed_figures() -> AnnualFigures:
    return annual_figures(SEED, SEED_PREVIOUS)


def test_seed_counts_give_the_seed_figures() -> None:
    f = seed_figures()
    assert f.total == 632
    assert f.accepted == 566
    assert f.repeat == 218
    assert f.backlog_share_pct == Decimal("14.9")
    assert f.accepted_yoy_pct == Decimal("6.0")
    assert f.distinct_yoy_pct == Decimal("11.9")
    data = f.as_dict()
    for key in ("year", "total", "letters", "visit_batches", "visit_persons", "phone", "online",
                "collective_batches", "collective_persons", "not_accepted", "accepted", "repeat",
                "distinct_matters", "backlog", "backlog_share_pct", "accepted_yoy_pct", "distinct_yoy_pct",
                "by_category"):  # fmt: skip
        assert key in data
    assert (data["letters"], data["visit_batches"], data["visit_persons"]) == (199, 433, 1134)


def test_seed_sentences_read_like_the_summary() -> None:
    f = seed_figures()
    assert intake_sentence(f) == "2023年群众来信来访共632件，其中来信199件；来访433批1134人次。"
    assert acceptance_sentence(f) == (
        "扣除不属于我县管辖或当面解释不予转办等不予受理的信访件66件，"
        "全年实际受理群众来信来访566件，与去年受理的总件数534件相比上升6.0%。"
    )
    assert "全年实际受理群众来信来访566件，与去年受理的总件数534件相比上升6.0%" in acceptance_sentence(f)
    assert repeat_sentence(f) == (
        "重复来信来访件218件，信访纯件数348件（积案52件占信访纯件数的14.9%），"
        "与去年受理的信访纯件数311件相比上升11.9%。"
    )
    assert intake_paragraph(f).startswith("2023年群众来信来访共632件")


def test_decrease_equal_and_no_previous_year() -> None:
    down = annual_figures(SEED, PreviousYear(accepted=600, distinct_matters=348))
    assert down.accepted_yoy_pct == Decimal("-5.7")
    assert acceptance_sentence(down).endswith("与去年受理的总件数600件相比下降5.7%。")
    assert repeat_sentence(down).endswith("与去年受理的信访纯件数348件相比持平。")
    alone = annual_figures(SEED)
    assert alone.accepted_yoy_pct is None
    assert acceptance_sentence(alone).endswith("全年实际受理群众来信来访566件。")
    assert change_phrase(Decimal("0.0")) == "持平"
    with pytest.raises(ValueError):
        change_phrase(None)


def test_percentages_round_half_up_in_decimal() -> None:
    # 1/400 = 0.25 %: float rounding gives 0.2, the hand calculation 0.3.
    assert round(1 / 400 * 100, 1) == 0.2
    assert percent(1, 400) == Decimal("0.3")
    assert percent(12, 33) == Decimal("36.4")  # seed: county backlog 化解率 12 of 33
    assert percent(14, 71) == Decimal("19.7")  # seed: 息诉息访率 14 of 71
    assert percent(5, 0) is None
    assert change_pct(5, 0) is None and change_pct(566, 534) == Decimal("6.0")


@pytest.mark.parametrize(
    ("changes", "previous", "identity"),
    [
        ({"total": 633}, None, "channels_sum_to_total"),
        ({"accepted": 560}, None, "accepted_plus_not_accepted"),
        ({"not_accepted": 700}, None, "not_accepted_le_total"),
        ({"distinct_matters": 600}, None, "repeat_non_negative"),
        ({"backlog": 349}, None, "backlog_le_distinct"),
        ({"visit_persons": 400}, None, "visit_persons_ge_batches"),
        ({"collective_batches": 500}, None, "collective_within_visits"),
        ({"letters": -1}, None, "non_negative"),
        ({"by_category": {"land_expropriation": 500}}, None, "categories_sum_to_accepted"),
        ({}, PreviousYear(accepted=300, distinct_matters=311), "previous_year_consistent"),
    ],
)
def test_broken_identities_are_named(changes: dict, previous: PreviousYear | None, identity: str) -> None:
    with pytest.raises(RuleViolation) as info:
        annual_figures(dataclasses.replace(SEED, **changes), previous)
    assert info.value.rule == f"statistics.identity.{identity}"
    assert identity in info.value.detail


def test_independent_totals_that_agree_are_accepted() -> None:
    f = annual_figures(dataclasses.replace(SEED, total=632, accepted=566), SEED_PREVIOUS)
    assert f.accepted == 566


def test_collective_threshold_identity() -> None:
    counts = dataclasses.replace(SEED, collective_batches=4, collective_persons=19)
    assert annual_figures(counts, collective_threshold=4).collective_persons == 19
    with pytest.raises(RuleViolation) as info:
        annual_figures(counts, collective_threshold=5)
    assert info.value.rule == "statistics.identity.collective_persons_ge_threshold"


def test_categories_roll_up_and_make_a_sentence(catalog: CategoryCatalog) -> None:
    counts = dataclasses.replace(
        SEED,
        by_category={"land_expropriation": 150, "土地利用与规划": 30, "house_demolition": 120, "other": 266},
    )
    f = annual_figures(counts, SEED_PREVIOUS, catalog=catalog)
    assert [(r["name"], r["count"], r["share_pct"]) for r in f.by_category] == [
        ("其他", 266, Decimal("47.0")), ("自然资源", 180, Decimal("31.8")), ("城乡建设", 120, Decimal("21.2")),
    ]  # fmt: skip
    assert category_sentence(f, top=2) == "信访反映的问题主要集中在其他（266件，占47.0%）、自然资源（180件，占31.8%）等方面。"
    with pytest.raises(RuleViolation) as info:
        annual_figures(dataclasses.replace(SEED, by_category={"外星人": 566}), catalog=catalog)
    assert info.value.rule == "statistics.identity.categories_known"


def test_other_channels_change_the_wording() -> None:
    counts = dataclasses.replace(SEED, phone=10, online=20, other_channels=5, collective_batches=4,
                                 collective_persons=53)  # fmt: skip
    f = annual_figures(counts)
    assert f.total == 667 and f.accepted == 601
    assert intake_sentence(f) == (
        "2023年群众信访共667件，其中来信199件；来访433批1134人次（其中集体访4批53人次）；"
        "来电10件；网上信访20件；其他渠道5件。"
    )
    assert "全年实际受理群众信访601件" in acceptance_sentence(f)
    assert repeat_sentence(f).startswith("重复信访件253件")


def seed_records() -> list[TallyRecord]:
    """632 items shaped like the seed year: 199 letters, 433 visit batches of 1134 persons,
    66 not accepted, 566 accepted over 348 matters of which 52 are on the backlog."""
    records: list[TallyRecord] = []
    persons = [4] * 134 + [2] * 299  # 433 batches, 536 + 598 = 1134 persons
    channels = [Channel.LETTER] * 199 + [Channel.VISIT] * 433
    for i, channel in enumerate(channels):
        accepted = i >= 66
        n = i - 66
        matter = f"M{n % 348}" if accepted else f"item:{i}"
        records.append(TallyRecord(channel, persons[i - 199] if channel is Channel.VISIT else 1, accepted,
                                   matter, backlog=accepted and n % 348 < 52, category="land_expropriation"))  # fmt: skip
    return records


def test_tally_reproduces_the_seed_counts() -> None:
    counts = tally(seed_records(), year=2023, collective_threshold=5)
    assert (counts.letters, counts.visit_batches, counts.visit_persons) == (199, 433, 1134)
    assert (counts.not_accepted, counts.distinct_matters, counts.backlog) == (66, 348, 52)
    assert counts.collective_batches == 0 and counts.by_category == {"land_expropriation": 566}
    f = annual_figures(counts, SEED_PREVIOUS)
    assert (f.accepted, f.repeat, f.backlog_share_pct) == (566, 218, Decimal("14.9"))
    with_groups = tally(seed_records(), year=2023, collective_threshold=4)
    assert (with_groups.collective_batches, with_groups.collective_persons) == (134, 536)
