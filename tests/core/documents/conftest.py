"""Fixtures of the document service tests: a realistic hearing-notice context and PDF helpers.

Shared as fixtures (not importable helpers) so the tests work under any pytest import mode.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hearing_core.documents import DocumentRenderer

PLUGIN_TEMPLATES = Path(__file__).parent / "plugin_templates"


def _notice_context(**changes: Any) -> dict[str, Any]:
    """A hearing notice (听证通知书) as the hearing team would fill it in."""
    context: dict[str, Any] = {
        "organ_name": "临江县人民政府信访局",
        "doc_number": "临信听通〔2025〕12号",
        "petitioner_name": "张建国",
        "petition_date": dt.date(2025, 1, 15),
        "matter_summary": "滨江路片区房屋征收补偿标准",
        "legal_basis": "《信访工作条例》及本省信访事项听证有关规定",
        "hearing_at": dt.datetime(2025, 3, 20, 9, 30),
        "venue": "临江县人民政府信访局三楼听证室（临江县人民路88号）",
        "presiding_officer": "王立新",
        "officers": ["陈红梅", "刘志强", "赵晓燕"],
        "recorder": "孙丽",
        "public": True,
        "rights_and_duties": [
            "你有权申请听证主持人、听证员、记录员回避，回避申请应当在听证开始前提出并说明理由；",
            "你可以委托一至二名代理人参加听证，委托代理人的，应当提交本人签名的授权委托书；",
            "你有权在听证中陈述事实和理由、出示证据、进行质证和辩论，并作最后陈述；",
            "你应当如实陈述，遵守听证纪律，服从听证主持人的安排；听证结束后应当核对听证笔录并签名。",
        ],
        "materials": [
            "本人居民身份证原件及复印件；",
            "与信访事项有关的证据材料；",
            "委托代理人参加的，携带授权委托书及代理人身份证件。",
        ],
        "contact_name": "周敏",
        "contact_phone": "0571-86021234",
        "issue_date": dt.date(2025, 3, 8),
        "copy_to": ["临江县住房和城乡建设局", "临江县滨江街道办事处"],
    }
    context.update(changes)
    return context


def _intake_report_context() -> dict[str, Any]:
    """Annual statistics with monthly intake by channel and matters by category."""
    monthly = {
        "来信": [32, 28, 41, 37, 30, 45, 39, 36, 42, 38, 33, 29],
        "来访": [55, 48, 61, 58, 52, 66, 70, 63, 59, 57, 50, 47],
        "网上信访": [80, 95, 102, 110, 98, 120, 131, 125, 118, 122, 115, 109],
    }
    by_category = {"城乡建设": 312, "劳动和社会保障": 268, "自然资源": 190, "农业农村": 155, "卫生健康": 96}
    return {
        "report_title": "临江县2025年度信访工作统计报告",
        "organ_name": "临江县人民政府信访局",
        "period": "2025年1月1日至2025年12月31日",
        "generated_on": dt.date(2026, 1, 10),
        "total": sum(sum(values) for values in monthly.values()),
        "online": sum(monthly["网上信访"]),
        "on_time_rate": 0.9734,
        "monthly": monthly,
        "months": [f"{m}月" for m in range(1, 13)],
        "by_category": by_category,
    }


def _pdf_pages_text(pdf: bytes) -> list[str]:
    """Each page's text as pdfplumber extracts it."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [page.extract_text() or "" for page in document.pages]


def _pdf_text(pdf: bytes) -> str:
    """All text with line breaks removed, so strings wrapped across lines still match exactly."""
    return "".join(text.replace("\n", "") for text in _pdf_pages_text(pdf))


@pytest.fixture(scope="module")
def renderer() -> DocumentRenderer:
    return DocumentRenderer(template_dirs=[PLUGIN_TEMPLATES])


@pytest.fixture
def make_notice() -> Callable[..., dict[str, Any]]:
    """Factory: ``make_notice(venue=...)`` gives the sample notice context with changes."""
    return _notice_context


@pytest.fixture
def report_context() -> dict[str, Any]:
    return _intake_report_context()


@pytest.fixture
def pdf_text() -> Callable[[bytes], str]:
    return _pdf_text


@pytest.fixture
def pdf_pages_text() -> Callable[[bytes], list[str]]:
    return _pdf_pages_text


@pytest.fixture(scope="module")
def notice_pdf(renderer: DocumentRenderer) -> bytes:
    """The sample notice as PDF, rendered once per module (about a second each)."""
    return renderer.pdf("hearing/notice.html", _notice_context(), personal_data=True)
