"""Hearing record (听证笔录): every phase in order with the clerk's entries, evidence, signatures."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hearing_doc_case import MATTER, ORGAN, concluded_case, phase_headings, prepared_case

from hearing_core.documents import DocumentRenderer
from hearing_core.hearings.documents import record_context
from hearing_core.hearings.domain import HearingCase

RECORD = "hearing/record.html"


@pytest.fixture(scope="module")
def record_pdf(renderer: DocumentRenderer, heard: HearingCase) -> bytes:
    return renderer.pdf(RECORD, record_context(heard, ORGAN, MATTER), personal_data=True)


@pytest.fixture(scope="module")
def record_text(record_pdf: bytes, pdf_text: Callable[[bytes], str]) -> str:
    return pdf_text(record_pdf)


@pytest.fixture(scope="module")
def record_cells(record_pdf: bytes, pdf_cells: Callable[[bytes], list[str]]) -> str:
    """The table cells (header, evidence, signatures), joined by a separator."""
    return " | ".join(pdf_cells(record_pdf))


def test_record_header_names_matter_time_venue_panel_and_people(record_text: str, record_cells: str) -> None:
    for expected in (
        "信访事项 | 滨江路片区房屋征收补偿标准（LJ-2025-0042）",
        "听证时间 | 2025年3月20日（星期四）上午9时30分至中午12时4分",
        "听证主持人 | 王立新 | 记录员 | 孙丽",
        "听证员 | 刘志强（人大代表）、赵晓燕（专家学者）",
        "信访人张建国；承办人李承办（临江县住房和城乡建设局）；委托代理人钱明律师（信访人张建国的代理人）；"
        "第三人李秀英；委托代理人孙志远（第三人李秀英的代理人）；证人周德兴；旁听人员吴晓梅",
    ):
        assert expected in record_cells, expected
    for expected in (
        "临江县人民政府信访局",
        "听证笔录",
        "案号：临信听〔2025〕12号",
        "临江县人民政府信访局三楼听证室",
        # Recusal and replacement.
        "孙志远申请听证员陈红梅回避，理由：听证员陈红梅曾担任第三人的法律顾问。",
        "陈红梅予以回避，由赵晓燕接任。",
    ):
        assert expected in record_text, expected


def test_record_has_every_phase_heading_in_order(record_text: str) -> None:
    headings = phase_headings()
    assert len(headings) == 12
    numerals = "一二三四五六七八九十"
    positions = []
    for i, heading in enumerate(headings, start=1):
        number = numerals[i - 1] if i <= 10 else "十" + numerals[i - 11]
        positions.append(record_text.index(f"{number}、{heading}"))
    assert positions == sorted(positions)


def test_record_entries_evidence_and_opinions(record_text: str, record_cells: str) -> None:
    for expected in (
        "孙丽（记录员）：经核对，信访人张建国及其委托代理人钱明律师",
        "10时2分",
        "钱明律师（委托代理人）：信访人房屋加建部分约三十平方米",
        "钱明律师（委托代理人）：出示证据一：房屋所有权证（书证）。",
        "李承办（承办人）：出示证据三：房屋测绘报告（勘验笔录）。",
        "钱明律师（委托代理人）：对证据三（房屋测绘报告）的质证意见：真实性有异议：测绘时间早于加建完成；关联性无异议；合法性无异议。",
        "周德兴（证人）：2015年夏天完成。",
        "（听证参加人退场，听证组进行评议。评议情况另行记录，不对外公开。）",
        "王立新（听证主持人）：宣布听证结论",
        "证据及认证情况",
    ):
        assert expected in record_text, expected
    # The evidence table with each side's opinion and the panel's finding.
    for expected in (
        "1 | 房屋所有权证（书证，附件1份） | 信访人方钱明律师 | "
        "承办单位（李承办）：无异议第三人李秀英（孙志远）：无异议 | 予以采信",
        "3 | 房屋测绘报告（勘验笔录，附件1份） | 承办单位李承办 | "
        "信访人方（钱明律师）：真实性有异议（测绘时间早于加建完成）第三人李秀英（孙志远）：无异议 | "
        "不予采信：测绘早于加建完成，不能反映房屋现状",
    ):
        assert expected in record_cells, expected


def test_record_signatures_and_refusal_note(record_text: str, record_cells: str) -> None:
    assert "信访人 | 张建国 | 已签名（2025年3月20日中午12时5分）" in record_cells
    assert "第三人 | 李秀英 | 拒绝签名。记录员注明：第三人以不认可结论为由拒绝签名" in record_cells
    assert "听证员 | 赵晓燕 | 已签名（2025年3月20日中午12时14分）" in record_cells
    # Everyone present signs (the observer does not) and so does the seated panel, 陈红梅 not.
    assert record_text.count("已签名") == 5 + 4
    assert "陈红梅 | 已签名" not in record_cells and "旁听人员 | 吴晓梅" not in record_cells
    assert "二〇二五年三月二十日" in record_text


def test_deliberation_stays_secret(record_text: str) -> None:
    # Votes and the officers' opinions belong to the report, never to the record read to the parties.
    for secret in ("加建事实清楚，应予补偿", "加建未经批准，不应补偿", "票"):
        assert secret not in record_text


def test_suspension_and_resumption_are_recorded(
    renderer: DocumentRenderer, pdf_text: Callable[[bytes], str], pdf_cells: Callable[[bytes], list[str]]
) -> None:
    context = record_context(concluded_case(suspend=True), ORGAN, MATTER)
    (interruption,) = context["interruptions"]
    assert (interruption["kind"], interruption["reason"]) == ("中止", "需要通知新的证人到场")
    pdf = renderer.pdf(RECORD, context, personal_data=True)
    text = pdf_text(pdf)
    assert "听证主持人宣布中止听证，理由：需要通知新的证人到场（需通知测绘单位人员到场说明）。" in text
    assert "2025年3月27日上午9时30分，恢复听证。" in text
    assert "中止、延期、终止情况" in text
    # The sitting ran over two days: its end prints with its date.
    assert "2025年3月20日（星期四）上午9时30分至2025年3月27日（星期四）上午11时12分" in pdf_cells(pdf)
    assert "听证中止，理由：需要通知新的证人到场（需通知测绘单位人员到场说明）。恢复听证时间：2025年3月27日（星期四）上午9时30分。" in text


def test_record_before_the_session_prints_what_exists(renderer: DocumentRenderer) -> None:
    html = renderer.html(RECORD, record_context(prepared_case(), ORGAN, MATTER), personal_data=True)
    assert "听证会尚未举行。" in html


def test_record_without_personal_data_masks_private_speakers(
    renderer: DocumentRenderer, heard: HearingCase, pdf_text: Callable[[bytes], str]
) -> None:
    text = pdf_text(renderer.pdf(RECORD, record_context(heard, ORGAN, MATTER)))
    # The clerk's free text is printed as typed; the names the system knows are masked.
    assert "张*国（信访人）：不申请回避。" in text
    assert "周*兴（证人）" in text
    assert "王立新（听证主持人）" in text and "李承办（承办人）" in text
    assert "第三人李*英（孙*远）" in text
    for name in ("张建国（", "周德兴（", "李秀英（", "孙志远（"):
        assert name not in text


def test_a_no_show_termination_is_recorded(renderer: DocumentRenderer, pdf_text: Callable[[bytes], str]) -> None:
    from datetime import datetime, time

    from hearing_doc_case import CALC, HEARING_DAY, RULES

    from hearing_core.hearings.domain import TerminationReason

    case = prepared_case()
    case.open_session(datetime.combine(HEARING_DAY, time(9, 30)), rules=RULES, calc=CALC)
    for p in case.participants:
        case.record_attendance(p.no, p.role.value not in ("petitioner", "agent"))
    case.terminate(TerminationReason.PETITIONER_ABSENT, datetime.combine(HEARING_DAY, time(9, 50)))
    context = record_context(case, ORGAN, MATTER)
    assert [p["name"] for p in context["sessions"][0]["absent"]] == ["张建国", "钱明律师", "孙志远"]
    text = pdf_text(renderer.pdf(RECORD, context, personal_data=True))
    assert "（9时50分，听证主持人宣布终止听证：信访人无正当理由不到场，视为放弃听证。）" in text
    assert "2025年3月20日，听证终止：信访人无正当理由不到场，视为放弃听证。" in text
    assert "二、宣布听证开始" not in text  # the session never got past the attendance check
