"""Rule profiles: shipped values, inheritance, validation errors, fingerprints."""

from __future__ import annotations

from pathlib import Path

import pytest

from hearing_core.deadlines import Direction, Unit, available_profiles, load_profile
from hearing_core.errors import NotFound, ValidationFailed

SHIPPED = {"national", "guangdong", "shandong", "jiangsu", "anhui"}

# Rule ids and params other engineers code against (the brief's list).
RULE_IDS = """intake.disposition intake.county_forwarding acceptance.notice acceptance.objection
handling.deadline handling.extension_max simplified.accept simplified.opinion simplified.forward
review.request_window review.decision rereview.request_window rereview.decision review.nonacceptance_notice
supervision.proposal_answer hearing.application hearing.decision hearing.hold_within hearing.notice
hearing.consent_reply hearing.conclusion_on_spot hearing.conclusion_later mediation.duration
mediation.judicial_confirmation reception.notice reception.instruction_transfer reception.department_reply
satisfaction.window hotline.consult_reply hotline.help_reply hotline.complaint_reply""".split()
PARAM_IDS = """intake.collective_visit_threshold intake.representatives_max intake.agents_max
intake.visit_target_level hearing.panel_min hearing.panel_odd hearing.representatives_max hearing.agents_max
hearing.decision_silence_means hearing.secret_matters hearing.withdrawal_bars_reapplication
hearing.application_late_means hearing.presiding_officer_votes mediation.committee_min mediation.committee_max review.extension_allowed
rereview.hearing_time_excluded review.excluded_pause_kinds satisfaction.grades
satisfaction.basically_counts_as_satisfied statistics.period_end""".split()


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_each_shipped_profile_loads_with_every_rule_and_param(name: str) -> None:
    profile = load_profile(name)
    assert profile.name == name and profile.title and profile.chain[0] == "national"
    assert set(RULE_IDS) <= set(profile.rules)
    assert set(PARAM_IDS) <= set(profile.params)
    for rule in profile.rules.values():
        assert rule.source and rule.confidence in "ABCD" and rule.title_zh


def test_available_profiles_lists_the_shipped_ones() -> None:
    infos = {i.name: i for i in available_profiles()}
    assert set(infos) == SHIPPED
    assert infos["guangdong"].extends == "national" and infos["national"].extends is None


def test_national_values_from_the_rules_table() -> None:
    p = load_profile()
    assert (p.rule("handling.deadline").length, p.rule("handling.deadline").unit) == (60, Unit.CALENDAR_DAYS)
    assert p.rule("handling.deadline").extension is p.rule("handling.extension_max")
    assert (p.rule("acceptance.objection").length, p.rule("acceptance.objection").unit) == (5, Unit.WORKING_DAYS)
    assert p.rule("hearing.notice").direction is Direction.BEFORE
    assert p.rule("mediation.duration").unit is Unit.MONTHS
    assert p.param("intake.visit_target_level") == "same_or_one_up"
    assert p.param("review.excluded_pause_kinds") == ["hearing", "appraisal", "survey"]
    assert p.param("rereview.hearing_time_excluded") is True
    assert p.param("review.extension_allowed") is False
    assert p.param("statistics.period_end") == "12-31"
    assert p.param("satisfaction.grades") == ["满意", "基本满意", "不满意"]


def test_guangdong_overrides_national() -> None:
    gd, nat = load_profile("guangdong"), load_profile("national")
    assert gd.chain == ("national", "guangdong")
    assert gd.param("intake.visit_target_level") == "same_level_only"
    assert gd.param_info("intake.visit_target_level").origin == "guangdong"
    assert "第32条" in gd.param_info("intake.visit_target_level").source
    assert [gd.rule(f"hotline.{k}").length for k in ("consult_reply", "help_reply", "complaint_reply")] == [2, 10, 15]
    assert gd.rule("hotline.consult_reply").unit is Unit.WORKING_DAYS
    assert gd.rule("rereview.decision").pauses == ("hearing",)
    assert gd.param("review.excluded_pause_kinds") == ["hearing"]
    # Inherited unchanged, still attributed to national.
    assert gd.rule("handling.deadline").length == 60 and gd.rule("handling.deadline").origin == "national"
    assert gd.rule("handling.deadline").profile == "guangdong"
    assert gd.param("online.text_max") == 800 and "online.text_max" not in nat.params


