"""Language switching, the message catalogs, and the register_web_menu hook."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from web_support import HTML, form_login, new_client

from hearing_core.testing import ADMIN_PASSWORD

WEB = Path(__file__).resolve().parents[2] / "hearing_core" / "web"
CJK = r"[\u4e00-\u9fff]"


async def test_english_by_query_parameter_then_cookie(browser_as: Any) -> None:
    web = await browser_as("administrator")
    chinese = await web.get("/", headers=HTML)
    assert '<html lang="zh-CN">' in chinese.text and "工作台" in chinese.text
    english = await web.get("/?lang=en", headers=HTML)
    assert '<html lang="en">' in english.text and "Dashboard" in english.text and "Log out" in english.text
    assert any(c.startswith("hearing_lang=en") for c in english.headers.get_list("set-cookie"))
    again = await web.get("/register/new", headers=HTML)  # the cookie keeps English
    assert "Register a letter or a visit batch" in again.text and "Channel" in again.text
    back = await web.get("/register/new?lang=zh", headers=HTML)
    assert "登记来信来访" in back.text


def _catalog(lang: str) -> Any:
    from babel.messages.pofile import read_po

    with (WEB / "locale" / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh)


def test_every_message_of_the_pages_is_translated() -> None:
    """Extract with the same configuration as ``pybabel extract``; every id is in both catalogs."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (WEB / "babel.cfg").open() as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found = {message for _f, _l, message, _c, _x in extract_from_dir(str(WEB), method_map, options_map)}
    ids = {m if isinstance(m, str) else m[0] for m in found}
    assert len(ids) > 200
    for lang in ("zh_Hans", "en"):
        catalog = _catalog(lang)
        translated = {m.id: m.string for m in catalog if m.id and not m.fuzzy}
        missing = sorted(i for i in ids if not translated.get(i))
        assert not missing, f"{lang}: untranslated {missing[:10]}"
        stale = sorted(set(translated) - ids)
        assert not stale, f"{lang}: messages no longer used {stale[:10]}"
        if lang == "en":  # English pages speak English: the ids are English
            chinese = sorted(str(i) for i, text in translated.items() if re.search(CJK, str(text)))
            assert not chinese, f"en: Chinese in the English catalog {chinese[:5]}"


def test_compiled_catalogs_match_the_po_files() -> None:
    from babel.support import Translations

    for lang in ("zh_Hans", "en"):
        compiled = Translations.load(str(WEB / "locale"), [lang], "messages")
        for message in _catalog(lang):
            if message.id and isinstance(message.id, str):
                assert compiled.gettext(message.id) == message.string, f"{lang}: recompile ({message.id!r})"


PLUGIN_PACKAGES = sorted((WEB.parents[1] / "plugins").glob("*/hearing_*/web/babel.cfg"))


