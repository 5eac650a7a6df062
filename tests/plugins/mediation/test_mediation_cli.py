"""``hearing mediation …``: the centre's day through the command line, ``--json`` everywhere, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mediation_helpers import id_number

PW = "password-123"
LI = f"李德明,{id_number('19780605', '152')},13700002222,城关镇东街5号"


def run(cli: Any, *args: str, user: str | None = None) -> Any:
    prefix = ("--as", user) if user else ()
    result = cli(*prefix, "mediation", *args, plugins=("mediation",))
    assert result.exit_code == 0, result.output + result.stderr
    return result


def data(cli: Any, *args: str, user: str | None = None) -> Any:
    return json.loads(run(cli, *args, "--json", user=user).stdout)


def setup(cli: Any) -> dict[str, Any]:
    assert cli("init", "--username", "admin", "--password", "admin-password-1", "--non-interactive",
               plugins=("mediation",)).exit_code == 0
    for name, role in (("desk1", "centre_staff"), ("chen", "mediator"), ("leader1", "leader"), ("desk2", "centre_staff")):
        assert cli("users", "add", name, "--role", role, "--password", PW, plugins=("mediation",)).exit_code == 0
    centre = data(cli, "centres", "add", "CGZ", "--name", "城关镇信访服务中心", "--committee", "城关镇人民调解委员会",
                  "--doc-prefix", "城调")
    data(cli, "centres", "add", "DSZ", "--name", "东山镇信访服务中心", "--committee", "东山镇人民调解委员会")
    run(cli, "staff", "add", "CGZ", "desk1")
    run(cli, "staff", "add", "DSZ", "desk2")
    for name, role, sex, extra in (("陈明", "chair", "male", ["--username", "chen", "--speciality", "土地权属"]),
                                   ("林芳", "member", "female", ["--speciality", "婚姻家庭"]),
                                   ("黄伟", "member", "male", [])):
        data(cli, "mediators", "add", "--centre", "CGZ", "--name", name, "--sex", sex, "--committee-role", role, *extra)
    return centre


def test_a_centres_day(cli: Any, tmp_path: Path) -> None:
    setup(cli)
    shown = data(cli, "centres", "show", "CGZ")
    assert shown["committee"]["complete"] and {m["username"] for m in shown["members"]} == {"desk1", "chen"}
    assert [m["name"] for m in data(cli, "mediators", "list", "--speciality", "婚姻家庭")] == ["林芳"]
    add = ("reception", "add", "--centre", "CGZ", "--date", "2025-03-03")
    explained = data(cli, *add, "--persons", "2", "--petitioner", "张秀英", "--matter", "咨询政策", "--dispose", "explain",
                     "--note", "当场讲解", "--on", "2025-03-03", user="desk1")
    assert explained["disposition"] == "explained_on_spot" and explained["register"]["status"] == "not_accepted"
    transferred = data(cli, *add, "--petitioner", "刘建国", "--matter", "工资", "--dispose", "transfer", "--unit", "县人社局",
                       "--on", "2025-03-03", user="desk1")
    assert transferred["handling_unit"] == "县人社局"
    batch = data(cli, *add, "--persons", "2", "--petitioner", LI, "--matter", "宅基地围墙纠纷", user="desk1")
    mediated = data(cli, "reception", "dispose", str(batch["id"]), "mediate", "--respondent", "王建华", "--on", "2025-03-03",
                    user="desk1")
    case = mediated["case_id"]
    table = run(cli, "reception", "list", "--centre", "CGZ", user="desk1").stdout
    assert "CGZ-JD-2025-0003" in table and "进行调解" in table and "(3 of 3)" in table

    chen = {"user": "chen"}
    data(cli, "cases", "respond", str(case), "--party", "王建华", "--agree", "--on", "2025-03-04", **chen)
    data(cli, "cases", "assign", str(case), "--mediator", str(shown["mediators"][0]["id"]), "--chosen-by", "parties", **chen)
    started = data(cli, "cases", "accept", str(case), "--on", "2025-03-04", **chen)
    assert started["duration"]["due"] == "2025-04-07"
    data(cli, "cases", "helper", str(case), "--name", "赵德胜", "--relation", "村民小组组长", "--parties-consent",
         "--on", "2025-03-05", **chen)
    sessions = data(cli, "sessions", "add", str(case), "--date", "2025-03-05", "--place", "调解室", "--party", "李德明",
                    "--party", "王建华", "--mediator", "陈明", "--notes", "双方同意以界址为准", **chen)
    assert sessions[0]["number"] == 1
    assert "调解室" in run(cli, "sessions", "list", str(case), **chen).stdout
    agreement = data(cli, "agreements", "draft", str(case), "--facts", "两户相邻", "--disputes", "围墙位置",
                     "--term", "拆除越界围墙|王建华|自行拆除|2025-03-31", "--term", "补偿材料费五百元|李德明",
                     "--on", "2025-03-06", **chen)
    assert agreement["number"] == "城调〔2025〕1号" and agreement["terms"][0]["due_on"] == "2025-03-31"
    for signer in ("李德明", "王建华", "陈明"):
        agreement = data(cli, "agreements", "sign", str(agreement["id"]), "--signer", signer, "--on", "2025-03-06", **chen)
    assert agreement["state"] == "effective" and agreement["judicial_confirmation"]["due"] == "2025-04-07"
    pdf = tmp_path / "agreement.pdf"
    written = data(cli, "agreements", "pdf", str(agreement["id"]), "-o", str(pdf), **chen)
    assert pdf.read_bytes().startswith(b"%PDF") and written["bytes"] == pdf.stat().st_size
    data(cli, "agreements", "confirm-apply", str(agreement["id"]), "--applicant", "李德明", "--applicant", "王建华",
         "--court", "临江县人民法院", "--on", "2025-03-20", **chen)
    done = data(cli, "agreements", "confirm-result", str(agreement["id"]), "--confirmed", "--on", "2025-03-28", **chen)
    assert done["confirmation"] == "confirmed"
    data(cli, "agreements", "perform", str(agreement["id"]), "--term", "1", "--on", "2025-03-30", **chen)
    done = data(cli, "agreements", "perform", str(agreement["id"]), "--term", "2", "--on", "2025-03-30", **chen)
    assert done["state"] == "performed"
    data(cli, "agreements", "follow-up", str(agreement["id"]), "--by", "陈明", "--finding", "performed", "--on", "2025-04-02", **chen)

    report = data(cli, "report", "--year", "2025")
    assert report["reception"]["received"] == {"batches": 3, "persons": 5}
    assert report["cases"]["agreements_performed"] == 1 and report["cases"]["confirmations_confirmed"] == 1
    text = run(cli, "report", "--year", "2025").stdout
    assert text.startswith("2025年信访服务中心共接待群众3批5人次，其中当场疏导解释1批2人次，进行调解的1批2人次，")
    cases = data(cli, "cases", "list", "--state", "agreed", **chen)
    assert [c["id"] for c in cases["items"]] == [case]


def test_errors_are_one_line(cli: Any) -> None:
    setup(cli)
    batch = data(cli, "reception", "add", "--centre", "CGZ", "--date", "2025-03-03", "--petitioner", "甲", "--matter", "事项",
                 user="desk1")
    hidden = cli("--as", "desk2", "mediation", "reception", "show", str(batch["id"]), plugins=("mediation",))
    assert hidden.exit_code == 1 and hidden.stderr.strip() == f"error: no reception batch with id {batch['id']}"
    denied = cli("--as", "leader1", "mediation", "reception", "dispose", str(batch["id"]), "explain", "--note", "x",
                 plugins=("mediation",))
    assert denied.stderr.strip() == "error: permission 'mediation.desk' is required for this action"
    bad = cli("--as", "desk1", "mediation", "reception", "add", "--centre", "CGZ", "--petitioner", "甲,123", "--matter", "",
              plugins=("mediation",))
    assert bad.exit_code == 1 and bad.stderr.startswith("error: invalid reception batch:") and "Traceback" not in bad.output
    masked = data(cli, "reception", "show", str(batch["id"]), user="leader1")
    assert masked["personal_data_masked"] is True
    unknown_centre = cli("--as", "desk2", "mediation", "reception", "list", "--centre", "CGZ", plugins=("mediation",))
    assert unknown_centre.stderr.strip() == "error: no centre with id CGZ"
