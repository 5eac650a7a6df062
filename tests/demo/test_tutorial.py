"""docs/tutorial.md runs as written: every ``sh`` block, in order, against a copy of the session's demo.

The tutorial's conventions (its introduction says them too):

* a fenced block tagged ``sh`` is run; every other block (``text``) is only read;
* a ``text`` block right after a line ``*prints*`` lists lines that the ``sh`` blocks since the
  previous ``*prints*`` print (stdout or stderr), each somewhere in the output; ``…`` stands for
  any text, a run of spaces for any run of spaces (table columns vary with their contents);
* the shell starts as a newcomer's: the venv's ``bin`` on ``PATH``, ``HEARING_DATA_DIR`` the data
  dir the demo was built under (the tutorial's first block points it at the demo itself), the
  current directory an empty one (the PDFs the tutorial writes land there).

Each block runs in its own ``bash -e``; the variables it exports carry over to the next.
The README's quick start, which the tutorial quotes, is checked here too.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from demo_support import clean_env, copy_demo

# One demo build per run: every test sharing it runs on the same xdist worker (scripts/test runs --dist loadgroup).
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("demo")]

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "docs" / "tutorial.md"
README = ROOT / "README.md"

_FENCE = re.compile(r"^```(?P<lang>[\w-]*)\n(?P<body>.*?)^```[ \t]*$", re.S | re.M)
_PRINTS = re.compile(r"^\*prints\*\s*$")
_HEADING = re.compile(r"^(#{2,3}) (.+)$", re.M)


@dataclass
class Step:
    """Consecutive ``sh`` blocks and the lines their output must contain."""

    section: str
    blocks: list[str] = field(default_factory=list)
    prints: list[str] = field(default_factory=list)


def fenced_blocks(markdown: str) -> list[tuple[str, str, str, str]]:
    """(section heading, language, body, the last non-blank line before the fence) of every fenced block."""
    blocks = []
    for match in _FENCE.finditer(markdown):
        before = markdown[: match.start()]
        headings = _HEADING.findall(before)
        lines = [line for line in before.splitlines() if line.strip()]
        blocks.append((headings[-1][1] if headings else "", match["lang"], match["body"], lines[-1] if lines else ""))
    return blocks


def tutorial_steps(markdown: str) -> list[Step]:
    steps: list[Step] = []
    current: Step | None = None
    for section, lang, body, before in fenced_blocks(markdown):
        if lang == "sh":
            if current is None:
                current = Step(section)
                steps.append(current)
            current.blocks.append(body)
        elif _PRINTS.match(before):
            assert current is not None, f"a *prints* block in {section!r} follows no sh block"
            current.prints += [line for line in body.splitlines() if line.strip()]
            current = None
    return steps


def line_pattern(expected: str) -> re.Pattern[str]:
    """``…`` matches any text (on the line), a run of spaces any run of spaces."""
    parts = [r"[ \t]+".join(re.escape(word) for word in chunk.split()) for chunk in expected.strip().split("…")]
    return re.compile(r"[^\n]*?".join(parts))


def run_block(body: str, cwd: Path, env: dict[str, str], env_file: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    script = f"set -e\n. {shlex.quote(str(env_file))}\n{body}\nexport -p > {shlex.quote(str(env_file))}\n"
    return subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                          check=False)


def test_the_tutorial_has_a_runnable_tour_for_every_user() -> None:
    markdown = TUTORIAL.read_text(encoding="utf-8")
    steps = tutorial_steps(markdown)
    sections = [s.section for s in steps]
    for user in ("registrar", "hearing clerk", "hearing officer", "service centre", "review officer", "leader",
                 "administrator"):
        assert any(user in s.lower() for s in sections), f"no runnable block in a section of the {user}"
    assert all(step.prints for step in steps[1:]), [s.section for s in steps if not s.prints]
    assert "export HEARING_DATA_DIR=" in steps[0].blocks[0]
    # Only sh blocks run; the other shells' tags would silently not be tested.
    assert {lang for _, lang, _, _ in fenced_blocks(markdown)} <= {"sh", "text"}
    assert line_pattern("registered XF-… in matter M-XF-…").search("registered XF-2026-00002 in matter M-XF-2026-00002")
    assert line_pattern("in_session  debate").search("9   SX-2025-0017  in_session     debate   苏文辉")
    assert not line_pattern("state concluded").search("state\nconcluded")
    images = re.findall(r'\]\((screenshots/[^)]+)\)|src="(screenshots/[^"]+)"', markdown)
    assert len(images) >= 6 and all((TUTORIAL.parent / (a or b)).is_file() for a, b in images), images


def test_every_command_of_the_tutorial_runs_and_prints_what_it_says(demo_pristine: Path, tmp_path: Path) -> None:
    data_dir = copy_demo(demo_pristine, tmp_path / "data")
    work = tmp_path / "work"
    work.mkdir()
    env_file = tmp_path / "env.sh"
    env_file.write_text("", encoding="utf-8")
    env = clean_env(data_dir)
    timings = []
    for step in tutorial_steps(TUTORIAL.read_text(encoding="utf-8")):
        output = ""
        for body in step.blocks:
            began = time.perf_counter()
            result = run_block(body, work, env, env_file)
            timings.append(f"{time.perf_counter() - began:5.1f} s  {step.section}")
            output += result.stdout + result.stderr
            assert result.returncode == 0, (
                f"[{step.section}] exit status {result.returncode} of\n{body}\n--- stdout\n{result.stdout[-3000:]}"
                f"\n--- stderr\n{result.stderr[-3000:]}")
        missing = [line for line in step.prints if not line_pattern(line).search(output)]
        assert not missing, f"[{step.section}] not printed: {missing}\n--- output\n{output[-6000:]}"
    print("\n" + "\n".join(timings))
    # The PDFs the tutorial writes, in the newcomer's current directory.
    for pdf in ("听证笔录-5.pdf", "听证报告-6.pdf", "调解协议书-7.pdf", "复查意见书.pdf", "2025年信访工作情况报告.pdf"):
        assert (work / pdf).read_bytes()[:5] == b"%PDF-", pdf


def test_the_figures_the_tutorial_quotes_come_from_the_demo(demo_data_dir: Path, demo_report: dict[str, Any]) -> None:
    """The introduction's table of the demo year, figure by figure (the seed's own are in test_demo)."""
    import asyncio

    from demo_support import demo_app

    text = TUTORIAL.read_text(encoding="utf-8")
    made = json.loads((demo_data_dir / "demo" / "demo.json").read_text("utf-8"))["made"]
    sections = {s["key"]: s["figures"] for s in demo_report["sections"]}
    f = demo_report["figures"]
    assert (f"632 items in 2025 ({f['letters']} letters, {f['visit_batches']} visit batches of {f['visit_persons']} persons), "
            f"{f['not_accepted']} not accepted, {f['accepted']} accepted, {f['distinct_matters']} distinct matters, "
            f"{f['backlog']} backlog ({f['backlog_share_pct']}%), +{f['accepted_yoy_pct']}% and +{f['distinct_yoy_pct']}%") in text
    assert len(made["backlog_ledger"]) == 14 and "fourteen backlog matters on the ledger" in text
    assert len(made["mediation_cases"]) == 12 and made["mediation_case_under_way"] == 13
    tally = sections["mediation"]
    assert "twelve mediation cases — six agreements, four performed, two judicially confirmed" in text
    markdown = next(s["markdown"] for s in demo_report["sections"] if s["key"] == "mediation")
    assert "全年受理调解申请12件" in markdown and "达成调解协议6份，已履行完毕4份" in markdown
    assert "经人民法院确认有效2份" in markdown and tally["reception"]["received"] == {"batches": 135, "persons": 301}
    assert f"agreement {made['agreement_awaiting_confirmation']})" in text
    r = sections["reception"]
    village = r["receptions_held_all_levels"] - r["receptions_held"]
    assert f"{r['receptions_held']} county-led receptions and {village} village half-days held" in text
    assert f"{r['instructions']['issued']} instructions" in text
    assert made["receptions_next_quarter"] > 0 and "the next quarter planned" in text

    async def hearing_ids() -> dict[str, int]:
        from hearing_core.context import ServiceContext
        from hearing_core.hearings import service as hs
        from hearing_core.security.service import actor_by_username

        async with demo_app(demo_data_dir) as app:
            admin = ServiceContext(app, await actor_by_username(app, "admin"))
            return {h["state"]: h["id"] for h in (await hs.list_hearings(admin, per_page=50))["items"]}

    ids = asyncio.run(hearing_ids())
    assert ids == made["hearings"]
    row = next(line for line in text.splitlines() if line.startswith("| Hearings"))
    quoted = dict((state, int(no)) for no, state in re.findall(r"(\d+) (\w+)", row.replace("report served", "report_served")
                                                                   .replace("in session", "in_session")))
    assert quoted == ids


def _quick_start() -> list[tuple[str, str]]:
    readme = README.read_text(encoding="utf-8")
    section = readme.split("\n## Quick start\n", 1)[1].split("\n## ", 1)[0]
    return [(m["lang"], m["body"].strip()) for m in _FENCE.finditer(section)]


def test_the_readme_quick_start_serves_the_demo_and_then_tests() -> None:
    blocks = _quick_start()
    assert [lang for lang, _ in blocks] == ["sh", "sh"]
    install, tests = (body for _, body in blocks)
    assert install.startswith("python3 -m venv .venv && .venv/bin/pip install -e . && ")
    assert install.endswith("hearing demo --serve")
    assert tests == "scripts/test"
    readme = README.read_text(encoding="utf-8")
    assert "http://127.0.0.1:8000/login" in readme and "`registrar` / `demo-registrar-1`" in readme
    # The tutorial starts from the same command.
    assert f"```text\n{install}\n```" in TUTORIAL.read_text(encoding="utf-8")


#: Whose pages each section of the tutorial shows (the section's number; other sections: admin).
SECTION_USERS = {"1": "registrar", "2": "clerk", "3": "hearing_officer", "4": "mediator", "5": "review_officer",
                 "6": "leader", "7": "admin"}
_WEB_PATH = re.compile(r"`(/[^`\s]*)`|http://127\.0\.0\.1:8000(/[^\s)`*]*)")


def tutorial_pages(markdown: str) -> list[tuple[str, str]]:
    """(username, path) of every page the tutorial's prose points at, as the section's user."""
    pages = []
    for chunk in re.split(r"^(?=## )", markdown, flags=re.M):
        number = re.match(r"## (\d+)\.", chunk)
        user = SECTION_USERS.get(number.group(1), "admin") if number else "admin"
        prose = _FENCE.sub("", chunk)
        for match in _WEB_PATH.finditer(prose):
            path = match.group(1) or match.group(2)
            if path != "/login" and not path.endswith((".md", ".png")):  # /login: the login itself
                pages.append((user, path))
    return pages


async def test_every_page_the_tutorial_points_at_opens_for_its_user(demo_pristine: Path, tmp_path: Path) -> None:
    """The web pages of the tour answer 200 to the section's user (logged in through the login form)."""
    import httpx
    from demo_support import demo_app

    from hearing_core.api import create_app

    pages = tutorial_pages(TUTORIAL.read_text(encoding="utf-8"))
    assert len(pages) >= 12 and {u for u, _ in pages} == set(SECTION_USERS.values())
    data_dir = copy_demo(demo_pristine, tmp_path / "data")
    html = {"accept": "text/html,application/xhtml+xml"}
    async with demo_app(data_dir) as app:
        asgi = create_app(hearing_app=app)
        for user in sorted({u for u, _ in pages}):
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=asgi), base_url="http://demo.local") as client:
                login_page = await client.get("/login", headers=html)
                token = re.search(r'name="_csrf_token" value="([^"]+)"', login_page.text)
                assert token, login_page.text[:500]
                login = await client.post("/login", data={"username": user, "password": f"demo-{user}-1",
                                                          "_csrf_token": token.group(1)}, headers=html)
                assert login.status_code == 303, (user, login.status_code, login.text[:500])
                for path in [p for u, p in pages if u == user]:
                    page = await client.get(path, headers=html)
                    assert page.status_code == 200, (user, path, page.status_code, page.text[:500])
                    if "year=2025" in path:
                        assert "2025" in page.text