@pytest.mark.parametrize("cfg", PLUGIN_PACKAGES, ids=lambda p: p.parents[1].name)
def test_every_message_of_a_plugins_pages_is_in_its_own_catalog_or_the_cores(cfg: Path) -> None:
    """A plugin's message must not depend on another plugin's catalog having been loaded first
    (catalogs are process-wide): each is translated by the plugin's catalog or the core's."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg
    from babel.messages.pofile import read_po
    from babel.support import Translations

    package = cfg.parents[1]
    with cfg.open() as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found = {message for _f, _l, message, _c, _x in extract_from_dir(str(package), method_map, options_map)}
    ids = {m if isinstance(m, str) else m[0] for m in found}
    locale = package / "web" / "locale"
    for lang in ("zh_Hans", "en"):
        with (locale / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
            own = {m.id: m.string for m in read_po(fh) if m.id and not m.fuzzy}
        core = {m.id: m.string for m in _catalog(lang) if m.id and not m.fuzzy}
        missing = sorted(i for i in ids if not own.get(i) and not core.get(i))
        assert not missing, f"{package.name} {lang}: untranslated {missing[:10]}"
        stale = sorted(set(own) - ids)
        assert not stale, f"{package.name} {lang}: messages no longer used {stale[:10]}"
        compiled = Translations.load(str(locale), [lang], "messages")
        wrong = [i for i, text in own.items() if compiled.gettext(i) != text]
        assert not wrong, f"{package.name} {lang}: recompile the .mo ({wrong[:5]})"
        if lang == "en":  # English pages speak English: the ids are English
            chinese = sorted(i for i, text in own.items() if re.search(CJK, text) and not re.search(CJK, i))
            assert not chinese, f"{package.name} en: Chinese in the English catalog {chinese[:5]}"
        shadowed = sorted(i for i, text in own.items() if text and core.get(i) not in (None, "", text))
        assert not shadowed, f"{package.name} {lang}: the core's catalog wins for {shadowed[:5]}; use another message id"


def test_no_two_plugins_translate_one_message_differently() -> None:
    """Plugin catalogs are chained in the order the plugins load: a message two plugins translate
    differently would show whichever plugin loaded first, on both plugins' pages."""
    from babel.messages.pofile import read_po

    for lang in ("zh_Hans", "en"):
        seen: dict[str, tuple[str, str]] = {}
        for cfg in PLUGIN_PACKAGES:
            with (cfg.parent / "locale" / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
                for m in read_po(fh):
                    if not m.id or m.fuzzy or not m.string:
                        continue
                    first = seen.setdefault(m.id, (cfg.parents[1].name, m.string))
                    assert first[1] == m.string, (f"{lang}: {m.id!r} is {first[1]!r} in {first[0]} "
                                                  f"but {m.string!r} in {cfg.parents[1].name}")


class MenuPlugin:
    """A plugin page exactly as docs/web.md describes one."""

    def __init__(self, template_dir: Path) -> None:
        self.template_dir = template_dir

    from hearing_core import hookimpl

    @hookimpl
    def register_permissions(self) -> list[Any]:
        from hearing_core.contributions import Permission

        return [Permission("example_web.read", "see the example page", roles=("clerk",))]

    @hookimpl
    def register_template_dirs(self) -> list[Path]:
        return [self.template_dir]

    @hookimpl
    def register_web_menu(self, app: Any) -> list[Any]:
        from hearing_core.contributions import MenuEntry

        return [MenuEntry("示例页面", "Example page", "/example/page", "example_web.read", order=5, section="hearings")]

    @hookimpl
    def register_routes(self, app: Any) -> list[Any]:
        from web_example_pages import routes

        return routes()


@pytest.fixture
async def menu_app(make_app: Any, tmp_path: Path) -> Any:
    folder = tmp_path / "plugin_templates" / "example" / "web"
    folder.mkdir(parents=True)
    (folder / "page.html").write_text(
        '{% extends "web/base.html" %}{% block title %}示例{% endblock %}'
        "{% block content %}<h1>你好，{{ who }}</h1>{% endblock %}", encoding="utf-8")
    return await make_app(extra_plugins=[("example_web", MenuPlugin(tmp_path / "plugin_templates"))])


async def test_plugin_adds_a_menu_entry_and_a_page(menu_app: Any) -> None:
    from hearing_core.api import create_app
    from hearing_core.context import ServiceContext
    from hearing_core.security.actor import SYSTEM
    from hearing_core.security.service import create_user

    await create_user(ServiceContext(menu_app, SYSTEM), "clerk1", "password-123", ["clerk"])
    await create_user(ServiceContext(menu_app, SYSTEM), "leader1", "password-123", ["leader"])
    asgi = create_app(hearing_app=menu_app)
    async with new_client(asgi) as clerk, new_client(asgi) as leader:
        await form_login(clerk, "clerk1", "password-123")
        await form_login(leader, "leader1", "password-123")
        dashboard = await clerk.get("/", headers=HTML)
        assert "示例页面" in dashboard.text and 'href="/example/page"' in dashboard.text
        assert "听证" in dashboard.text  # the entry's section heading
        page = await clerk.get("/example/page", headers=HTML)
        assert page.status_code == 200 and "你好，clerk1" in page.text and 'aria-current="page"' in page.text
        broken = await clerk.get("/example/broken", headers=HTML)
        assert broken.status_code == 500 and "系统出错了" in broken.text and "RuntimeError" not in broken.text
        assert "示例页面" not in (await leader.get("/", headers=HTML)).text
        assert (await leader.get("/example/page", headers=HTML)).status_code == 403


async def test_menu_entries_are_checked_at_startup(make_app: Any) -> None:
    from hearing_core import hookimpl
    from hearing_core.api import create_app
    from hearing_core.contributions import MenuEntry
    from hearing_core.errors import StartupError

    class Clash:
        @hookimpl
        def register_web_menu(self, app: Any) -> list[Any]:
            return [MenuEntry("重复", "Clash", "/register/items", "petitions.read")]

    class Unknown:
        @hookimpl
        def register_web_menu(self, app: Any) -> list[Any]:
            return [MenuEntry("未知", "Unknown", "/unknown", "no.such.permission")]

    for plugin, match in ((Clash(), "registered by both"), (Unknown(), "unregistered permission")):
        app = await make_app(extra_plugins=[("bad_menu", plugin)])
        with pytest.raises(StartupError, match=match):
            create_app(hearing_app=app)


async def test_login_page_is_public_and_in_chinese(client: Any) -> None:
    page = await client.get("/login")
    assert page.status_code == 200 and "用户名" in page.text and "密码" in page.text
    assert (await form_login(client, "admin", ADMIN_PASSWORD)).status_code == 303
