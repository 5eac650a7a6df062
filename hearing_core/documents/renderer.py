"""Document renderer (文书生成器): one Jinja2 template → HTML for the browser and PDF for print.

Templates are looked up override → plugins → core (see :mod:`.loader`). Rendering is
sandboxed and autoescaped: data can never become markup or template code, and even an
administrator's template cannot reach Python internals. Undefined context keys raise
instead of leaving a silent blank in an official document.

PDF generation (WeasyPrint) costs about a second per document; async callers use
:meth:`DocumentRenderer.pdf_async` / :func:`render_pdf_async`, which run it in a worker
thread.
"""

from __future__ import annotations

import os
import threading
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from jinja2 import StrictUndefined, TemplateNotFound, TemplatesNotFound, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from hearing_core.documents import charts, filters, masking
from hearing_core.documents.errors import DocumentRenderError, DocumentTemplateError, DocumentTemplateNotFound
from hearing_core.documents.loader import TemplateInfo, TemplateSearchPath
from hearing_core.documents.resources import (
    FONT_DIR,
    FONT_FAMILY,
    FONT_STACK,
    LocalResourceFetcher,
    font_face_css,
)
from hearing_core.errors import HearingError

__all__ = ["DocumentRenderer", "render_pdf_async"]

Output = Literal["html", "pdf"]

_FILTERS = {
    name: getattr(module, name)
    for module in (filters, masking)
    for name in module.__all__
    if name not in ("personal_data_allowed", "reveal_personal_data")
}


def _finalize(value: Any) -> Any:
    # ``{{ optional_field }}`` prints nothing for None instead of the word "None".
    return "" if value is None else value


