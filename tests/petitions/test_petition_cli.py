from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from tests.petitions.conftest import COUNTY_PROFILE, id_number

TODAY = dt.date.today()


@pytest.fixture
def hearing(cli: Any) -> Any:
    """The CLI on an initialised instance with a registrar, an officer, an auditor and a leader."""
    profiles = Path(cli.settings.data_dir) / "profiles"
    profiles.mkdir(parents=True, exist_ok=True)
    (profiles / "county_test.toml").write_text(COUNTY_PROFILE, encoding="utf-8")
    assert cli("init", "--username", "root", "--password", "root-password-1", "--non-interactive").exit_code == 0
    for name, role in (("reg", "registrar"), ("off", "handling_officer"), ("aud", "auditor"), ("boss", "leader")):
        assert cli("users", "add", name, "--role", role, "--password", "password-123").exit_code == 0
    return cli


def register(cli: Any, *extra: str) -> Any:
    return cli("--as", "reg", "petitions", "register", "--channel", "来访", "--persons", "3",
               "--petitioner", f"张三;{id_number()};13812345678", "--category", "土地征收",
               "--summary", "反映征地补偿款未发放", *extra)


def test_register_show_list_and_masking(hearing: Any) -> None:
    first = register(hearing, "--ref", "XF-C-1", "--new-matter", "--received-on", "2025-09-20", "--json")
    assert first.exit_code == 0, first.output
    data = json.loads(first.output)
    assert data["ref"] == "XF-C-1" and data["matter_ref"] == "M-XF-C-1" and data["repeat_suggestions"] == []
    second = register(hearing, "--ref", "XF-C-2", "--received-on", "2025-09-21")
    assert second.exit_code == 0
    assert "registered XF-C-2" in second.output and "XF-C-1" in second.output and "身份证号相同" in second.output
    shown = json.loads(hearing("--as", "aud", "petitions", "show", "XF-C-1", "--json").output)
    assert shown["petitioners"][0]["id_number"] == "440106********" + id_number()[-4:]
    full = json.loads(hearing("--as", "reg", "petitions", "show", "XF-C-1", "--json").output)
    assert full["petitioners"][0]["id_number"] == id_number()
    table = hearing("--as", "aud", "petitions", "show", "XF-C-1")
    assert "138****5678" in table.output and "intake.disposition" in table.output
    listed = hearing("--as", "reg", "petitions", "list", "--json")
    page = json.loads(listed.output)
    assert [i["ref"] for i in page["items"]] == ["XF-C-2", "XF-C-1"] and page["total"] == 2
    assert id_number() not in listed.output
    text = hearing("--as", "reg", "petitions", "list", "--overdue")
    assert "XF-C-1" in text.output and "XF-C-2" in text.output
    bad = hearing("--as", "reg", "petitions", "register", "--channel", "visit", "--summary", "",
                  "--petitioner", "李四;440106198005171230;12345")
    assert bad.exit_code == 1
    line = bad.stderr.strip()
    assert line.startswith("error: invalid petition item:") and "summary" in line and "petitioners[0].phone" in line
    assert len(bad.stderr.strip().splitlines()) == 1


def test_actions_and_invalid_action(hearing: Any) -> None:
    register(hearing, "--ref", "XF-C-3", "--received-on", "2025-09-20")
    off = ("--as", "off", "petitions")
    assert hearing(*off, "accept", "XF-C-3", "--on", "2025-09-22").exit_code == 0
    assigned = hearing(*off, "assign", "XF-C-3", "--unit", "县自然资源局", "--due", "2025-10-31", "--on", "2025-09-23")
    assert assigned.output.strip().startswith("XF-C-3: assigned (version 3)")
    assert hearing(*off, "extend", "XF-C-3", "--days", "30", "--reason", "复杂").exit_code == 0
    twice = hearing(*off, "extend", "XF-C-3", "--days", "3", "--reason", "再延")
    assert twice.exit_code == 1 and "only once" in twice.stderr
    done = [
        hearing(*off, "report-completion", "XF-C-3", "--report", "已发放", "--on", "2025-10-20"),
        hearing(*off, "issue-opinion", "XF-C-3", "--outcome", "支持", "--on", "2025-10-21", "--served-on", "2025-10-22"),
        hearing(*off, "conclude", "XF-C-3", "--on", "2025-10-23", "--json"),
    ]
    assert all(r.exit_code == 0 for r in done), [r.output + r.stderr for r in done]
    assert json.loads(done[-1].output)["status"] == "concluded"
    invalid = hearing(*off, "accept", "XF-C-3")
    assert invalid.exit_code == 1
    assert invalid.stderr.strip() == "error: cannot accept a disposition in state 'concluded'; allowed actions: none"
    stale = hearing(*off, "record-service", "XF-C-3", "--version", "1")
    assert stale.exit_code == 1 and "changed by someone else" in stale.stderr
    refused = hearing("--as", "reg", "petitions", "evaluate", "XF-C-3", "--grade", "满意", "--on", "2025-10-25")
    assert refused.exit_code == 1 and "satisfaction.window" in refused.stderr and "instance profile" in refused.stderr
    # The clock the profile cannot compute is listed with its title, and the reason is printed under the table.
    shown = hearing("--as", "reg", "petitions", "show", "XF-C-3").output.splitlines()
    [row] = [line for line in shown if line.startswith("satisfaction.window ")]
    assert "unavailable" in row and "满意度评价" in row
    [reason] = [line for line in shown if line.startswith("satisfaction.window: ")]
    assert "instance profile" in reason
    assert hearing("profiles", "use", "county_test").exit_code == 0
    rated = hearing("--as", "reg", "petitions", "evaluate", "XF-C-3", "--grade", "满意", "--on", "2025-10-25")
    assert rated.exit_code == 0 and "rated 满意" in rated.output


