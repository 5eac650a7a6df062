"""A whole hearing through the ``hearing`` command, each step as the person who does it (``--as``)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from hearing_support import HEARING_DAY, NOTICE_ON, Story

from hearing_core.app import HearingApp


@pytest.fixture
def shared_clock(story: Story, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Every app the CLI starts reads the story's clock (tests move it; commands do not)."""
    original = HearingApp.__init__

    def init(self: HearingApp, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.clock = story.clock

    monkeypatch.setattr(HearingApp, "__init__", init)
    return story.clock


async def run(cli: Any, *args: str, who: str | None = None) -> Any:
    # Each command runs its own event loop (asyncio.run): give it a thread of its own.
    result = await asyncio.to_thread(cli, *(("--as", who) if who else ()), "hearings", *args)
    assert result.exit_code == 0, (args, result.output)
    return json.loads(result.stdout) if "--json" in args else result.stdout


async def test_a_full_hearing_through_the_cli(story: Story, cli: Any, shared_clock: Any, tmp_path: Path) -> None:
    officers = [o.actor.username for o in story.officers]
    case = await run(cli, "apply", "--matter", "2025-0001", "--applicant", "张三", "--grounds", "请求重新核定补偿",
               "--applied-on", "2025-06-02", "--told-on", "2025-06-01", "--phone", "13912345678", "--json",
               who="manager")
    cid = str(case["id"])
    assert case["state"] == "applied" and case["participants"][0]["phone"] == "13912345678"
    await run(cli, "decide", cid, "--accept", "--by", "县信访局局长", "--on", "2025-06-03", who="manager")
    await run(cli, "participant", cid, "--role", "agent", "--name", "王律师", "--principal", "1",
        "--power-of-attorney", "委托书1号", who="manager")
    await run(cli, "participant", cid, "--role", "handling_unit_officer", "--name", "李承办", "--unit", "县住建局",
        who="manager")
    await run(cli, "panel", cid, "--role", "presiding_officer", "--user", "presiding", who="manager")
    for entry in story.pool_ids[:2]:
        await run(cli, "panel", cid, "--role", "hearing_officer", "--pool", str(entry), who="manager")
    await run(cli, "panel", cid, "--role", "clerk", "--user", "clerk", who="manager")
    await run(cli, "schedule", cid, "--start", f"{HEARING_DAY}T09:00", "--end", "12:00", "--venue", "县信访局听证室",
        who="manager")
    await run(cli, "serve", cid, "--document", "hearing_notice", "--all", "--method", "in_person", "--proof", "回证",
        "--on", NOTICE_ON.isoformat(), who="manager")
    brief = await run(cli, "announce", cid, "--channel", "县政府网站", "--reference", "公告1", "--on", NOTICE_ON.isoformat(),
                who="manager")
    assert "open_session" in brief

    shared_clock.set(HEARING_DAY, 9)
    await run(cli, "session", "open", cid, who="presiding")
    await run(cli, "session", "attend", cid, "1", "2", "3", who="clerk")
    await run(cli, "phase", "advance", cid, "--to", "petitioner_statement", who="presiding")
    await run(cli, "record", cid, "--speaker", "participant:2", "--text", "补偿标准明显偏低。", who="clerk")
    deed = tmp_path / "产权证.pdf"
    deed.write_bytes(b"%PDF-1.4 deed")
    await run(cli, "evidence", cid, "--by", "2", "--title", "房屋产权证", "--file", str(deed), who="clerk")
    await run(cli, "phase", "advance", cid, who="presiding")
    await run(cli, "evidence", cid, "--by", "3", "--kind", "site_survey", "--title", "评估报告", who="clerk")
    await run(cli, "phase", "advance", cid, who="presiding")
    await run(cli, "cross-examine", cid, "1", "--by", "3", "--authenticity", "accept", "--relevance", "accept",
        "--legality", "accept", who="clerk")
    await run(cli, "cross-examine", cid, "2", "--by", "1", "--authenticity", "dispute:评估时点错误", "--relevance", "accept",
        "--legality", "accept", who="clerk")
    await run(cli, "phase", "advance", cid, who="presiding")
    await run(cli, "issue", cid, "--title", "补偿标准是否合理", who="presiding")
    await run(cli, "phase", "advance", cid, "--to", "deliberation", who="presiding")
    await run(cli, "finding", cid, "1", "--admitted", who="presiding")
    await run(cli, "finding", cid, "2", "--rejected", "--reason", "评估时点与征收决定不符", who="presiding")
    await run(cli, "vote", cid, "1", "--value", "reasonable", "--opinion", "偏低", who="presiding")
    await run(cli, "vote", cid, "1", "--value", "reasonable", "--opinion", "应重新评估", who=officers[0])
    mine = await run(cli, "votes", cid, "--json", who=officers[0])
    assert [v["value"] for v in mine] == ["reasonable"]
    await run(cli, "vote", cid, "1", "--value", "partly_reasonable", "--opinion", "部分合理", who=officers[1])
    await run(cli, "conclude", cid, "--facts", "评估时点有误", "--basis", "征收补偿条例", "--recommendation", "重新评估",
        who="presiding")
    closed = await run(cli, "phase", "advance", cid, "--to", "closed", "--json", who="presiding")
    assert (closed["state"], closed["phase"]) == ("concluded", "closed")
    await run(cli, "refuse-sign", cid, "participant:1", "--note", "信访人拒绝签字，记录员当场注明", who="clerk")
    await run(cli, "sign", cid, "all", who="clerk")
    final = await run(cli, "finalise", cid, "--json", who="manager")
    assert final["final"] is True and final["pending"] == []
    await run(cli, "serve", cid, "--document", "hearing_report", "--all", "--method", "registered_post", "--proof", "挂号",
        who="manager")
    await run(cli, "serve-report", cid, who="manager")

    shown = await run(cli, "show", cid, "--json", who=officers[1])
    assert shown["state"] == "report_served"
    result = shown["conclusion"]["results"][0]
    assert result["tally"] == {"reasonable": 2, "partly_reasonable": 1, "not_reasonable": 0}
    assert result["result"] == "reasonable" and [d["voter_name"] for d in result["dissents"]] == ["听证员2"]
    assert shown["participants"][0]["phone"] == "139****5678"  # hearing officers do not read personal data
    listed = await run(cli, "list", "--state", "report_served", "--json", who="manager")
    assert [h["id"] for h in listed["items"]] == [int(cid)]
    text = await run(cli, "show", cid, who="manager")
    assert "report_served" in text and "补偿标准是否合理" in text


async def test_command_errors_are_one_line_on_stderr(story: Story, cli: Any, shared_clock: Any) -> None:
    await story.apply()
    result = await asyncio.to_thread(cli, "--as", "manager", "hearings", "schedule", str(story.case_id), "--start",
                                     f"{HEARING_DAY}T09:00", "--end", "12:00", "--venue", "室")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot schedule a hearing case in state 'applied'; allowed actions:")
    outsider = await asyncio.to_thread(cli, "--as", story.extra_officers[0].actor.username, "hearings", "show",
                                       str(story.case_id))
    assert outsider.exit_code == 1 and f"no hearing case with id {story.case_id}" in outsider.stderr
    pool = await asyncio.to_thread(cli, "--as", "manager", "pool", "list", "--json")
    assert pool.exit_code == 0 and len(json.loads(pool.stdout)["items"]) == len(story.pool_ids)