class DocumentRenderer:
    """Renders document templates (文书模板) to HTML and PDF.

    :param template_dirs: template directories registered by plugins, searched in order
        after ``override_dir`` and before the core defaults.
    :param override_dir: the administrator's override directory (usually
        ``<data dir>/templates``); may not exist yet.
    :param max_parallel_pdf: PDF renders allowed at the same time across threads
        (default: the number of CPUs); more wait, so a burst of requests cannot exhaust memory.
    :raises hearing_core.errors.StartupError: a plugin directory does not exist.
    """

    def __init__(
        self,
        template_dirs: Sequence[Path] = (),
        override_dir: Path | None = None,
        *,
        max_parallel_pdf: int | None = None,
    ) -> None:
        self.search_path = TemplateSearchPath.build(template_dirs, override_dir)
        self.env = SandboxedEnvironment(
            loader=self.search_path.jinja_loader(),
            autoescape=True,
            undefined=StrictUndefined,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=True,  # an administrator's edit to an override applies without a restart
        )
        self.env.filters.update(_FILTERS)
        self.env.globals.update(
            bar_chart_svg=charts.bar_chart_svg,
            line_chart_svg=charts.line_chart_svg,
            font_family=FONT_FAMILY,
            font_stack=FONT_STACK,
        )
        self._pdf_slots = threading.BoundedSemaphore(max_parallel_pdf or os.cpu_count() or 2)
        # WeasyPrint font configurations are not shareable between threads, but building
        # one per PDF re-reads the 5 MB font each time: keep one per worker thread.
        self._thread_state = threading.local()

    # ------------------------------------------------------------------ public API

    def html(self, template: str, context: Mapping[str, Any], *, personal_data: bool = False) -> str:
        """Render ``template`` with ``context`` to a complete HTML document (``<!DOCTYPE html>…``).

        :param personal_data: whether the viewer may see personal data; when ``False``
            (the default) the ``id_number``, ``phone`` and ``person_name`` filters mask.
        :raises DocumentTemplateNotFound: the template, or one it extends or includes, is missing.
        :raises DocumentTemplateError: the template has a syntax error, uses an undefined
            context key, or a filter rejected a value.
        """
        return self._render(template, context, output="html", personal_data=personal_data)[0]

    def pdf(self, template: str, context: Mapping[str, Any], *, personal_data: bool = False) -> bytes:
        """Render ``template`` to a PDF (A4, bundled CJK font embedded and subset).

        Blocking and CPU-bound; from async code use :meth:`pdf_async`.

        :raises DocumentTemplateNotFound, DocumentTemplateError: as for :meth:`html`.
        :raises DocumentRenderError: WeasyPrint could not lay out the HTML.
        """
        markup, filename = self._render(template, context, output="pdf", personal_data=personal_data)
        return self._write_pdf(template, markup, filename)

    async def pdf_async(
        self, template: str, context: Mapping[str, Any], *, personal_data: bool = False
    ) -> bytes:
        """:meth:`pdf` in a worker thread, so the event loop keeps serving requests meanwhile."""
        import anyio.to_thread  # litestar's own async runtime; works under asyncio and trio

        def work() -> bytes:
            return self.pdf(template, context, personal_data=personal_data)

        return await anyio.to_thread.run_sync(work)

    def available(self) -> list[TemplateInfo]:
        """Every template name and where it resolves from (override, plugin or core).

        Lets administrators see what they can override and what they already do: an
        entry whose ``origin`` is ``override`` and whose ``shadows`` is not empty replaces
        a shipped template.
        """
        return self.search_path.available()

    # ------------------------------------------------------------------ internals

    def _render(
        self, template: str, context: Mapping[str, Any], *, output: Output, personal_data: bool
    ) -> tuple[str, str | None]:
        """The rendered markup and the file of the template that produced it."""
        try:
            compiled = self.env.get_template(template)
            values = dict(context)
            # Set last, so data can never spoof what the template believes about the render.
            values["_render"] = {"output": output, "personal_data": personal_data, "template": template}
            with masking.reveal_personal_data(personal_data):
                return compiled.render(values), compiled.filename
        except HearingError:
            raise
        except (TemplateNotFound, TemplatesNotFound) as exc:
            raise DocumentTemplateNotFound(template, _missing_name(exc)) from exc
        except TemplateSyntaxError as exc:
            raise DocumentTemplateError(
                template, exc.message or str(exc), where=exc.name, line=exc.lineno
            ) from exc
        except Exception as exc:  # anything a template or filter raised: report it with its place
            where, line = self._locate(exc)
            raise DocumentTemplateError(
                template, f"{type(exc).__name__}: {exc}", where=where, line=line
            ) from exc

    def _locate(self, exc: BaseException) -> tuple[str | None, int | None]:
        """The innermost template file and line in the traceback (Jinja rewrites frames to them)."""
        found: tuple[str | None, int | None] = (None, None)
        for frame, line in traceback.walk_tb(exc.__traceback__):
            name = self.search_path.name_of(frame.f_code.co_filename)
            if name is not None:
                found = (name, line)
        return found

    def _font_config(self) -> Any:
        from weasyprint.text.fonts import FontConfiguration

        state = self._thread_state
        if getattr(state, "font_config", None) is None:
            state.font_config = FontConfiguration()
        return state.font_config

    def _write_pdf(self, template: str, markup: str, filename: str | None) -> bytes:
        from weasyprint import CSS, HTML

        # Relative URLs in a template (an image next to it) resolve from its own directory.
        directory = Path(filename).resolve().parent if filename else self.search_path.directories[-1]
        base_url = directory.as_uri() + "/"
        fetcher = LocalResourceFetcher([*self.search_path.directories, FONT_DIR])
        with self._pdf_slots:
            try:
                font_config = self._font_config()
                fonts = CSS(string=font_face_css(), font_config=font_config, url_fetcher=fetcher)
                document = HTML(string=markup, base_url=base_url, url_fetcher=fetcher)
                result = document.write_pdf(stylesheets=[fonts], font_config=font_config)
            except Exception as exc:
                raise DocumentRenderError(template, f"{type(exc).__name__}: {exc}") from exc
        if not isinstance(result, bytes):
            raise DocumentRenderError(template, "WeasyPrint returned no PDF data")
        return result


def _missing_name(exc: TemplateNotFound | TemplatesNotFound) -> str | None:
    if isinstance(exc, TemplatesNotFound) and exc.templates:
        return str(exc.templates[-1])
    return None if exc.name is None else str(exc.name)


async def render_pdf_async(
    renderer: DocumentRenderer, template: str, context: Mapping[str, Any], *, personal_data: bool = False
) -> bytes:
    """Render a PDF without blocking the event loop (same as ``await renderer.pdf_async(...)``)."""
    return await renderer.pdf_async(template, context, personal_data=personal_data)