def test_provincial_hearing_values() -> None:
    sd, js, ah = load_profile("shandong"), load_profile("jiangsu"), load_profile("anhui")
    assert (sd.rule("hearing.notice").length, sd.rule("hearing.notice").unit) == (10, Unit.WORKING_DAYS)
    assert sd.param("hearing.panel_min") == 5 and sd.param("hearing.panel_odd") is True
    assert (js.rule("hearing.decision").length, js.rule("hearing.decision").unit) == (5, Unit.WORKING_DAYS)
    assert (js.rule("hearing.notice").length, js.rule("hearing.notice").unit) == (7, Unit.WORKING_DAYS)
    assert js.rule("hearing.hold_within").length == 30
    assert [ah.rule(r).length for r in ("hearing.application", "hearing.decision", "hearing.consent_reply")] == [5, 5, 5]
    assert ah.param("hearing.consent_silence_means") == "refusal"
    assert ah.param("hearing.secret_matters") == "forbidden"
    assert ah.param("hearing.withdrawal_bars_reapplication") is True


def test_instance_profile_inherits_and_overrides(tmp_path: Path) -> None:
    write(tmp_path, "guangzhou_county", """
name = "guangzhou_county"
title = "广州某区信访局"
extends = "guangdong"

[rules.hotline.consult_reply]
inclusive = true
source = "广州12345实施细则（含本数）"
confidence = "C"

[params.hearing.panel_min]
value = 5
source = "本局决定"
confidence = "D"
""")
    p = load_profile("guangzhou_county", extra_dirs=[tmp_path])
    assert p.chain == ("national", "guangdong", "guangzhou_county")
    assert p.rule("hotline.consult_reply").inclusive and p.rule("hotline.consult_reply").length == 2
    assert p.param("hearing.panel_min") == 5
    assert p.param("intake.visit_target_level") == "same_level_only"
    assert {i.name for i in available_profiles([tmp_path])} == SHIPPED | {"guangzhou_county"}


def test_child_can_withdraw_a_length(tmp_path: Path) -> None:
    write(tmp_path, "cautious", BASE.format(name="cautious") +
          '[rules.review.nonacceptance_notice]\nrequires_config = true\nsource = "待核实"\nconfidence = "D"\n')
    rule = load_profile("cautious", extra_dirs=[tmp_path]).rule("review.nonacceptance_notice")
    assert rule.length is None and not rule.configured


def test_fingerprints(tmp_path: Path) -> None:
    assert load_profile("national").fingerprint() == load_profile("national").fingerprint()
    assert len({load_profile(n).fingerprint() for n in SHIPPED}) == len(SHIPPED)
    body = 'name = "county"\ntitle = "某县"\nextends = "national"\n[params.hearing.panel_min]\nvalue = {v}\n' \
           'source = "本局决定"\nconfidence = "D"\n'
    write(tmp_path, "county", body.format(v=5))
    five = load_profile("county", extra_dirs=[tmp_path]).fingerprint()
    write(tmp_path, "county", body.format(v=7))
    seven = load_profile("county", extra_dirs=[tmp_path]).fingerprint()
    assert five != seven


BASE = 'name = "{name}"\ntitle = "测试"\nextends = "national"\n'


