"""Shared builders for the mediation tests: plain data, and a few service sequences for the database tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from hearing_mediation import cases
from hearing_mediation.domain import (
    ApplicationKind,
    CaseMediator,
    CommitteeRole,
    Consent,
    MediationCase,
    Mediator,
    MediatorChoice,
    Party,
    PartyRole,
    ReceptionBatch,
    Session,
    committee_status,
)

from hearing_core.petitions.domain.identity import id_check_code
from hearing_core.petitions.domain.item import Petitioner


def id_number(born: str = "19800101", seq: str = "123", region: str = "440106") -> str:
    """A valid resident ID number (GB 11643 check character computed)."""
    first17 = region + born + seq
    return first17 + id_check_code(first17)


def batch(persons: int = 2, on: date = date(2025, 3, 3)) -> ReceptionBatch:
    people = [Petitioner("张三", id_number(), "13812345678")]
    return ReceptionBatch(centre_id=1, received_on=on, persons=persons, petitioners=people, matter="宅基地边界纠纷")


def committee(size: int = 3, women: int = 1) -> list[Mediator]:
    roles = [CommitteeRole.CHAIR] + [CommitteeRole.MEMBER] * (size - 1)
    return [
        Mediator(centre_id=1, name=f"调解员{i}", committee_role=role, sex="female" if i < women else "male", id=i + 1)
        for i, role in enumerate(roles)
    ]


def case(application: ApplicationKind = ApplicationKind.ONE_PARTY) -> MediationCase:
    role_b = PartyRole.APPLICANT if application is ApplicationKind.JOINT else PartyRole.RESPONDENT
    parties = [Party("李甲", PartyRole.APPLICANT, id_number(), "13800001111"), Party("王乙", role_b)]
    c = MediationCase(1, date(2025, 3, 3), application, parties, "两户因宅基地边界发生纠纷")
    c.validate(today=date(2025, 3, 3))
    return c


def started_case() -> MediationCase:
    c = case()
    c.record_response("王乙", Consent.AGREES, date(2025, 3, 4))
    c.assign_mediators([CaseMediator(1, "调解员0", MediatorChoice.DESIGNATED)])
    c.accept(date(2025, 3, 5), committee_status(committee(), 3, 9))
    return c


DAY = date(2025, 3, 3)


async def open_case(ctx: Any, centre: dict[str, Any], application: ApplicationKind = ApplicationKind.ONE_PARTY) -> dict[str, Any]:
    role = PartyRole.APPLICANT if application is ApplicationKind.JOINT else PartyRole.RESPONDENT
    parties = [Party("李德明", PartyRole.APPLICANT, id_number("19780605", "152"), "13700002222"), Party("王建华", role)]
    return await cases.open_case(ctx, MediationCase(centre["id"], DAY, application, parties, "宅基地围墙纠纷"))


def session(on: date, **changes: Any) -> Session:
    data: dict[str, Any] = {"held_on": on, "place": "城关镇人民调解室", "public": False,
                            "parties_present": ["李德明", "王建华"], "mediators_present": ["陈明"], "notes": "双方陈述意见"}
    data.update(changes)
    return Session(**data)


async def started(ctx: Any, centre: dict[str, Any], case: dict[str, Any] | None = None) -> dict[str, Any]:
    case = case or await open_case(ctx, centre)
    await cases.record_response(ctx, case["id"], "王建华", "agrees", on=DAY)
    await cases.assign_mediators(ctx, case["id"], [centre["mediators"][0]["id"], centre["mediators"][1]["id"]],
                                 chosen_by="parties")
    return await cases.accept(ctx, case["id"], on=date(2025, 3, 4))


