"""The annual report computed in the database from the imported seed year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from report_fixtures import (
    SEED_FIGURES,
    SEED_SENTENCES,
    admin_of,
    import_rows,
    parsed_seed_rows,
    python_report,
    set_today,
    write_profile,
)

from hearing_core import hookimpl
from hearing_core.contributions import ReportSection
from hearing_core.errors import PermissionDenied, RuleViolation, ValidationFailed
from hearing_core.reports.drill import ITEM_FIGURES, MATTER_FIGURES, drill
from hearing_core.reports.service import ReportSectionFailed, annual_report, export_report


def flat(text: str) -> str:
    return "".join(text.split())


async def test_json_report_gives_the_seed_figures(admin: Any, tmp_path: Path) -> None:
    report = await annual_report(admin, 2023)
    for key, value in SEED_FIGURES.items():
        assert report["figures"][key] == value, key
    for sentence in SEED_SENTENCES:
        assert sentence in "".join(report["paragraphs"])
    # The SQL aggregates agree with counting the same file in Python, figure by figure.
    expected = python_report(parsed_seed_rows(tmp_path))
    assert {k: v for k, v in report.items() if k != "profile"} == expected
    assert report["profile"] == "national" and report["pending"] == 0


async def test_markdown_html_and_pdf_exports(admin: Any) -> None:
    import pdfplumber

    md = (await export_report(admin, 2023, "md")).body.decode("utf-8")
    html = (await export_report(admin, 2023, "html")).body.decode("utf-8")
    for sentence in SEED_SENTENCES:
        assert sentence in md and sentence in html
    pdf = await export_report(admin, 2023, "pdf")
    assert pdf.media_type == "application/pdf" and pdf.body.startswith(b"%PDF")
    assert pdf.filename == "2023年信访工作情况报告.pdf"
    import io

    with pdfplumber.open(io.BytesIO(pdf.body)) as document:
        text = flat("".join(page.extract_text() for page in document.pages))
        rects = sum(len(page.rects) for page in document.pages)
    for sentence in SEED_SENTENCES:
        assert flat(sentence) in text
    assert "图1" in text and "图3" in text and rects > 40


async def test_every_figure_drills_down_to_as_many_items_or_matters(admin: Any) -> None:
    report = await annual_report(admin, 2023)
    f = report["figures"]
    for figure in [*ITEM_FIGURES, *MATTER_FIGURES]:
        page = await drill(admin, 2023, figure, per_page=200)
        value = page["persons"] if figure.endswith("_persons") else page["total"]
        expected = f.get(figure, report["pending"] if figure == "pending" else None)
        assert value == expected, figure
        assert page["unit"] == ("matters" if figure in MATTER_FIGURES else "items")
        assert len(page["items"]) == min(200, page["total"])
    for row in f["by_category"]:
        assert (await drill(admin, 2023, f"by_category:{row['code']}"))["total"] == row["count"]
        assert (await drill(admin, 2023, f"matters_by_category:{row['code']}"))["total"] == row["matters"]
    for row in report["not_accepted_by_reason"]:
        assert (await drill(admin, 2023, f"not_accepted:{row['code']}"))["total"] == row["count"]
    months = [(await drill(admin, 2023, f"month:{m}"))["total"] for m in range(1, 13)]
    assert months == report["monthly"]["total"]


async def test_drill_pages_list_each_backlog_matter_once(admin: Any) -> None:
    first = await drill(admin, 2023, "backlog", per_page=30)
    second = await drill(admin, 2023, "backlog", page=2, per_page=30)
    refs = [m["matter_ref"] for m in first["items"] + second["items"]]
    assert len(refs) == len(set(refs)) == 52 and all(m["backlog"] for m in first["items"])
    repeat = await drill(admin, 2023, "repeat", per_page=5)
    assert all(item["matter_ref"] for item in repeat["items"])
    with pytest.raises(ValidationFailed, match="figure"):
        await drill(admin, 2023, "bogus")
    with pytest.raises(ValidationFailed):
        await drill(admin, 2023, "month:13")


async def test_period_end_moves_late_december_items_into_the_next_year(
    make_app: Callable[..., Awaitable[Any]], settings: Any, tmp_path: Path
) -> None:
    write_profile(settings, "county_stats", "12-20")
    app = await make_app(rule_profile="county_stats")
    set_today(app, dt.date(2024, 2, 1))
    rows = [
        {"ref": ref, "received_on": day, "channel": "letter", "accepted": True, "category": "土地征收",
         "petitioner": {"name": "张建国"}, "summary": "反映征地补偿款未发放"}
        for ref, day in (("XF-A", "2023-12-20"), ("XF-B", "2023-12-25"), ("XF-C", "2024-01-05"))
    ]  # fmt: skip
    await import_rows(app, rows, tmp_path / "december.jsonl")
    ctx = await admin_of(app)
    r2023, r2024 = await annual_report(ctx, 2023), await annual_report(ctx, 2024)
    assert r2023["period"] == {
        "year": 2023,
        "start": "2022-12-21",
        "end": "2023-12-20",
        "period_end": "12-20",
    }
    assert (r2023["figures"]["total"], r2024["figures"]["total"]) == (1, 2)
    january = await drill(ctx, 2024, "month:1")
    assert [i["ref"] for i in january["items"]] == ["XF-B", "XF-C"]
    assert [i["ref"] for i in (await drill(ctx, 2023, "month:12"))["items"]] == ["XF-A"]
    assert "2022年12月21日至2023年12月20日" in (await export_report(ctx, 2023, "md")).body.decode()


def _section_plugin(
    compute: Any, key: str = "joint_letters", order: int = 50, title: str = "联名信办理情况"
) -> object:
    class Plugin:
        @hookimpl
        def register_report_sections(self) -> list[ReportSection]:
            return [
                ReportSection(
                    key,
                    title,
                    compute,
                    lambda f: f"全年收到联名信{f['letters']}件，涉及{f['persons']}人。",
                    order,
                )
            ]

    return Plugin()


async def _joint_letters(app: Any, year: int) -> dict[str, Any]:
    # A plugin computes with aggregate SQL, as the hook's documentation asks.
    row = (await app.db.fetch(
        "SELECT COUNT(*) AS letters, SUM(persons) AS persons FROM hearing_petition_item "
        "WHERE channel = 'letter' AND persons >= 2 AND received_on >= {} AND received_on <= {}",
        *((f"{year}-01-01", f"{year}-12-31") if app.db.is_sqlite else (dt.date(year, 1, 1), dt.date(year, 12, 31))),
    ))[0]  # fmt: skip
    return {"letters": int(row["letters"]), "persons": int(row["persons"] or 0)}


async def test_plugin_sections_appear_in_order(
    make_app: Callable[..., Awaitable[Any]], tmp_path: Path
) -> None:
    async def first(app: Any, year: int) -> dict[str, Any]:
        return {"letters": 1, "persons": 3}

    early = _section_plugin(first, key="early", order=10, title="领导干部接待群众来访情况")
    app = await make_app(extra_plugins=[("joint_letters", _section_plugin(_joint_letters)), ("early", early)])
    set_today(app, dt.date(2024, 1, 15))
    await import_rows(app, parsed_rows_json(), tmp_path / "seed.jsonl")
    ctx = await admin_of(app)
    report = await annual_report(ctx, 2023)
    assert [(s["key"], s["plugin"], s["order"]) for s in report["sections"]] == [
        ("early", "early", 10),
        ("joint_letters", "joint_letters", 50),
    ]
    joint = report["sections"][1]
    assert joint["figures"]["letters"] > 0 and joint["markdown"].startswith("全年收到联名信")
    md = (await export_report(ctx, 2023, "md")).body.decode()
    assert "### （二）领导干部接待群众来访情况" in md and "### （三）联名信办理情况" in md
    assert md.index("### （三）") < md.index(joint["markdown"])


def parsed_rows_json() -> list[dict[str, Any]]:
    from report_fixtures import seed

    return seed().rows


async def test_a_failing_section_is_an_error_naming_its_plugin(
    make_app: Callable[..., Awaitable[Any]],
) -> None:
    async def broken(app: Any, year: int) -> dict[str, Any]:
        raise ZeroDivisionError("division by zero")

    app = await make_app(extra_plugins=[("shaky_stats", _section_plugin(broken, key="shaky"))])
    with pytest.raises(ReportSectionFailed) as caught:
        await annual_report(await admin_of(app), 2023)
    assert (
        caught.value.detail
        == "report section 'shaky' of plugin 'shaky_stats' failed: ZeroDivisionError: division by zero"
    )
    assert caught.value.extra == {"section": "shaky", "plugin": "shaky_stats"}


async def test_inconsistent_register_data_is_refused_naming_the_identity(seeded: Any, admin: Any) -> None:
    await seeded.db.fetch(
        "UPDATE hearing_petition_item SET category_top = 'no_such_field' WHERE ref = 'XF-2023-0001'"
    )
    with pytest.raises(RuleViolation) as caught:
        await annual_report(admin, 2023)
    assert caught.value.rule == "statistics.identity.categories_known"


async def test_permissions(ctx_for: Callable[..., Awaitable[Any]]) -> None:
    for role in ("leader", "handling_officer", "registrar", "auditor"):
        assert (await annual_report(await ctx_for(role), 2023))["figures"]["total"] == 632
    clerk = await ctx_for("clerk")
    with pytest.raises(PermissionDenied):
        await annual_report(clerk, 2023)
    with pytest.raises(PermissionDenied):
        await drill(clerk, 2023, "total")
    auditor = await ctx_for("auditor")
    assert (
        "summary" in (await drill(auditor, 2023, "total", per_page=1))["items"][0]
    )  # auditors read the register


async def test_a_matter_in_two_categories_counts_once_in_the_year(seeded: Any, admin: Any) -> None:
    rows = await seeded.db.fetch(
        "SELECT i.ref AS ref, i.category_top AS top FROM hearing_petition_item i WHERE i.status <> 'not_accepted' "
        "AND i.received_on >= '2023-01-01' AND i.matter_key IN (SELECT matter_key FROM hearing_petition_item "
        "WHERE status <> 'not_accepted' AND received_on >= '2023-01-01' GROUP BY matter_key HAVING COUNT(*) >= 3) "
        "ORDER BY i.ref"
    )
    moved = next(r for r in rows if r["top"] != "health")
    await seeded.db.fetch(
        "UPDATE hearing_petition_item SET category_top = 'health' WHERE ref = {}", moved["ref"]
    )
    report = await annual_report(admin, 2023)
    f = report["figures"]
    assert (f["distinct_matters"], f["repeat"], f["accepted"]) == (348, 218, 566)
    by_code = {row["code"]: row for row in f["by_category"]}
    assert sum(row["matters"] for row in f["by_category"]) == 349  # the matter appears under both
    assert (await drill(admin, 2023, "matters_by_category:health"))["total"] == by_code["health"]["matters"]
    assert (await drill(admin, 2023, "distinct_matters"))["total"] == 348
