"""The demo's documents (文书): PDFs imported like the post brings them, and the year's output.

Incoming: three petitioners' letters (来信), a survey report handed in as evidence for the
scheduled hearing, and two registration forms (信访登记表) filled in at a town's desk in
January — one valid (it becomes a register item), one with a mistyped ID number (it waits in
the review queue for the registrar). They are rendered with the core's DocumentRenderer from
the demo's own templates and imported through the document-import services, exactly as
``hearing documents import`` / ``import-form`` would.

Outgoing (``<demo>/documents/``): the annual report as PDF and JSON, the mediation agreement
awaiting judicial confirmation, the re-review opinion and a non-acceptance notice, and the
January reception notice (the hearings step writes the hearing documents).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from hearing_core.demo.story import Story
from hearing_core.seeddata.people import make_person

__all__ = ["make_documents"]

TEMPLATES = Path(__file__).parent / "templates"


def _renderer() -> Any:
    from hearing_core.documents import DocumentRenderer

    return DocumentRenderer(template_dirs=[TEMPLATES])


def _letter(row: dict[str, Any]) -> dict[str, Any]:
    p = row["petitioner"]
    return {"addressee": "尊敬的临江县信访局领导", "signer": p["name"], "phone": p.get("phone", ""),
            "address": row.get("address", ""), "written_on": dt.date.fromisoformat(row["received_on"]) - dt.timedelta(days=3),
            "paragraphs": [f"我是{row.get('address', '')}村民{p['name']}，现向你们反映一个问题。",
                           f"{row['summary']}。", f"{row.get('request') or '请求依法处理'}。",
                           "以上情况属实，恳请领导重视，尽快给予答复。"]}


def _form(person: Any, received: dt.date, id_number: str, summary: str, request: str) -> dict[str, Any]:
    """A town's registration form (信访登记表); the town is the petitioner's (陈城镇塘尾村 → 陈城镇)."""
    town = person.address.split("镇")[0] + "镇" if "镇" in (person.address or "") else "陈城镇"
    return {"organ_name": f"临江县{town}人民政府", "recorder": f"{town}信访办", "recorded_on": received,
            "fields": [["姓名", person.name, "性别", "男" if int(person.id_number[16]) % 2 else "女"],
                       ["身份证号", id_number, "联系电话", person.phone or "13800138000"],
                       ["住址", person.address, "来访日期", f"{received.year}年{received.month}月{received.day}日"],
                       ["信访形式", "来访", "来访人数", "2"], ["问题类别", "土地征收", "接待人", f"{town}信访办"]],
            "long_fields": [["反映问题", summary], ["诉求", request]]}


async def make_documents(story: Story) -> None:
    story.at_today()
    if story.has("pdf_import", "imported PDF documents"):
        await _incoming(story)
    await _outgoing(story)


async def _incoming(story: Story) -> None:
    from hearing_pdf_import.services import Source, Target, import_documents, import_forms

    assert story.plan is not None
    renderer = _renderer()
    registrar = story.people["registrar"]
    inbox = story.file("inbox", "README.txt").parent
    letters = [r for r in story.plan.imported if r["channel"] == "letter" and r.get("matter_ref")
               and r["received_on"].startswith(str(story.year)) and r["backlog"]][:3]
    attached = []
    for row in letters:
        path = inbox / f"来信-{row['ref']}.pdf"
        path.write_bytes(await renderer.pdf_async("demo/letter.html", _letter(row), personal_data=True))
        out = await import_documents(registrar, [Source(path, path.name)], target=Target(matter_ref=row["matter_ref"]))
        attached.append((out[0].as_dict() if hasattr(out[0], "as_dict") else vars(out[0])).get("id"))
    story.note("letters_imported", attached)
    hearing_id = story.made.get("hearings", {}).get("scheduled")
    if hearing_id:
        survey = inbox / "房屋测绘报告.pdf"
        survey.write_bytes(await renderer.pdf_async("demo/letter.html", {
            "addressee": "临江县人民政府信访局", "signer": "江州市测绘院（盖章）", "phone": "0571-86029999",
            "address": "江州市建设路18号", "written_on": story.today - dt.timedelta(days=20),
            "paragraphs": ["受信访人委托，我院于现场对其房屋进行了测量。", "主体建筑面积96.4平方米，加建部分面积31.2平方米，加建部分为砖混结构，现作居住使用。",
                           "本报告仅供信访听证参考。"]}, personal_data=True))
        await import_documents(story.people["handling_officer"], [Source(survey, survey.name)],
                               target=Target(hearing_id=hearing_id, party=1))
    rng = random.Random(story.seed + 21)
    forms = []
    for n, (typo, summary) in enumerate(((False, "反映陈城镇塘尾村集体土地被征收后补偿款至今未发放到户"),
                                         (True, "反映阳城镇新塘村承包地被占用修路，未签协议也未补偿"))):
        person = make_person(rng, id_share=1.0, phone_share=1.0, address="陈城镇塘尾村" if n == 0 else "阳城镇新塘村")
        number = person.id_number or ""
        if typo:  # a clerk's slip: two digits swapped, so the check character no longer fits
            number = number[:10] + number[11] + number[10] + number[12:]
            if number == person.id_number:
                number = number[:16] + ("1" if number[16] != "1" else "3") + number[17]
        received = story.today - dt.timedelta(days=3 - n)
        path = inbox / f"信访登记表-{n + 1}.pdf"
        path.write_bytes(await renderer.pdf_async(
            "demo/register_form.html", _form(person, received, number, summary, "要求尽快依法处理"), personal_data=True))
        forms.append(Source(path, path.name))
    outcomes = await import_forms(registrar, forms, new_matter=True)
    story.note("forms_imported", [o.as_dict() if hasattr(o, "as_dict") else vars(o) for o in outcomes])


async def _outgoing(story: Story) -> None:
    from hearing_core.reports.service import annual_report, export_report

    leader = story.people["leader"]
    y = story.year
    report = await annual_report(leader, y)
    story.file(f"{y}年信访工作情况报告.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n",
                                                    encoding="utf-8")
    pdf = await export_report(leader, y, "pdf")
    story.file(pdf.filename).write_bytes(pdf.body)
    story.note("annual_report", pdf.filename)
    if "mediation" in story.plugins and story.made.get("agreement_awaiting_confirmation"):
        from hearing_mediation.documents import agreement_document

        data = await agreement_document(story.people["mediator"], story.made["agreement_awaiting_confirmation"])
        story.file("mediation", "调解协议书（待司法确认）.pdf").write_bytes(_bytes(data))
    if "review" in story.plugins and story.made.get("rereview"):
        from hearing_review.services import document

        officer = story.people["review_officer"]
        story.file("reviews", "复核意见书.pdf").write_bytes(_bytes(await document(officer, story.made["rereview"], "opinion")))
        refused = story.made["review_applications"]["late"][0]
        story.file("reviews", "复查申请不予受理告知书.pdf").write_bytes(_bytes(await document(officer, refused, "notice")))
    if "reception" in story.plugins:
        await _reception_notice(story)


async def _reception_notice(story: Story) -> None:
    from hearing_reception.services import notices, planning

    desk = story.people["registrar"]
    january = await planning.list_receptions(desk, planning.ReceptionFilter(
        date_from=story.today, date_to=dt.date(story.year + 1, 1, 31)), per_page=200)
    ids = [r.id for r in january.items if getattr(r, "id", None)] if hasattr(january, "items") else []
    if ids:
        data = await notices.notice_document(desk, ids, "pdf", doc_number=f"临信访公〔{story.year + 1}〕1号")
        story.file("reception", "领导接访公示.pdf").write_bytes(_bytes(data))


def _bytes(data: Any) -> bytes:
    if isinstance(data, bytes):
        return data
    if isinstance(data, str):
        return data.encode("utf-8")
    for attr in ("body", "content", "data"):
        if hasattr(data, attr):
            return _bytes(getattr(data, attr))
    if isinstance(data, tuple):
        return _bytes(data[0])
    raise TypeError(f"cannot write {type(data).__name__} as a file")
