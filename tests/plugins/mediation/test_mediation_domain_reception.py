"""Reception batches (接待批次) and their disposition, without a database."""

from __future__ import annotations

from datetime import date

import pytest
from hearing_mediation.domain import RECEPTION, ReceptionBatch, ReceptionDisposition
from mediation_helpers import batch

from hearing_core.errors import InvalidTransition, ValidationFailed
from hearing_core.petitions.domain.codes import StatutoryRoute
from hearing_core.petitions.domain.item import Petitioner


def test_every_disposition_is_reachable_once_and_final() -> None:
    actions = RECEPTION.allowed_actions("received")
    assert actions == ["explain", "mediate", "transfer", "assign", "route", "refer_to_leader", "joint_reception"]
    for action in actions:
        target = RECEPTION.target("received", action)
        assert target in RECEPTION.final
        assert RECEPTION.allowed_actions(target) == []
    assert {RECEPTION.target("received", a) for a in actions} == {d.value for d in ReceptionDisposition} - {"received"}


def test_explain_needs_what_was_explained_and_happens_once() -> None:
    b = batch()
    with pytest.raises(ValidationFailed) as exc:
        b.explain(date(2025, 3, 3), "  ")
    assert exc.value.errors[0].field == "note"
    assert b.state == "received"
    b.explain(date(2025, 3, 3), "讲解宅基地确权政策，当事人表示理解")
    assert b.disposition is ReceptionDisposition.EXPLAINED and b.disposed_on == date(2025, 3, 3)
    with pytest.raises(InvalidTransition) as again:
        b.transfer(date(2025, 3, 4), "县自然资源局")
    assert again.value.state == "explained_on_spot" and again.value.allowed == []


def test_transfer_assign_route_leader_joint_record_their_facts() -> None:
    t = batch()
    t.transfer(date(2025, 3, 3), " 县自然资源局 ")
    assert (t.state, t.handling_unit) == ("transferred", "县自然资源局")
    a = batch()
    a.assign(date(2025, 3, 3), "城关镇人民政府", date(2025, 4, 2))
    assert (a.state, a.assignment_due_on) == ("assigned", date(2025, 4, 2))
    r = batch()
    r.route_to_statutory(date(2025, 3, 3), StatutoryRoute.LITIGATION, "已进入诉讼程序")
    assert (r.state, r.route) == ("routed_to_statutory_procedure", StatutoryRoute.LITIGATION)
    leader = batch()
    leader.refer_to_leader(date(2025, 3, 3), "县长")
    assert (leader.state, leader.leader) == ("leader_reception", "县长")
    j = batch()
    j.joint_reception(date(2025, 3, 3), ["县人社局", "县住建局", "县人社局"])
    assert (j.state, j.joint_units) == ("joint_reception", ["县人社局", "县住建局"])


def test_bad_dispositions_are_refused_before_anything_changes() -> None:
    b = batch()
    with pytest.raises(ValidationFailed):
        b.assign(date(2025, 3, 3), "城关镇", date(2025, 3, 1))
    with pytest.raises(ValidationFailed):
        b.joint_reception(date(2025, 3, 3), ["只有一个单位"])
    with pytest.raises(ValidationFailed) as early:
        b.transfer(date(2025, 3, 1), "县公安局")
    assert "before received_on" in early.value.errors[0].message
    assert b.state == "received" and b.handling_unit is None


def test_validation_lists_every_problem_and_normalises_people() -> None:
    bad = ReceptionBatch(1, date(2025, 3, 3), 0, [Petitioner("", "123", "999")], "")
    with pytest.raises(ValidationFailed) as exc:
        bad.validate(today=date(2025, 3, 1))
    fields = {e.field for e in exc.value.errors}
    assert {"persons", "petitioners[0].name", "petitioners[0].id_number", "petitioners[0].phone", "matter", "received_on"} <= fields
    ok = batch()
    ok.petitioners[0].id_number = ok.petitioners[0].id_number.lower().replace("x", "x")
    ok.validate(today=date(2025, 3, 3))
    assert ok.as_dict()["disposition_label"] == "待处理"


def test_more_petitioners_than_persons_is_refused() -> None:
    b = batch(persons=1)
    b.petitioners.append(Petitioner("李四"))
    with pytest.raises(ValidationFailed) as exc:
        b.validate()
    assert exc.value.errors[0].field == "persons"
