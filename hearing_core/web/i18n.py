"""Translations of the web pages (界面翻译): Babel message catalogs, Chinese by default.

Templates and page modules are written with English message ids; the catalogs in
``locale/`` translate them to Simplified Chinese (``zh_Hans``, the default) and
English (``en``, mostly identity). The language of a request is chosen by the
``lang`` query parameter (which also sets the ``hearing_lang`` cookie), else the
cookie, else Chinese. Templates call ``_()`` / ``ngettext()`` through Jinja's
i18n extension; the callables read the language from the template context, so
one environment serves every language. Python code marks strings with
:func:`N_` (extracted, translated later) or translates at once with :func:`gettext`.

Workflow (docs/web.md): ``pybabel extract`` → ``pybabel update`` → edit the
``.po`` files → ``pybabel compile``; the compiled ``.mo`` files are committed and
a test checks they match the ``.po`` files.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context

__all__ = [
    "DEFAULT_LANG",
    "LANGUAGES",
    "LANG_COOKIE",
    "LOCALE_DIR",
    "N_",
    "add_catalog",
    "format_date",
    "format_datetime",
    "gettext",
    "install",
    "negotiate",
    "translations",
]

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
#: Short language code used in URLs and cookies → catalog locale (directory under ``locale/``).
LANGUAGES: dict[str, str] = {"zh": "zh_Hans", "en": "en"}
#: The tag for ``<html lang>``.
HTML_LANG = {"zh": "zh-CN", "en": "en"}
DEFAULT_LANG = "zh"
LANG_COOKIE = "hearing_lang"


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now (translated at render time)."""
    return message


#: Plugins' own catalog directories (same layout and domain as ``locale/``), see :func:`add_catalog`.
_PLUGIN_CATALOGS: list[Path] = []


def add_catalog(locale_dir: Path) -> None:
    """Use a plugin's own catalogs for the messages the core's catalogs lack.

    A plugin whose pages have messages of their own ships ``<package>/web/locale`` (extracted
    and compiled like the core's) and calls this when its routes are built. The core's
    translation wins when both have a message; adding a directory twice is harmless.
    """
    path = Path(locale_dir).resolve()
    if path not in _PLUGIN_CATALOGS:
        _PLUGIN_CATALOGS.append(path)
        translations.cache_clear()


@lru_cache(maxsize=8)
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog of ``lang`` (cached; a missing catalog falls back to the message ids),
    then the plugins' catalogs (:func:`add_catalog`) for the messages it lacks."""
    from babel.support import Translations

    locale = LANGUAGES.get(lang, LANGUAGES[DEFAULT_LANG])
    catalog = Translations.load(str(LOCALE_DIR), [locale], DOMAIN)
    for directory in _PLUGIN_CATALOGS:
        catalog.add_fallback(Translations.load(str(directory), [locale], DOMAIN))
    return catalog


def gettext(lang: str, message: str) -> str:
    return translations(lang).gettext(message)


def ngettext(lang: str, singular: str, plural: str, n: int) -> str:
    return translations(lang).ngettext(singular, plural, n)


def _lang_of(context: Context) -> str:
    lang = context.get("lang")
    return lang if isinstance(lang, str) and lang in LANGUAGES else DEFAULT_LANG


@pass_context
def _ctx_gettext(context: Context, message: str) -> str:
    return gettext(_lang_of(context), message)


@pass_context
def _ctx_ngettext(context: Context, singular: str, plural: str, n: int) -> str:
    return ngettext(_lang_of(context), singular, plural, n)


def install(env: Environment) -> None:
    """Add Jinja's i18n extension with callables that follow the context's ``lang``."""
    env.add_extension("jinja2.ext.i18n")
    # newstyle: autoescaped results and ``_("%(n)s items", n=3)`` formatting.
    env.install_gettext_callables(_ctx_gettext, _ctx_ngettext, newstyle=True)  # type: ignore[attr-defined]


def negotiate(query_lang: str | None, cookie_lang: str | None) -> tuple[str, bool]:
    """``(language, remember)``: the query parameter wins and is remembered in the cookie."""
    if query_lang in LANGUAGES:
        return str(query_lang), True
    if cookie_lang in LANGUAGES:
        return str(cookie_lang), False
    return DEFAULT_LANG, False


def format_date(value: Any, lang: str) -> str:
    """``2025年9月20日`` / ``Sep 20, 2025``; ISO strings are accepted; empty for ``None``."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        value = value.date()
    from babel.dates import format_date as babel_date

    return str(babel_date(value, format="medium", locale=LANGUAGES.get(lang, "zh_Hans")))


def format_datetime(value: Any, lang: str) -> str:
    """A moment in China time: ``2025年9月20日 14:30``; ISO strings are accepted."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(value, dt.datetime):
        return format_date(value, lang)
    from hearing_core.app import CHINA_TZ

    if value.tzinfo is not None:
        value = value.astimezone(CHINA_TZ)
    return f"{format_date(value.date(), lang)} {value:%H:%M}"
