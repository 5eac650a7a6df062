"""Errors of the document service (文书生成服务).

They subclass :mod:`hearing_core.errors` so the API and CLI report them like any other
domain error. Each names the template the caller asked for, and the template (and line)
where the problem is when that is a different file, e.g. a broken base layout that an
administrator overrode. Details never contain filesystem paths: problem details reach
end users, and the server layout is none of their business.
"""

from __future__ import annotations

from hearing_core.errors import HearingError, NotFound

__all__ = ["DocumentRenderError", "DocumentTemplateError", "DocumentTemplateNotFound"]


class DocumentTemplateNotFound(NotFound):
    """The requested template (文书模板), or one it extends or includes, does not exist."""

    title = "Document template not found"

    def __init__(self, template: str, missing: str | None = None) -> None:
        if missing is None or missing == template:
            detail = (
                f"document template '{template}' not found in the override directory, "
                "the plugin template directories or the core templates"
            )
        else:
            detail = f"document template '{template}' needs template '{missing}', which was not found"
        super().__init__(detail, template=template, missing=missing or template)
        self.template = template
        self.missing = missing or template


class DocumentTemplateError(HearingError):
    """A template failed to compile or to render: a bug in the template or its context.

    Status 500 because neither is the end user's fault: an administrator's override or
    a feature's code must be fixed.
    """

    status = 500
    title = "Document template error"

    def __init__(
        self, template: str, message: str, *, where: str | None = None, line: int | None = None
    ) -> None:
        location = ""
        if where is not None:
            location = f" ({where}" + (f", line {line}" if line is not None else "") + ")"
        super().__init__(
            f"document template '{template}' failed{location}: {message}",
            template=template,
            where=where,
            line=line,
        )
        self.template = template
        self.where = where
        self.line = line


class DocumentRenderError(HearingError):
    """The HTML rendered but the PDF engine (WeasyPrint) could not lay it out."""

    status = 500
    title = "Document rendering failed"

    def __init__(self, template: str, message: str) -> None:
        super().__init__(
            f"PDF rendering of document template '{template}' failed: {message}", template=template
        )
        self.template = template
