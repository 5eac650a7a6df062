"""Administrators adapt the hearing documents (override directory) and the organ's wording."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hearing_doc_case import CALC, MATTER, ORGAN

from hearing_core.documents import DocumentRenderer
from hearing_core.errors import ValidationFailed
from hearing_core.hearings.documents import TEMPLATES, Organ, record_context, report_context
from hearing_core.hearings.domain import HearingCase
from hearing_core.settings import Settings


def write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_override_template_wins(tmp_path: Path, heard: HearingCase, pdf_text: Callable[[bytes], str]) -> None:
    write(tmp_path, "hearing/record.html",
          '{% extends "core:hearing/record.html" %}{% block doc_title %}信访事项听证笔录{% endblock %}')
    # A report written from scratch with the documented keys.
    write(tmp_path, "hearing/report.html",
          "{{ organ_name }}听证结论{% for i in issues %}|{{ i.title }}：{{ i.result_label }}（{{ i.tally_text }}）"
          "{% for d in i.dissents %}，少数意见{{ d.name }}{% endfor %}{% endfor %}|{{ report_due|cn_date }}")
    renderer = DocumentRenderer(override_dir=tmp_path)
    text = pdf_text(renderer.pdf(TEMPLATES["record"], record_context(heard, ORGAN, MATTER), personal_data=True))
    assert "信访事项听证笔录" in text and "十二、闭会" in text
    report = renderer.html(TEMPLATES["report"], report_context(heard, ORGAN, MATTER, report_due=heard.report_due(CALC)))
    assert report == ("临江县人民政府信访局听证结论|加建部分是否应予补偿：合理（合理2票，不合理1票），少数意见赵晓燕"
                      "|补偿单价是否合理：部分合理（部分合理3票）|2025年3月30日")
    listing = {t.name: t for t in renderer.available()}
    assert listing["hearing/report.html"].origin == "override"
    assert listing["hearing/docket.html"].origin == "core"
    assert listing["hearing/_people.html"].partial


def test_organ_from_settings_reads_the_documents_table(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url="sqlite://", organ_name="临江县人民政府信访局", extra={
        "documents": {"abbreviation": "临", "number_format": "{abbr}信听{code}字〔{year}〕第{no}号",
                      "contact_name": "周敏", "contact_phone": "0571-86021234", "date_style": "arabic",
                      "materials": ["本人居民身份证。"]},
    })
    organ = Organ.from_settings(settings)
    assert organ.number("notice", 2025, 7) == "临信听通字〔2025〕第7号"
    assert organ.number("case", 2025, None) == "临信听字〔2025〕第　号"
    assert (organ.contact_name, organ.date_style, organ.materials) == ("周敏", "arabic", ("本人居民身份证。",))
    default = Organ.from_settings(Settings(data_dir=tmp_path, database_url="sqlite://"))
    assert default.name == "县信访局" and default.number("report", 2025, 3) == "县信听报〔2025〕3号"


@pytest.mark.parametrize("table", [{"number_format": "{abbr}{unknown}"}, {"date_style": "roman"},
                                   {"materials": "一项"}])
def test_organ_config_errors_are_validation_errors(table: dict[str, object]) -> None:
    with pytest.raises(ValidationFailed):
        Organ.from_mapping("县信访局", table)
