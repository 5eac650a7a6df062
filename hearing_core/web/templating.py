"""The pages' Jinja environment (页面模板): loaders, i18n, filters and chart helpers.

Templates are found, first match wins, in the instance's ``templates/``
directory (administrator overrides), the directories plugins register with
``register_template_dirs`` (their page templates live under ``<plugin>/web/``),
and the core's ``hearing_core/web/templates`` (``web/base.html`` and the core
pages). Autoescaping is on for every ``.html`` template.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.template.config import TemplateConfig
from markupsafe import Markup, escape

from hearing_core.web import i18n
from hearing_core.web.labels import (
    ACTION_LABELS,
    CLOCK_STATUS,
    EVENT_LABELS,
    STATE_LABELS,
    code_label,
    label,
    status_title,
)
from hearing_core.web.render import with_query

if TYPE_CHECKING:
    from hearing_core.app import HearingApp

__all__ = ["TEMPLATE_DIR", "build_environment", "template_config"]

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


def _lang(context: Context) -> str:
    lang = context.get("lang")
    return lang if isinstance(lang, str) else i18n.DEFAULT_LANG


@pass_context
def _date(context: Context, value: Any) -> str:
    return i18n.format_date(value, _lang(context))


@pass_context
def _datetime(context: Context, value: Any) -> str:
    return i18n.format_datetime(value, _lang(context))


def _table_filter(table: dict[str, str]) -> Any:
    @pass_context
    def apply(context: Context, code: Any) -> str:
        return label(table, code, _lang(context))

    return apply


@pass_context
def _status_title(context: Context, status: Any) -> str:
    return status_title(status, _lang(context))


@pass_context
def _coded(context: Context, code: Any, table: Any) -> str:
    return code_label(table, code, _lang(context))


@pass_context
def _can(context: Context, permission: str) -> bool:
    actor = context.get("actor")
    return bool(actor is not None and actor.has(permission))


@pass_context
def _csrf_field(context: Context) -> Markup:
    """The hidden CSRF input every form carries (``{{ csrf_field() }}``)."""
    from litestar.utils.scope.state import ScopeState

    token = context.get("login_csrf") or ""
    request = context.get("request")
    if not token and request is not None:
        token = ScopeState.from_scope(request.scope).csrf_token
    token = token if isinstance(token, str) else ""
    return Markup('<input type="hidden" name="_csrf_token" value="{}">').format(escape(token))


@pass_context
def _page_url(context: Context, **changes: Any) -> str:
    return with_query(str(context.get("path", "/")), context.get("query") or {}, **changes)


def build_environment(app: HearingApp) -> Environment:
    from hearing_core.documents import charts

    dirs = [app.settings.templates_dir, *app.template_dirs, TEMPLATE_DIR]
    env = Environment(
        loader=FileSystemLoader([str(d) for d in dirs]),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    i18n.install(env)
    env.filters.update(
        date=_date,
        datetime=_datetime,
        state=_table_filter(STATE_LABELS),
        action=_table_filter(ACTION_LABELS),
        event=_table_filter(EVENT_LABELS),
        clock_status=_table_filter(CLOCK_STATUS),
        coded=_coded,
        status_title=_status_title,
    )
    env.globals.update(
        can=_can,
        csrf_field=_csrf_field,
        page_url=_page_url,
        bar_chart_svg=charts.bar_chart_svg,
        line_chart_svg=charts.line_chart_svg,
        languages=tuple(i18n.LANGUAGES),
    )
    return env


def template_config(app: HearingApp) -> TemplateConfig[JinjaTemplateEngine]:
    """The litestar template config of the app (one engine for every page)."""
    return TemplateConfig(instance=JinjaTemplateEngine.from_environment(build_environment(app)))
