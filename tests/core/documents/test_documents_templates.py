"""Template lookup, HTML rendering, escaping and errors of the document renderer (no PDF here)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hearing_core.documents import (
    CORE_TEMPLATE_DIR,
    DocumentRenderer,
    DocumentTemplateError,
    DocumentTemplateNotFound,
)
from hearing_core.errors import HearingError, NotFound, StartupError

NOTICE = "hearing/notice.html"


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_notice_html_has_the_official_parts(
    renderer: DocumentRenderer, make_notice: Callable[..., dict[str, Any]]
) -> None:
    html = renderer.html(NOTICE, make_notice(), personal_data=True)
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in html
    assert "<title>听证通知书</title>" in html
    for expected in (
        '<h1 class="doc-title">听证通知书</h1>',
        "临信听通〔2025〕12号",
        '<p class="salutation">张建国：</p>',
        "你于2025年1月15日提出的关于滨江路片区房屋征收补偿标准的信访事项",
        "一、听证时间：2025年3月20日（星期四）上午9时30分。",
        "三、听证人员：听证主持人王立新；听证员陈红梅、刘志强、赵晓燕；记录员孙丽。",
        "（四）你应当如实陈述",
        '<p class="signature-date">二〇二五年三月八日</p>',
        "（联系人：周敏，联系电话：0571-86021234）",
        "抄送：临江县住房和城乡建设局，临江县滨江街道办事处。",
    ):
        assert expected in html
    # The bundled font's file: URL is for WeasyPrint only; a browser must not see server paths.
    assert "file:" not in html


def test_notice_variants_closed_hearing_and_arabic_date(
    renderer: DocumentRenderer, make_notice: Callable[..., dict[str, Any]]
) -> None:
    context = make_notice(
        public=False, closed_reason="涉及个人隐私", recorder=None, date_style="arabic", materials=[]
    )
    html = renderer.html(NOTICE, context, personal_data=True)
    assert "四、听证方式：本次听证不公开举行，理由是涉及个人隐私。" in html
    assert "三、听证人员：听证主持人王立新；听证员陈红梅、刘志强、赵晓燕。" in html
    assert "参加听证时请携带" not in html
    assert '<p class="signature-date">2025年3月8日</p>' in html


def test_data_is_escaped_and_never_evaluated(
    renderer: DocumentRenderer, make_notice: Callable[..., dict[str, Any]]
) -> None:
    context = make_notice(
        petitioner_name="<script>alert(1)</script>张三",
        matter_summary="{{ 7 * 7 }}{% include 'base_document.html' %}",
        venue='听证室" onload="x',
    )
    html = renderer.html(NOTICE, context, personal_data=True)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;张三：" in html
    assert "关于{{ 7 * 7 }}{% include &#39;base_document.html&#39; %}的信访事项" in html
    assert "49" not in html
    assert "听证室&#34; onload=&#34;x" in html


def test_without_personal_data_permission_the_petitioner_is_masked(
    renderer: DocumentRenderer, make_notice: Callable[..., dict[str, Any]]
) -> None:
    # ``_render`` in the data cannot grant the permission: the renderer's flag decides.
    context = make_notice(_render={"personal_data": True})
    html = renderer.html(NOTICE, context)
    assert '<p class="salutation">张*国：</p>' in html
    assert "张建国" not in html
    assert "听证主持人王立新" in html  # officials acting in office are not masked


def test_override_directory_wins_over_plugins_and_core(tmp_path: Path) -> None:
    override, plugin = tmp_path / "override", tmp_path / "plugin"
    write(override, NOTICE, "override notice for {{ petitioner_name }}")
    write(plugin, NOTICE, "plugin notice")
    write(plugin, "mediation/agreement.html", "调解协议书 {{ party }}")
    renderer = DocumentRenderer(template_dirs=[plugin], override_dir=override)
    assert renderer.html(NOTICE, {"petitioner_name": "李四"}) == "override notice for 李四"
    assert renderer.html("mediation/agreement.html", {"party": "甲方"}) == "调解协议书 甲方"

    listing = {info.name: info for info in renderer.available()}
    assert listing[NOTICE].origin == "override"
    assert listing[NOTICE].path == override / NOTICE
    assert listing[NOTICE].shadows == (plugin / NOTICE, CORE_TEMPLATE_DIR / NOTICE)
    assert listing["mediation/agreement.html"].origin == "plugin"
    assert listing["base_document.html"].origin == "core"
    assert listing["base_document.html"].partial
    assert listing["_layout/document.css"].partial
    assert not listing[NOTICE].partial


def test_override_can_extend_the_core_version_of_itself(
    tmp_path: Path, make_notice: Callable[..., dict[str, Any]]
) -> None:
    write(
        tmp_path,
        NOTICE,
        '{% extends "core:hearing/notice.html" %}{% block doc_title %}信访事项听证通知书{% endblock %}',
    )
    html = DocumentRenderer(override_dir=tmp_path).html(NOTICE, make_notice(), personal_data=True)
    assert '<h1 class="doc-title">信访事项听证通知书</h1>' in html
    assert "一、听证时间：2025年3月20日（星期四）上午9时30分。" in html


def test_override_of_the_base_layout_applies_to_every_document(
    tmp_path: Path, make_notice: Callable[..., dict[str, Any]]
) -> None:
    write(tmp_path, "_layout/document.css", ".doc-title { color: #c00; }")
    html = DocumentRenderer(override_dir=tmp_path).html(NOTICE, make_notice(), personal_data=True)
    assert ".doc-title { color: #c00; }" in html
    assert "GB/T 9704" not in html


def test_missing_template_is_a_clear_not_found_error(renderer: DocumentRenderer) -> None:
    with pytest.raises(DocumentTemplateNotFound) as caught:
        renderer.html("hearing/no_such_document.html", {})
    error = caught.value
    assert isinstance(error, NotFound) and isinstance(error, HearingError)
    assert error.status == 404
    assert "document template 'hearing/no_such_document.html' not found" in error.detail
    assert error.problem()["template"] == "hearing/no_such_document.html"


def test_missing_parent_template_names_both(tmp_path: Path) -> None:
    write(tmp_path, "review/opinion.html", '{% extends "base_missing.html" %}')
    with pytest.raises(DocumentTemplateNotFound) as caught:
        DocumentRenderer(override_dir=tmp_path).html("review/opinion.html", {})
    assert caught.value.detail == (
        "document template 'review/opinion.html' needs template 'base_missing.html', which was not found"
    )


def test_syntax_error_names_template_and_line(tmp_path: Path) -> None:
    write(tmp_path, "hearing/record.html", "听证笔录\n{% if %}\n")
    with pytest.raises(DocumentTemplateError) as caught:
        DocumentRenderer(override_dir=tmp_path).html("hearing/record.html", {})
    error = caught.value
    assert error.status == 500
    assert error.detail.startswith(
        "document template 'hearing/record.html' failed (hearing/record.html, line 2): "
    )
    assert error.line == 2


def test_undefined_context_key_names_the_key_and_the_line(
    renderer: DocumentRenderer, make_notice: Callable[..., dict[str, Any]]
) -> None:
    context = make_notice()
    del context["venue"]
    with pytest.raises(DocumentTemplateError) as caught:
        renderer.html(NOTICE, context)
    error = caught.value
    assert "'venue' is undefined" in error.detail
    assert error.where == NOTICE
    source_lines = (CORE_TEMPLATE_DIR / NOTICE).read_text(encoding="utf-8").splitlines()
    assert error.line is not None and "{{ venue }}" in source_lines[error.line - 1]


def test_bad_value_for_a_filter_is_a_template_error(
    renderer: DocumentRenderer, make_notice: Callable[..., dict[str, Any]]
) -> None:
    with pytest.raises(DocumentTemplateError) as caught:
        renderer.html(NOTICE, make_notice(hearing_at="next Tuesday"))
    assert "not an ISO 8601 date or time: 'next Tuesday'" in caught.value.detail


def test_templates_are_sandboxed(tmp_path: Path) -> None:
    write(tmp_path, "evil.html", "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(DocumentTemplateError) as caught:
        DocumentRenderer(override_dir=tmp_path).html("evil.html", {})
    assert "evil.html" in caught.value.detail


def test_missing_override_directory_is_fine_but_missing_plugin_directory_is_not(tmp_path: Path) -> None:
    renderer = DocumentRenderer(override_dir=tmp_path / "not-created-yet")
    assert NOTICE in {info.name for info in renderer.available()}
    with pytest.raises(StartupError, match="plugin template directory does not exist"):
        DocumentRenderer(template_dirs=[tmp_path / "missing"])


def test_override_edits_apply_without_restart(tmp_path: Path) -> None:
    path = write(tmp_path, "reception/notice.html", "第一版")
    renderer = DocumentRenderer(override_dir=tmp_path)
    assert renderer.html("reception/notice.html", {}) == "第一版"
    path.write_text("第二版", encoding="utf-8")
    stat = path.stat()
    # Jinja compares modification times; make sure the edit is visibly newer.
    import os

    os.utime(path, (stat.st_atime, stat.st_mtime + 5))
    assert renderer.html("reception/notice.html", {}) == "第二版"