@pytest.mark.parametrize(("body", "field", "words"), [
    ('[rules.x.y]\ntitle_zh = "t"\nlength = 3\nunit = "fortnights"\nstart_event = "received"\nsource = "s"\nconfidence = "C"\n',
     "rules.x.y.unit", "unknown unit 'fortnights'"),
    ('[rules.x.y]\ntitle_zh = "t"\nunit = "calendar_days"\nstart_event = "received"\nsource = "s"\nconfidence = "C"\n',
     "rules.x.y.length", "required"),
    ('[rules.x.y]\ntitle_zh = "t"\nlenght = 3\nunit = "calendar_days"\nstart_event = "received"\nsource = "s"\nconfidence = "C"\n',
     "rules.x.y.lenght", "unknown key"),
    ('[rules.x.y]\ntitle_zh = "t"\nlength = 3\nunit = "calendar_days"\nstart_event = "recieved"\nsource = "s"\nconfidence = "C"\n',
     "rules.x.y.start_event", "unknown event 'recieved'"),
    ('[rules.x.y]\ntitle_zh = "t"\nlength = true\nunit = "calendar_days"\nstart_event = "received"\nsource = "s"\nconfidence = "C"\n',
     "rules.x.y.length", "must be int"),
    ('[rules.x.y]\ntitle_zh = "t"\nlength = 3\nunit = "calendar_days"\nstart_event = "received"\nsource = "s"\nconfidence = "E"\n',
     "rules.x.y.confidence", "A, B, C, D"),
    ('[rules.handling.deadline]\nlength = 90\n', "rules.handling.deadline", "source and confidence"),
    ('[rules.handling.deadline]\nextension_rule = "handling.nothing"\nsource = "s"\nconfidence = "D"\n',
     "rules.handling.deadline.extension_rule", "no rule 'handling.nothing'"),
    ('[rules.hearing.notice]\npauses = ["hearing"]\nsource = "s"\nconfidence = "D"\n',
     "rules.hearing.notice", "cannot have pauses"),
    ('[params.hearing.panel_min]\nvalue = "five"\nsource = "s"\nconfidence = "D"\n',
     "params.hearing.panel_min.value", "must stay of type int"),
    ('[rules.handling.extension_max]\ndirection = "before"\nstart_event = "hearing_date"\nsource = "s"\nconfidence = "D"\n',
     "rules.handling.deadline.extension_rule", "must be another rule running after its event"),
    ('[params.hearing.secret_matters]\nvalue = "sometimes"\nsource = "s"\nconfidence = "D"\n',
     "params.hearing.secret_matters.value", "choose from closed, forbidden"),
    ('[params.hearing.panel_min]\nvalue = 5\n', "params.hearing.panel_min", "source and confidence"),
    ('[params.review.extension_allowed]\nvalue = true\nsource = "s"\nconfidence = "D"\n',
     "params.review.extension_allowed", "derived from rules.review.decision"),
    ('[params.x.new]\nvalue = 1\nsource = "s"\nconfidence = "D"\n', "params.x.new.title_zh", "required"),
    ('[rules.hearing]\nlength = 3\n', "rules.hearing", "area.name"),
    ('colour = "red"\n', "colour", "unknown key"),
])
def test_validation_errors_name_file_and_key(tmp_path: Path, body: str, field: str, words: str) -> None:
    path = write(tmp_path, "broken", BASE.format(name="broken") + body)
    with pytest.raises(ValidationFailed) as info:
        load_profile("broken", extra_dirs=[tmp_path])
    errors = {e.field: e.message for e in info.value.errors}
    assert field in errors and words in errors[field], errors
    assert str(path) in info.value.detail


def test_structural_errors(tmp_path: Path) -> None:
    write(tmp_path, "orphan", 'name = "orphan"\ntitle = "t"\nextends = "atlantis"\n')
    with pytest.raises(NotFound, match="extends 'atlantis'"):
        load_profile("orphan", extra_dirs=[tmp_path])
    with pytest.raises(NotFound, match="available: "):
        load_profile("nowhere")
    write(tmp_path, "a", 'name = "a"\ntitle = "t"\nextends = "b"\n')
    write(tmp_path, "b", 'name = "b"\ntitle = "t"\nextends = "a"\n')
    with pytest.raises(ValidationFailed, match="loops"):
        load_profile("a", extra_dirs=[tmp_path])


def test_name_clash_and_mismatch(tmp_path: Path) -> None:
    clash = tmp_path / "clash"
    clash.mkdir()
    write(clash, "guangdong", 'name = "guangdong"\ntitle = "t"\n')
    with pytest.raises(ValidationFailed, match="defined twice"):
        load_profile("national", extra_dirs=[clash])
    wrong = tmp_path / "wrong"
    wrong.mkdir()
    write(wrong, "county", 'name = "other"\ntitle = "t"\nextends = "national"\n')
    with pytest.raises(ValidationFailed) as info:
        load_profile("county", extra_dirs=[wrong])
    assert info.value.errors[0].field == "name"
    with pytest.raises(ValidationFailed, match="does not exist"):
        load_profile("national", extra_dirs=[tmp_path / "absent"])


def test_unknown_rule_or_param_is_not_found() -> None:
    p = load_profile()
    with pytest.raises(NotFound, match="hearing.nonsense"):
        p.rule("hearing.nonsense")
    with pytest.raises(NotFound):
        p.param("hearing.nonsense")


def test_docs_list_every_rule_param_and_event() -> None:
    docs = (Path(__file__).resolve().parents[3] / "docs" / "rule-profiles.md").read_text(encoding="utf-8")
    missing = set()
    for info in available_profiles():
        profile = load_profile(info.name)
        missing |= {f"rule {r}" for r in profile.rules if f"`{r}`" not in docs}
        missing |= {f"param {p}" for p in profile.params if f"`{p}`" not in docs}
        missing |= {f"event {e}" for e in profile.events if f"`{e}`" not in docs}
        if f"`{info.name}`" not in docs:
            missing.add(f"profile {info.name}")
    assert not missing, f"docs/rule-profiles.md does not mention: {sorted(missing)}"
