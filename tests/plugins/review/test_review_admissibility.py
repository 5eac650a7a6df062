"""The admissibility checklist, ground by ground (no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hearing_review.domain import (
    Applicant,
    Capacity,
    Challenged,
    ChallengedKind,
    Facts,
    Ground,
    Kind,
    Level,
    Obstacle,
    Organ,
    OrganHierarchy,
    check,
    request_window,
)

from hearing_core.deadlines import HolidayCalendar, load_profile

PROFILE = load_profile("national")
CAL = HolidayCalendar()
ORGANS = OrganHierarchy([
    Organ("prov-gov", "某省人民政府", Level.PROVINCE),
    Organ("city-gov", "某市人民政府", Level.CITY, "prov-gov"),
    Organ("city-housing", "某市住房和城乡建设局", Level.CITY, "city-gov"),
    Organ("county-gov", "临江县人民政府", Level.COUNTY, "city-gov"),
    Organ("county-housing", "临江县住房和城乡建设局", Level.COUNTY, "county-gov", "city-housing"),
    Organ("east-town", "东城镇人民政府", Level.TOWNSHIP, "county-gov"),
])
SERVED = date(2025, 5, 6)


def facts(**changes: object) -> Facts:
    received = changes.pop("received_on", date(2025, 5, 20))
    challenged = Challenged(ChallengedKind.HANDLING_OPINION, "XF-2025-00001", "M-1", "east-town", SERVED,
                            conclusion="not_support", entitled=("张三", "李四"))
    obstacles = changes.pop("obstacles", ())
    base = Facts(Kind.REVIEW, received, "county-gov", Applicant("张三"), challenged, ORGANS)  # type: ignore[arg-type]
    base = replace(base, **changes)  # type: ignore[arg-type]
    if base.challenged.served_on is not None:
        window = request_window(PROFILE, CAL, base.kind, base.challenged.served_on, base.received_on,
                                obstacles)  # type: ignore[arg-type]
        base = replace(base, window=window)
    return base


def failed(f: Facts) -> list[Ground]:
    return [r.ground for r in check(f).failed]


def test_a_timely_application_to_the_next_higher_organ_passes_every_ground() -> None:
    checklist = check(facts())
    assert checklist.admissible and checklist.primary is None
    assert [r.ground for r in checklist.results] == list(Ground)
    # Each passed ground is explained in Chinese as well (the checklist page shows it).
    zh = {r.ground: r.reason_zh for r in checklist.results}
    assert all(zh.values()), zh
    assert zh[Ground.WINDOW].endswith("）内") and "请求期限（截至" in zh[Ground.WINDOW]
    assert zh[Ground.TERMINATED] == "该信访事项未终结"


def test_ground_opinion_served() -> None:
    unserved = replace(facts().challenged, served_on=None)
    assert failed(facts(challenged=unserved)) == [Ground.OPINION_SERVED]
    assert failed(facts(received_on=date(2025, 5, 5))) == [Ground.OPINION_SERVED]


def test_ground_applicant_petitioner_or_lawful_agent() -> None:
    assert failed(facts(applicant=Applicant("王五"))) == [Ground.APPLICANT]
    no_paper = Applicant("律师甲", Capacity.AGENT, agent_of="张三")
    assert failed(facts(applicant=no_paper)) == [Ground.APPLICANT]
    wrong_principal = Applicant("律师甲", Capacity.AGENT, agent_of="王五", authorisation="授权委托书一份")
    assert failed(facts(applicant=wrong_principal)) == [Ground.APPLICANT]
    agent = Applicant("律师甲", Capacity.AGENT, agent_of="李四", authorisation="授权委托书一份")
    assert check(facts(applicant=agent)).admissible


def test_ground_window_names_the_rule_and_counts_force_majeure() -> None:
    # Served Tue 6 May 2025: May 7 - Jun 5 = 30 (Thu 5 Jun, a working day).
    assert check(facts(received_on=date(2025, 6, 5))).admissible
    late = check(facts(received_on=date(2025, 6, 6)))
    assert [r.ground for r in late.failed] == [Ground.WINDOW]
    result = late.failed[0]
    assert result.rule == "review.request_window" and "第34条" in (result.source or "")
    assert "2025年6月5日" in result.reason_zh and "30日" in result.reason_zh
    flood = Obstacle(date(2025, 5, 20), date(2025, 5, 24), "洪水")
    excused = check(facts(received_on=date(2025, 6, 6), obstacles=[flood], force_majeure_days=5))
    assert excused.admissible


def test_ground_level_next_higher_organ_only() -> None:
    # A township's opinion goes to the county government, not straight to the city.
    assert failed(facts(receiving_organ="city-gov")) == [Ground.LEVEL]
    level = check(facts(receiving_organ="city-gov")).failed[0]
    assert "临江县人民政府" in level.reason_zh and level.data["allowed"] == ["county-gov"]
    # A county department: the county government or the counterpart city department.
    dept = replace(facts().challenged, organ="county-housing")
    assert check(facts(challenged=dept, receiving_organ="county-gov")).admissible
    assert check(facts(challenged=dept, receiving_organ="city-housing")).admissible
    assert failed(facts(challenged=dept, receiving_organ="prov-gov")) == [Ground.LEVEL]
    unknown = replace(facts().challenged, organ="no-such-organ")
    assert failed(facts(challenged=unknown)) == [Ground.LEVEL]


def test_ground_accepted_elsewhere() -> None:
    assert failed(facts(other_accepted=("FC-2025-0001",))) == [Ground.ACCEPTED_ELSEWHERE]
    assert failed(facts(accepted_elsewhere="某市人民政府2025年5月15日已受理")) == [Ground.ACCEPTED_ELSEWHERE]


def test_ground_statutory_route_from_the_register_or_declared() -> None:
    routed = replace(facts().challenged, statutory_route="administrative_reconsideration")
    assert failed(facts(challenged=routed)) == [Ground.STATUTORY_ROUTE]
    assert failed(facts(declared_route="已向县人民法院提起行政诉讼")) == [Ground.STATUTORY_ROUTE]


def test_ground_terminated() -> None:
    msg = "该事项已于2025年6月3日复核终结（三级终结），同一事实和理由不再受理"
    result = check(facts(terminated=msg))
    assert [r.ground for r in result.failed] == [Ground.TERMINATED]
    assert result.failed[0].reason_zh == msg


def test_every_failed_ground_is_reported_and_the_first_is_primary() -> None:
    result = check(facts(received_on=date(2025, 7, 1), receiving_organ="city-gov", applicant=Applicant("王五")))
    assert [r.ground for r in result.failed] == [Ground.APPLICANT, Ground.WINDOW, Ground.LEVEL]
    assert result.primary is Ground.APPLICANT


def test_rereview_window_is_its_own_rule() -> None:
    challenged = Challenged(ChallengedKind.REVIEW_OPINION, "FC-2025-0001", "M-1", "county-gov", SERVED,
                            entitled=("张三",))
    f = facts(kind=Kind.REREVIEW, challenged=challenged, receiving_organ="city-gov", received_on=date(2025, 6, 9))
    result = check(f)
    assert [r.ground for r in result.failed] == [Ground.WINDOW]
    assert result.failed[0].rule == "rereview.request_window"


def test_checklist_round_trips_through_json() -> None:
    from hearing_review.domain import Checklist

    result = check(facts(received_on=date(2025, 6, 6)))
    again = Checklist.from_list(result.as_list())
    assert again == result
