"""Hearing notice (听证通知书, one per party, with its service receipt) and announcement (听证公告)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hearing_doc_case import (
    AGENT,
    MATTER,
    ORGAN,
    PETITIONER,
    THIRD,
    THIRD_AGENT,
    UNIT,
    WITNESS,
    prepared_case,
)

from hearing_core.documents import DocumentRenderer
from hearing_core.errors import Conflict, ValidationFailed
from hearing_core.hearings.documents import announcement_context, notice_context, notice_recipients
from hearing_core.hearings.domain import HearingCase

NOTICE, ANNOUNCEMENT = "hearing/notice.html", "hearing/announcement.html"


@pytest.fixture(scope="module")
def petitioner_pdf(renderer: DocumentRenderer, heard: HearingCase) -> bytes:
    return renderer.pdf(NOTICE, notice_context(heard, ORGAN, MATTER, PETITIONER), personal_data=True)


def test_petitioner_notice_is_the_case_in_chinese(petitioner_pdf: bytes, pdf_text: Callable[[bytes], str]) -> None:
    text = pdf_text(petitioner_pdf)
    for expected in (
        "临江县人民政府信访局",
        "听证通知书",
        "临信听通〔2025〕12号",
        "张建国：",
        "你于2025年1月15日提出的关于滨江路片区房屋征收补偿标准的信访事项",
        "一、听证时间：2025年3月20日（星期四）上午9时30分。",
        "二、听证地点：临江县人民政府信访局三楼听证室。",
        # The panel as seated after the recusal: 陈红梅 stepped aside, 赵晓燕 took her seat.
        "三、听证人员：听证主持人王立新；听证员刘志强、赵晓燕；记录员孙丽。",
        "四、听证方式：本次听证公开举行",
        "本通知同时告知你的委托代理人钱明律师。",
        "二〇二五年三月一日",  # the day the schedule was fixed
        "（联系人：周敏，联系电话：0571-86021234）",
        # The service receipt, filled in from the service log (served on the agent).
        "送达回证",
        "听证通知书（临信听通〔2025〕12号）",
        "临信听〔2025〕12号",
        "2025年3月3日",
        "钱明律师（委托代理人）",
        "送达回证第3号",
    ):
        assert expected in text, expected
    assert "陈红梅" not in text


def test_each_party_gets_its_own_notice(renderer: DocumentRenderer, heard: HearingCase) -> None:
    assert [p.no for p in notice_recipients(heard)] == [PETITIONER, THIRD, UNIT]
    unit = renderer.html(NOTICE, notice_context(heard, ORGAN, MATTER, UNIT), personal_data=True)
    assert '<p class="salutation">临江县住房和城乡建设局：</p>' in unit
    assert "你单位作为承办单位，应当参加听证" in unit
    assert "五、你单位的权利和义务：" in unit
    third = notice_context(heard, ORGAN, MATTER, THIRD_AGENT)  # an agent's notice is the principal's
    assert (third["addressee"], third["addressee_role"]) == ("李秀英", "third_party")
    assert third["service"]["recipient"] == "孙志远" and third["service"]["method"] == "挂号邮寄送达"
    html = renderer.html(NOTICE, third, personal_data=True)
    assert "张建国于2025年1月15日提出的关于滨江路片区房屋征收补偿标准的信访事项" in html
    assert "你作为第三人，应当参加听证" in html
    assert notice_context(heard, ORGAN, MATTER, AGENT)["addressee"] == "张建国"


def test_notice_without_personal_data_masks_private_people(
    renderer: DocumentRenderer, heard: HearingCase, pdf_text: Callable[[bytes], str]
) -> None:
    text = pdf_text(renderer.pdf(NOTICE, notice_context(heard, ORGAN, MATTER, THIRD)))
    assert "李*英：" in text and "张*国于2025年1月15日" in text and "孙*远（委托代理人）" in text
    for name in ("李秀英", "张建国", "孙志远"):
        assert name not in text
    assert "听证主持人王立新" in text  # officials acting in office are not masked


def test_notice_before_service_leaves_the_receipt_blank(renderer: DocumentRenderer) -> None:
    case = prepared_case()
    case.services.clear()
    context = notice_context(case, ORGAN, MATTER, PETITIONER)
    assert context["service"] is None
    html = renderer.html(NOTICE, context, personal_data=True)
    assert '<span class="blank-date">　　年　　月　　日</span>' in html


def test_notice_needs_a_party_and_a_schedule(heard: HearingCase) -> None:
    with pytest.raises(ValidationFailed, match="party"):
        notice_context(heard, ORGAN, MATTER, WITNESS)
    case = prepared_case()
    case.schedule = None
    with pytest.raises(Conflict, match="schedule"):
        notice_context(case, ORGAN, MATTER, PETITIONER)


def test_announcement_always_masks_the_petitioner(
    renderer: DocumentRenderer, heard: HearingCase, pdf_text: Callable[[bytes], str]
) -> None:
    # Published to everyone: masked even when the viewer may see personal data.
    text = pdf_text(renderer.pdf(ANNOUNCEMENT, announcement_context(heard, ORGAN, MATTER), personal_data=True))
    for expected in (
        "听证公告",
        "临信听公〔2025〕12号",
        "本机关决定对张*国提出的关于滨江路片区房屋征收补偿标准的信访事项公开举行听证。",
        "一、听证时间：2025年3月20日（星期四）上午9时30分至中午12时。",
        "听证员刘志强（人大代表）、赵晓燕（专家学者）",
        "承办单位临江县住房和城乡建设局",
        "请于2025年3月19日前持本人居民身份证到临江县人民路88号信访局一楼接待大厅登记",
        "二〇二五年三月四日",  # published on
    ):
        assert expected in text, expected
    assert "张建国" not in text


def test_a_closed_hearing_is_not_announced() -> None:
    with pytest.raises(Conflict, match="not announced"):
        announcement_context(prepared_case(public=False), ORGAN, MATTER)


def test_pages_are_numbered_and_the_signature_never_stands_alone(
    renderer: DocumentRenderer, heard: HearingCase, petitioner_pdf: bytes, page_numbers: Callable[[bytes], list[str]]
) -> None:
    import io

    import pdfplumber

    assert page_numbers(petitioner_pdf) == ["— 1 —", "— 2 —", "— 3 —"]  # notice (2) + service receipt
    announcement = renderer.pdf(ANNOUNCEMENT, announcement_context(heard, ORGAN, MATTER))
    with pdfplumber.open(io.BytesIO(announcement)) as document:
        pages = [(p.extract_text() or "").replace("\n", "") for p in document.pages]
    signed = next(text for text in pages if "二〇二五年三月四日" in text)
    assert "特此公告。" in signed  # GB/T 9704: body text on the page of the signature


def test_a_new_date_gives_a_new_notice(renderer: DocumentRenderer) -> None:
    from datetime import date, datetime, time

    from hearing_doc_case import CALC, RULES, VENUE

    from hearing_core.hearings.domain import PostponeReason, Slot

    case = prepared_case()
    case.postpone(PostponeReason.FORCE_MAJEURE, "信访人住院治疗", datetime(2025, 3, 18, 16))
    new_day = date(2025, 4, 10)
    case.schedule_hearing(Slot(datetime.combine(new_day, time(14, 30)), datetime.combine(new_day, time(17)),
                               venue=VENUE), today=date(2025, 3, 19), rules=RULES, calc=CALC)
    context = notice_context(case, ORGAN, MATTER, PETITIONER)
    assert (context["schedule_no"], context["service"], context["issue_date"]) == (2, None, date(2025, 3, 19))
    html = renderer.html(NOTICE, context, personal_data=True)
    assert "原定听证已延期，现重新确定听证时间。" in html
    assert "一、听证时间：2025年4月10日（星期四）下午2时30分。" in html
