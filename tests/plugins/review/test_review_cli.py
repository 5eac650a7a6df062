"""``hearing reviews`` commands in-process against the test instance, and the walkthrough script."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
ORGANS_TOML = """
[[organ]]
code = "county-gov"
name = "临江县人民政府"
level = "county"

[[organ]]
code = "east-town"
name = "东城镇人民政府"
level = "乡镇级"
parent = "county-gov"
"""


def ok(result: Any) -> Any:
    assert result.exit_code == 0, result.output + result.stderr
    return result


def run(cli: Any, *args: str) -> Any:
    return cli(*args, plugins=("review",))


def test_reviews_commands_end_to_end(cli: Any, tmp_path: Path) -> None:
    ok(run(cli, "init", "--username", "admin", "--password", "admin-password-1", "--non-interactive"))
    organs = tmp_path / "organs.toml"
    organs.write_text(ORGANS_TOML, encoding="utf-8")
    loaded = json.loads(ok(run(cli, "reviews", "organs", "load", str(organs), "--json")).stdout)
    assert loaded["added"] == ["county-gov", "east-town"]
    assert len(json.loads(ok(run(cli, "reviews", "organs", "list", "--json")).stdout)) == 2
    for args in (
        ["petitions", "register", "--ref", "XF-1", "--received-on", "2025-03-03", "--channel", "visit",
         "--petitioner", "张三", "--summary", "反映补偿问题", "--new-matter", "--matter", "M-1"],
        ["petitions", "accept", "XF-1", "--on", "2025-03-04"],
        ["petitions", "issue-opinion", "XF-1", "--outcome", "explain", "--on", "2025-03-20", "--served-on", "2025-03-21"],
    ):
        ok(run(cli, *args))
    app = json.loads(ok(run(cli, "reviews", "apply", "--item", "XF-1", "--applicant", "张三", "--request", "撤销",
                            "--reasons", "不服", "--received-on", "2025-05-06", "--organ", "county-gov",
                            "--original-organ", "east-town", "--evidence", "协议书;2", "--json")).stdout)
    assert app["ref"] == "FC-2025-0001" and app["evidence"] == [{"title": "协议书", "pages": 2, "note": ""}]
    # Served Fri 21 Mar: Mar 22 - Apr 20 = 30; Sun 20 Apr rolls to Mon 21 Apr. Received 6 May: late.
    refused = run(cli, "reviews", "accept", "FC-2025-0001", "--on", "2025-05-07")
    assert refused.exit_code == 1 and "review.request_window" in refused.stderr and "2025-04-21" in refused.stderr
    text = ok(run(cli, "reviews", "refuse", "FC-2025-0001", "--on", "2025-05-07")).stdout
    assert "not_accepted" in text and "window (超过申请期限) [review.request_window]" in text
    notice = tmp_path / "notice.html"
    out = json.loads(ok(run(cli, "reviews", "document", "FC-2025-0001", "notice", "--format", "html", "-o",
                            str(notice), "--json")).stdout)
    assert out["file"] == str(notice) and "不予受理告知书" in notice.read_text(encoding="utf-8")
    listed = json.loads(ok(run(cli, "reviews", "list", "--state", "not_accepted", "--json")).stdout)
    assert listed["total"] == 1
    clocks = json.loads(ok(run(cli, "reviews", "deadlines", "FC-2025-0001", "--json")).stdout)
    assert clocks[0]["rule_id"] == "review.request_window" and "顺延" in clocks[0]["explanation"]
    t = json.loads(ok(run(cli, "reviews", "terminate", "M-1", "--reason", "review_window_lapsed", "--json")).stdout)
    assert t["terminated_on"] == "2025-04-22"
    again = run(cli, "petitions", "register", "--received-on", "2025-06-01", "--channel", "visit", "--petitioner",
                "张三", "--summary", "再次反映", "--matter", "M-1")
    assert again.exit_code == 1
    assert "该事项信访处理意见送达后未在法定期限内请求复查，已于2025年4月22日终结，同一事实和理由不再受理" in again.stderr
    follow = json.loads(ok(run(cli, "reviews", "followup", "M-1", "--kind", "回访", "--staff", "王干部",
                               "--note", "电话回访", "--on", "2025-06-02", "--json")).stdout)
    assert follow["kind"] == "visit"
    status = json.loads(ok(run(cli, "reviews", "matter", "M-1", "--json")).stdout)
    assert status["terminated"] and len(status["followups"]) == 1
    report = json.loads(ok(run(cli, "reviews", "report", "2025", "--json")).stdout)
    assert report["review"]["not_accepted"] == 1 and report["terminations"]["by_reason"] == {"review_window_lapsed": 1}
    assert "逾期未请求复查1件" in ok(run(cli, "reviews", "report", "2025")).stdout
