"""Registration forms (信访登记表): fields with page and box, validation, mapping config."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pdf_factory
import pytest
from hearing_pdf_import import ExtractionPool
from hearing_pdf_import.form_mapping import FormMapping
from hearing_pdf_import.forms import extract_form, extract_form_file

from hearing_core.errors import FieldError

EXPECTED = {
    "name": "王某某",
    "gender": "male",
    "id_number": pdf_factory.valid_id_number(),
    "phone": "13800138000",
    "persons": 3,
    "address": "某某县城关镇幸福村三组",
    "received_on": date(2025, 3, 8),
    "channel": "visit",
    "category": "征地拆迁",
    "summary": "村委会未经协商将其承包耕地划入工业园区征地范围，至今未发放补偿款。",
    "request": "要求依法发放征地补偿款。",
}


def _inside(inner: tuple[float, ...], outer: tuple[float, ...], slack: float = 0.5) -> bool:
    return (
        outer[0] - slack <= inner[0] <= inner[2] <= outer[2] + slack
        and outer[1] - slack <= inner[1] <= inner[3] <= outer[3] + slack
    )


def test_ruled_form_gives_every_field_with_its_cell(form: Path, pool: ExtractionPool) -> None:
    result = extract_form_file(form, pool=pool)
    assert result.errors == [] and result.ok
    assert result.values() == EXPECTED
    document = pool.extract(form)
    table = document.pages[0].tables[0]
    cells = [box for row in table.cell_boxes for box in row if box is not None]
    for extracted in result.fields.values():
        assert extracted.page == 1 and extracted.source == "table"
        assert extracted.bbox in cells  # the value's own cell, not the label's
    name = result.fields["name"]
    assert name.label == "姓名" and name.raw == "王某某"
    assert result.fields["phone"].raw == "138 0013 8000"


def test_text_form_gives_fields_with_the_value_box(pdf_dir: Path, pool: ExtractionPool) -> None:
    path = pdf_factory.text_form_pdf(pdf_dir / "text-form.pdf")
    result = extract_form_file(path, pool=pool)
    expected = {k: v for k, v in EXPECTED.items() if k not in {"category", "request"}}
    assert result.values() == expected
    assert result.errors == []
    document = pool.extract(path)
    lines = document.pages[0].lines
    gender = result.fields["gender"]
    line = next(ln for ln in lines if "性别" in ln.text)
    assert gender.source == "text" and _inside(gender.bbox, line.bbox)
    # Two fields on one line get two different boxes: the value's glyphs only.
    name = result.fields["name"]
    assert name.bbox[2] < gender.bbox[0]
    assert gender.bbox[2] - gender.bbox[0] < 20  # one glyph, 12 pt


def test_bad_and_missing_fields_are_listed_by_name(pdf_dir: Path, pool: ExtractionPool) -> None:
    values = pdf_factory.default_form_values()
    values["身份证号"] = values["身份证号"][:-1] + ("0" if values["身份证号"][-1] != "0" else "1")
    values["联系电话"] = "12345"
    values["来访日期"] = "2025年2月30日"
    values["人数"] = "0"
    values["姓名"] = ""
    path = pdf_factory.registration_form_pdf(pdf_dir / "bad-form.pdf", values)
    result = extract_form_file(path, pool=pool)
    by_field = {e.field: e.message for e in result.errors}
    assert set(by_field) == {"id_number", "phone", "received_on", "persons", "name"}
    assert all(isinstance(e, FieldError) for e in result.errors)
    assert "check digit" in by_field["id_number"]
    assert by_field["name"].startswith("missing")
    assert values["身份证号"] not in " ".join(by_field.values())
    # What was found for a bad field is kept for a clerk to correct.
    assert result.rejected["phone"].raw == "12345"
    assert "name" not in result.rejected
    # Valid fields are still returned.
    assert result.fields["channel"].value == "visit"
    assert result.fields["gender"].value == "male"


def test_failed_document_gives_a_file_error(pdf_dir: Path, pool: ExtractionPool) -> None:
    path = pdf_dir / "not-a-form.pdf"
    path.write_text("姓名：张三", encoding="utf-8")
    result = extract_form_file(path, pool=pool)
    assert result.fields == {}
    assert [e.field for e in result.errors] == ["file"]
    assert result.errors[0].message.startswith("not_pdf:")


def test_mapping_override_by_dict_and_toml(form: Path, pool: ExtractionPool) -> None:
    document = pool.extract(form, pool.options.with_changes(char_boxes=True))
    # A bureau whose form calls the summary 事项类别 and does not collect the category.
    mapping = FormMapping.default().merged(
        {"fields": {"category": False, "summary": {"labels": ["事项类别"]}, "address": {"required": True}}}
    )
    result = extract_form(document, mapping)
    assert "category" not in result.fields
    assert result.fields["summary"].value == "征地拆迁"
    toml = """
[fields.complainant]
labels = ["姓名"]
required = true

[fields.when]
labels = ["来访日期"]
type = "date"

[fields.county]
labels = ["所属县区"]
required = true
"""
    result = extract_form(document, FormMapping.from_toml(toml))
    assert result.values() == {"complainant": "王某某", "when": date(2025, 3, 8)}
    assert [(e.field, e.message.split(":")[0]) for e in result.errors] == [("county", "missing")]


def test_mapping_file_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "mapping.toml"
    path.write_text('[fields.name]\nlabels = ["姓名"]\n', encoding="utf-8")
    assert [f.name for f in FormMapping.from_toml(path).fields] == ["name"]
    with pytest.raises(ValueError, match="unknown type"):
        FormMapping.from_dict({"fields": {"x": {"labels": ["甲"], "type": "money"}}})
    with pytest.raises(ValueError, match="both"):
        FormMapping.from_dict({"fields": {"a": {"labels": ["姓名"]}, "b": {"labels": ["姓 名："]}}})
    with pytest.raises(ValueError, match="labels"):
        FormMapping.from_dict({"fields": {"a": {"labels": "姓名"}}})
    with pytest.raises(ValueError, match="unknown keys"):
        FormMapping.default().merged({"fields": {"name": {"lables": ["姓名"]}}})
    default = FormMapping.default()
    assert {f.name for f in default.fields if f.required} == {"name", "received_on", "channel", "summary"}
