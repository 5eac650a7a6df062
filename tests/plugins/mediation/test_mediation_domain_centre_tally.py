"""Committee composition (委员会组成) and the centre's tally sentence — no database."""

from __future__ import annotations

import random

import pytest
from hearing_mediation.domain import (
    CaseFigures,
    CommitteeRole,
    Mediator,
    ReceptionDisposition,
    committee_status,
    ensure_room_on_committee,
    render_markdown,
    tally_reception,
)
from mediation_helpers import committee

from hearing_core.errors import RuleViolation


def test_committee_between_min_and_max_with_a_chair_and_a_woman() -> None:
    assert committee_status(committee(3), 3, 9).complete
    small = committee_status(committee(2), 3, 9)
    assert not small.complete and "at least 3" in small.problems[0]
    no_women = committee_status(committee(5, women=0), 3, 9)
    assert no_women.problems == ("the committee must include a woman member (应当有妇女成员)",)
    with pytest.raises(RuleViolation) as exc:
        no_women.require_complete()
    assert exc.value.rule == "mediation.committee_composition"
    not_seated = Mediator(centre_id=1, name="候补", id=99)
    assert committee_status([*committee(3), not_seated], 3, 9).members == 3


def test_tenth_member_and_second_chair_are_refused() -> None:
    nine = committee(9)
    with pytest.raises(RuleViolation) as full:
        ensure_room_on_committee(nine, Mediator(1, "第十人", committee_role=CommitteeRole.MEMBER), 9)
    assert full.value.rule == "mediation.committee_max"
    with pytest.raises(RuleViolation):
        ensure_room_on_committee(committee(3), Mediator(1, "新主任", committee_role=CommitteeRole.CHAIR), 9)
    ensure_room_on_committee(nine, Mediator(1, "非委员"), 9)
    ensure_room_on_committee(nine, nine[3], 9)  # re-saving a seated member is not a new seat


def seed_records() -> list[tuple[str, int]]:
    """The seed's year: 135 batches, 301 persons; 44/108 explained, 12/96 mediated, 79 handed over."""
    explained = [("explained_on_spot", 2)] * 40 + [("explained_on_spot", 7)] * 4
    mediated = [("mediation", 8)] * 12
    handed = [("transferred", 1)] * 61 + [("assigned", 2)] * 18
    records = explained + mediated + handed
    random.Random(5).shuffle(records)
    return records


def figures(records: list[tuple[str, int]], cases: CaseFigures | None = None) -> dict[str, object]:
    return {"year": 2025, "centres": 1, "reception": tally_reception(records).as_dict(), "cases": (cases or CaseFigures()).as_dict()}


def test_seed_sentence() -> None:
    tally = tally_reception(seed_records())
    assert tally.total.as_dict() == {"batches": 135, "persons": 301}
    assert tally.of(ReceptionDisposition.EXPLAINED).as_dict() == {"batches": 44, "persons": 108}
    assert tally.handed_over.as_dict() == {"batches": 79, "persons": 97}
    assert render_markdown(figures(seed_records())) == (
        "2025年信访服务中心共接待群众135批301人次，其中当场疏导解释44批108人次，进行调解的12批96人次，"
        "其他79批97人次按照《信访工作条例》交办（转办）责任单位，依法按有关规定办理。\n"
    )


def test_other_dispositions_are_listed_and_cases_follow() -> None:
    records = [("explained_on_spot", 1), ("transferred", 2), ("leader_reception", 3), ("joint_reception", 4), ("received", 1)]
    cases = CaseFigures(applied=5, opened=4, succeeded=3, failed=1, refused=1, escalated=1,
                        agreements_effective=3, agreements_performed=2, confirmations_applied=1, confirmations_confirmed=1)
    text = render_markdown({**figures(records, cases), "centres": 2})
    assert text.startswith("2025年2个信访服务中心共接待群众5批11人次，其中当场疏导解释1批1人次，交办（转办）责任单位1批2人次，")
    assert "由领导接访1批3人次，联合接访1批4人次，尚在处理中1批1人次。" in text
    assert "全年受理调解申请5件，开展调解4件，其中调解成功3件，调解不成1件，不予调解1件，调解成功率75.0%。" in text
    assert "告知当事人可以依法通过仲裁、行政、司法等途径" in text
    assert "达成调解协议3份，已履行完毕2份；当事人共同申请司法确认1份，经人民法院确认有效1份。" in text
    assert "对1起有激化可能的纠纷" in text


def test_empty_year() -> None:
    assert render_markdown(figures([])) == "2025年信访服务中心未接待群众来访。\n"