def test_deadlines_due_and_explain_item(hearing: Any) -> None:
    received = TODAY - dt.timedelta(days=30)
    register(hearing, "--ref", "XF-C-4", "--received-on", received.isoformat())
    due = hearing("--as", "reg", "deadlines", "due", "--within", "7", "--json")
    rows = json.loads(due.output)
    assert [(r["ref"], r["rule_id"], r["status"]) for r in rows] == [("XF-C-4", "intake.disposition", "overdue")]
    table = hearing("--as", "reg", "deadlines", "due")
    assert "1 clock(s) due within 7 day(s), 1 overdue" in table.output
    explained = hearing("--as", "reg", "deadlines", "explain", "--item", "XF-C-4", "--rule", "intake.disposition")
    assert explained.exit_code == 0 and "《信访条例》(2005) 第21条" in explained.output
    assert "开始的当日不计入" in explained.output
    as_json = json.loads(hearing("--as", "reg", "deadlines", "explain", "--item", "XF-C-4", "--json").output)
    assert as_json[0]["rule_id"] == "intake.disposition" and as_json[0]["explanation"]["steps"]
    # The core form (rule and start date) still works through the same command.
    core = hearing("deadlines", "explain", "intake.disposition", "--start", "2025-09-20")
    assert "国庆节" in core.output and "2025年10月9日" in core.output
    missing = hearing("deadlines", "explain")
    assert missing.exit_code == 2


def test_import_report_every_bad_line_then_idempotent(hearing: Any, tmp_path: Path) -> None:
    good = tmp_path / "register.csv"
    good.write_text(
        "ref,received_on,channel,persons,matter_ref,accepted,not_accepted_reason,category,backlog,petitioner_name,"
        "petitioner_id_number,petitioner_phone,summary\n"
        f"XF-2023-0001,2023-03-01,visit,3,M-17,true,,土地征收,true,张三,{id_number()},13812345678,反映征地补偿款未发放\n"
        "XF-2023-0002,2023-03-02,来信,,,false,不属于我县管辖,,,李四,,,咨询社保转移\n", encoding="utf-8")
    first = hearing("--as", "reg", "petitions", "import", str(good), "--json")
    assert first.exit_code == 0, first.stderr
    assert (json.loads(first.output)["created"], json.loads(first.output)["skipped_existing"]) == (2, 0)
    again = hearing("--as", "reg", "petitions", "import", str(good))
    assert "0 created, 2 already present" in again.output
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "ref,received_on,channel,accepted,not_accepted_reason,summary,petitioner_name\n"
        "XF-1,2023/03/01,visit,true,,a,张三\n"
        "XF-2,2023-03-02,visit,false,,b,张三\n"
        "XF-1,2023-03-03,visit,true,,c,张三\n"
        "XF-4,2023-03-04,鸽子,true,,d,张三\n", encoding="utf-8")
    rejected = hearing("--as", "reg", "petitions", "import", str(bad))
    assert rejected.exit_code == 1
    lines = rejected.stderr.strip().splitlines()
    assert lines[0] == "error: import rejected: 4 problem(s) on 4 line(s)"
    assert [line.split(":")[0] for line in lines[1:]] == ["line 2", "line 3", "line 4", "line 5"]
    assert "line 4: ref: duplicate ref 'XF-1' (first on line 2)" in lines
    listed = json.loads(hearing("--as", "reg", "petitions", "list", "--json").output)
    assert listed["total"] == 2
    matters = json.loads(hearing("--as", "reg", "matters", "list", "--backlog", "--json").output)
    assert [m["ref"] for m in matters["items"]] == ["M-17"]


def test_matters_and_backlog_commands(hearing: Any) -> None:
    register(hearing, "--ref", "XF-C-5", "--received-on", "2025-09-20")
    assert hearing("--as", "reg", "matters", "create", "M-C", "--title", "某村征地补偿").exit_code == 0
    linked = hearing("--as", "reg", "matters", "link", "M-C", "XF-C-5")
    assert linked.output.strip() == "XF-C-5 is now part of matter M-C"
    shown = json.loads(hearing("--as", "reg", "matters", "show", "M-C", "--json").output)
    assert [i["ref"] for i in shown["items"]] == ["XF-C-5"]
    boss = ("--as", "boss", "backlog")
    added = hearing(*boss, "add", "M-C", "--leader", "王副县长", "--unit", "县自然资源局", "--person", "李科长",
                    "--time-limit", (TODAY + dt.timedelta(days=90)).isoformat(), "--plan", "分期发放", "--json")
    assert added.exit_code == 0, added.stderr
    assert json.loads(added.output)["state"] == "in_progress"
    assert hearing(*boss, "progress", "M-C", "--text", "已召开协调会").exit_code == 0
    twice = hearing(*boss, "progress", "M-C", "--text", "again")
    assert twice.exit_code == 1 and "already recorded" in twice.stderr
    assert hearing(*boss, "resolve", "M-C").exit_code == 0
    ceased = json.loads(hearing(*boss, "cease", "M-C", "--json").output)
    assert ceased["outcome"] == "ceased_petitioning"
    listed = hearing(*boss, "list")
    assert "M-C" in listed.output and "ceased_petitioning" in listed.output
    denied = hearing("--as", "reg", "backlog", "resolve", "M-C")
    assert denied.exit_code == 1 and "backlog.write" in denied.stderr
    unlinked = hearing("--as", "reg", "matters", "unlink", "XF-C-5")
    assert unlinked.exit_code == 0
