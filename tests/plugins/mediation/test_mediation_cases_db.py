"""Mediation cases on a real database: application to outcome, duration clock, committee, versions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hearing_mediation import cases, centres
from hearing_mediation.case_queries import list_cases
from hearing_mediation.domain import ApplicationKind
from mediation_helpers import open_case, session, started

from hearing_core.errors import Conflict, InvalidTransition, NotFound, RuleViolation, ValidationFailed

DAY = dt.date(2025, 3, 3)


async def test_application_to_agreement_with_duration_clock(mediator: Any, centre: dict[str, Any]) -> None:
    case = await open_case(mediator, centre)
    assert case["ref"] == "CGZ-TJ-2025-001" and case["duration"] is None
    assert "accept" in case["allowed_actions"]
    with pytest.raises(RuleViolation, match="王建华 has not agreed"):
        await cases.accept(mediator, case["id"], on=DAY)
    case = await started(mediator, centre, case)
    assert case["state"] == "in_mediation" and [m["name"] for m in case["mediators"]] == ["陈明", "林芳"]
    assert case["mediators"][0]["lead"] and case["mediators"][0]["chosen_by"] == "parties"
    clock = case["duration"]
    assert (clock["rule_id"], clock["start_date"], clock["due"]) == ("mediation.duration", "2025-03-04", "2025-04-07")
    assert clock["status"] == "overdue" and "2025年4月4日" in clock["explanation_zh"]  # 4 April: 清明节, rolled
    case = await cases.invite_helper(mediator, case["id"], "赵德胜", "村民小组组长", parties_consent=True, on=DAY)
    case = await cases.record_session(mediator, case["id"], session(dt.date(2025, 3, 10)))
    assert case["sessions"][0]["number"] == 1 and case["sessions"][0]["recorded_by"] == "chen"
    listed = await list_cases(mediator, centre_id=centre["id"])
    assert listed["total"] == 1 and listed["items"][0]["parties"] == ["李德明", "王建华"]
    assert listed["items"][0]["due"] == "2025-04-07"


async def test_a_clear_refusal_only_allows_refusing(mediator: Any, centre: dict[str, Any]) -> None:
    case = await open_case(mediator, centre)
    case = await cases.record_response(mediator, case["id"], "王建华", "declines", on=DAY)
    assert "accept" not in case["allowed_actions"]
    await cases.assign_mediators(mediator, case["id"], [centre["mediators"][0]["id"]])
    with pytest.raises(RuleViolation) as exc:
        await cases.accept(mediator, case["id"], on=DAY)
    assert exc.value.rule == "mediation.party_declines"
    case = await cases.refuse(mediator, case["id"], "被申请人明确拒绝调解", on=DAY)
    assert case["state"] == "refused" and case["closed_on"] == DAY.isoformat()


async def test_incomplete_committee_blocks_mediation(admin_ctx: Any, mediator: Any, centre: dict[str, Any]) -> None:
    case = await open_case(mediator, centre, ApplicationKind.JOINT)
    await cases.assign_mediators(mediator, case["id"], [centre["mediators"][0]["id"]])
    member = centre["mediators"][2]
    await centres.update_mediator(admin_ctx, member["id"], {"committee_role": "none"})
    with pytest.raises(RuleViolation) as exc:
        await cases.accept(mediator, case["id"], on=DAY)
    assert exc.value.rule == "mediation.committee_min"
    assert not (await centres.get_centre(admin_ctx, centre["id"]))["committee"]["complete"]


async def test_committee_seats_are_bounded_by_the_profile(admin_ctx: Any, centre: dict[str, Any]) -> None:
    from hearing_mediation.domain import Mediator

    for i in range(6):
        await centres.add_mediator(admin_ctx, Mediator(centre["id"], f"委员{i}", committee_role="member"))  # type: ignore[arg-type]
    with pytest.raises(RuleViolation) as exc:
        await centres.add_mediator(admin_ctx, Mediator(centre["id"], "第十位", committee_role="member"))  # type: ignore[arg-type]
    assert exc.value.rule == "mediation.committee_max"
    status = (await centres.get_centre(admin_ctx, centre["id"]))["committee"]
    assert (status["members"], status["complete"]) == (9, True)
    roster = await centres.list_mediators(admin_ctx, centre["id"], speciality="邻里纠纷")
    assert [m["name"] for m in roster] == ["林芳", "吴静"]


async def test_extension_by_consent_moves_the_due_date(mediator: Any, centre: dict[str, Any]) -> None:
    case = await started(mediator, centre)
    with pytest.raises(RuleViolation):
        await cases.extend(mediator, case["id"], dt.date(2025, 5, 6), parties_consent=False)
    case = await cases.extend(mediator, case["id"], dt.date(2025, 5, 6), parties_consent=True, note="双方同意延长")
    assert case["duration"]["due"] == "2025-05-06" and case["duration"]["extended_until"] == "2025-05-06"
    assert case["duration"]["status"] == "overdue"  # "today" is 31 December 2025 in these tests


async def test_failure_and_withdrawal_close_the_case(mediator: Any, centre: dict[str, Any]) -> None:
    case = await started(mediator, centre)
    with pytest.raises(ValidationFailed):
        await cases.fail(mediator, case["id"], ["court"], "分歧过大")
    case = await cases.fail(mediator, case["id"], ["litigation", "仲裁"], "分歧过大", on=dt.date(2025, 3, 20))
    assert case["state"] == "failed" and case["advice"] == ["litigation", "arbitration"]
    assert case["duration"]["status"] == "met" and case["duration"]["completed_on"] == "2025-03-20"
    with pytest.raises(InvalidTransition):
        await cases.withdraw(mediator, case["id"], "x")
    other = await started(mediator, centre)
    other = await cases.withdraw(mediator, other["id"], "申请人要求终止调解", on=dt.date(2025, 3, 5))
    assert other["state"] == "withdrawn"


async def test_escalation_and_stale_versions(mediator: Any, centre: dict[str, Any]) -> None:
    case = await started(mediator, centre)
    flagged = await cases.flag_escalation(mediator, case["id"], "双方曾发生推搡，已加强疏导", reported_to_police=True,
                                          version=case["version"])
    assert flagged["escalation"] and flagged["reported_to_police"]
    with pytest.raises(Conflict):
        await cases.flag_escalation(mediator, case["id"], "再次发生争吵", version=case["version"])


async def test_mediators_come_from_the_centres_active_roster(mediator: Any, centre: dict[str, Any], other_centre: Any) -> None:
    case = await open_case(mediator, centre)
    with pytest.raises(ValidationFailed):
        await cases.assign_mediators(mediator, case["id"], [999])
    with pytest.raises(NotFound):
        await cases.get_case(other_centre[1], case["id"])
    with pytest.raises(ValidationFailed):
        await cases.record_session(mediator, case["id"], session(dt.date(2026, 1, 5)))
