"""Document service (文书生成服务): official Chinese documents and reports as HTML and PDF.

Every feature produces its documents through :class:`DocumentRenderer`: the hearing
notice (听证通知书), announcement (听证公告), record (听证笔录) and report (听证报告),
the mediation agreement (调解协议书), the review opinion (复查意见书), the
leader-reception notice (接访公示), the annual statistics report and the daily docket.

Quick start::

    renderer = DocumentRenderer(template_dirs=plugin_dirs, override_dir=data_dir / "templates")
    html = renderer.html("hearing/notice.html", context, personal_data=True)
    pdf = await renderer.pdf_async("hearing/notice.html", context, personal_data=True)

See ``docs/documents.md`` for templates, context keys, filters and charts.

Importing this package does not import WeasyPrint; the first PDF does.
"""

from __future__ import annotations

from hearing_core.documents.charts import bar_chart_svg, line_chart_svg
from hearing_core.documents.errors import DocumentRenderError, DocumentTemplateError, DocumentTemplateNotFound
from hearing_core.documents.filters import (
    cn_date,
    cn_date_official,
    cn_datetime,
    cn_digits,
    cn_number,
    cn_time,
    cn_weekday,
    percent,
)
from hearing_core.documents.loader import CORE_TEMPLATE_DIR, TemplateInfo
from hearing_core.documents.masking import id_number, mask_id, mask_name, mask_phone, person_name, phone
from hearing_core.documents.renderer import DocumentRenderer, render_pdf_async
from hearing_core.documents.resources import FONT_FAMILY, FONT_FILE

__all__ = [
    "CORE_TEMPLATE_DIR",
    "FONT_FAMILY",
    "FONT_FILE",
    "DocumentRenderError",
    "DocumentRenderer",
    "DocumentTemplateError",
    "DocumentTemplateNotFound",
    "TemplateInfo",
    "bar_chart_svg",
    "cn_date",
    "cn_date_official",
    "cn_datetime",
    "cn_digits",
    "cn_number",
    "cn_time",
    "cn_weekday",
    "id_number",
    "line_chart_svg",
    "mask_id",
    "mask_name",
    "mask_phone",
    "percent",
    "person_name",
    "phone",
    "render_pdf_async",
]
