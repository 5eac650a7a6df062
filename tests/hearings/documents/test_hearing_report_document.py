"""Hearing report (听证报告): conclusion per issue with majority, vote count and dissents."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hearing_doc_case import CALC, MATTER, ORGAN, prepared_case

from hearing_core.documents import DocumentRenderer
from hearing_core.errors import Conflict
from hearing_core.hearings.documents import report_context
from hearing_core.hearings.documents.report import vote_summary
from hearing_core.hearings.domain import HearingCase

REPORT = "hearing/report.html"


@pytest.fixture(scope="module")
def report_text(renderer: DocumentRenderer, heard: HearingCase, pdf_text: Callable[[bytes], str]) -> str:
    context = report_context(heard, ORGAN, MATTER, report_due=heard.report_due(CALC))
    return pdf_text(renderer.pdf(REPORT, context, personal_data=True))


def test_report_context_carries_the_conclusion(heard: HearingCase) -> None:
    context = report_context(heard, ORGAN, MATTER, report_due=heard.report_due(CALC))
    first, second = context["issues"]
    assert (first["result"], first["tally"]) == ("reasonable", {"reasonable": 2, "partly_reasonable": 0,
                                                                "not_reasonable": 1})
    assert (first["votes_for_result"], first["votes_against_result"], first["strict_majority"]) == (2, 1, True)
    assert first["dissents"] == [{"name": "赵晓燕", "view": "不合理", "opinion": "加建未经批准，不应补偿"}]
    assert second["majority_opinions"] == ["单价偏低但有评估依据"]  # three officers, the same words once
    assert context["report_due"] == date(2025, 3, 30)
    assert [v["name"] for v in context["voters"]] == ["王立新", "刘志强", "赵晓燕"]
    assert context["issue_date"] == date(2025, 3, 20)


def test_report_pdf_is_the_conclusion_in_chinese(report_text: str) -> None:
    for expected in (
        "听证报告",
        "临信听报〔2025〕12号",
        "临江县人民政府信访局：",
        "张建国于2025年2月17日申请就其信访事项举行听证，本机关于2025年2月24日决定举行听证。",
        "信访人张建国提出的关于滨江路片区房屋征收补偿标准的信访事项（LJ-2025-0042，办理环节）",
        "本机关已向各方当事人送达听证通知书：委托代理人钱明律师（2025年3月3日，直接送达）",
        "并于2025年3月4日在临江县人民政府网站发布听证公告",
        "听证会于2025年3月20日（星期四）上午9时30分在临江县人民政府信访局三楼听证室公开举行，由王立新主持，"
        "听证员刘志强、赵晓燕参加，孙丽担任记录员。",
        "孙志远申请听证员陈红梅回避，经临江县人民政府信访局局长决定予以回避，由赵晓燕接任。",
        "三、认定的事实信访人房屋加建部分于2015年完成，未经规划许可但已实际使用至今",
        "听证组对以下证据予以采信：证据一房屋所有权证（信访人方提交）；证据二房屋现状照片（信访人方提交）。",
        "证据三房屋测绘报告（承办单位提交）不予采信，理由：测绘早于加建完成，不能反映房屋现状。",
        "（一）加建部分是否应予补偿：听证组评议认为信访人的诉求合理。表决结果：合理2票，不合理1票（共3票）。",
        "多数意见：加建已长期使用，应适当补偿；加建事实清楚，应予补偿。",
        "少数意见：听证员赵晓燕认为不合理，理由：加建未经批准，不应补偿。",
        "（二）补偿单价是否合理：听证组评议认为信访人的诉求部分合理。表决结果：部分合理3票（共3票）。",
        "六、依据《国有土地上房屋征收与补偿条例》第二十四条",
        "七、处理建议建议对加建部分给予适当补偿。",
        "本报告应于2025年3月30日前送达各方当事人。",
        "已于2025年3月25日送达信访人张建国",
        "听证组成员签名",
        "临江县人民政府信访局听证组",
        "二〇二五年三月二十日",
    ):
        assert expected in report_text, expected


def test_report_without_personal_data_masks_the_parties(
    renderer: DocumentRenderer, heard: HearingCase, pdf_text: Callable[[bytes], str]
) -> None:
    text = pdf_text(renderer.pdf(REPORT, report_context(heard, ORGAN, MATTER, report_due=None)))
    assert "张*国于2025年2月17日申请" in text and "听证员赵晓燕认为不合理" in text
    assert "张建国" not in text and "钱明律师" not in text
    assert "本报告应于" not in text  # no due date given, none printed


def test_report_needs_the_conclusion() -> None:
    with pytest.raises(Conflict, match="conclusion"):
        report_context(prepared_case(), ORGAN, MATTER, report_due=None)


def test_vote_summary_lists_views_in_scale_order() -> None:
    assert vote_summary({"not_reasonable": 2, "reasonable": 3, "partly_reasonable": 0}) == "合理3票，不合理2票"
