"""Bundled font (内置字体) and the resource policy of the PDF engine.

Petition bureaus run on closed government networks and often on freshly installed
machines without any CJK font, where WeasyPrint would draw every Chinese character as a
box. The package therefore ships WenQuanYi Micro Hei (文泉驿微米黑, Apache-2.0 or
GPL-3+ with font exception, see ``fonts/``) and every PDF gets an ``@font-face`` rule
pointing at the file by ``file:`` URL, so WeasyPrint loads and subsets it whatever
fontconfig knows. Templates refer to it by :data:`FONT_FAMILY`.

Everything a template may load is local: :class:`LocalResourceFetcher` refuses network
URLs (which would hang on a closed network and could leak data) and files outside the
template and font directories.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

__all__ = [
    "FONT_DIR",
    "FONT_FAMILY",
    "FONT_FILE",
    "FONT_STACK",
    "LocalResourceFetcher",
    "font_face_css",
]

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILE = FONT_DIR / "wqy-microhei.ttc"
# A private family name: the bundled file always wins over a same-named system font of
# another version, and the PDF font name shows which one was used.
FONT_FAMILY = "Hearing WQY Micro Hei"
# For the HTML view in browsers, which cannot load the server's file: URL.
FONT_STACK = (
    f'"{FONT_FAMILY}", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", '
    '"Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
)


def font_face_css() -> str:
    """The ``@font-face`` rules that bind :data:`FONT_FAMILY` to the bundled font file.

    The same file is declared for normal and bold: the font has no bold face, and
    without a bold declaration Pango would fall back to a system font (or to boxes)
    for ``<strong>`` and headings. Templates emphasise by size, as 公文 do.
    """
    url = FONT_FILE.as_uri()
    return "\n".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{url}"); font-weight: {weight}; }}'
        for weight in ("normal", "bold")
    )


class LocalResourceFetcher:
    """WeasyPrint URL fetcher that only serves ``data:`` URLs and files under given roots.

    Built lazily on WeasyPrint's :class:`~weasyprint.URLFetcher` so importing this module
    does not import WeasyPrint (the CLI's ``--help`` must stay fast).
    """

    def __init__(self, roots: Iterable[Path]) -> None:
        from weasyprint import URLFetcher

        self._roots = tuple(Path(root).resolve() for root in roots)
        self._inner = URLFetcher(allowed_protocols=("file", "data"), timeout=5)

    def _allowed_file(self, url: str) -> bool:
        path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
        return any(path.is_relative_to(root) for root in self._roots)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> object:
        """Return the resource, or raise :class:`ValueError` (WeasyPrint logs and skips it)."""
        scheme = url.split(":", 1)[0].lower()
        if scheme == "file" and not self._allowed_file(url):
            raise ValueError(f"document resources must live in a template or font directory: {url}")
        if scheme not in ("file", "data"):
            raise ValueError(f"document resources must be local (file: or data: URLs): {url}")
        return self._inner.fetch(url, headers)

    def __call__(self, url: str) -> object:
        return self.fetch(url)

    # WeasyPrint's ``fetch()`` helper reads this attribute of the fetcher it is given.
    _fail_on_errors = False
