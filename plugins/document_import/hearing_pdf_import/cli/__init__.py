"""``hearing documents`` (文书导入): import files and forms, read them, the forms' review queue.

Every command calls the same service as the API, acting as ``--as USER`` (default: the
local administrator); every command that prints data has ``--json``. Services,
piccolo and pdfplumber are imported inside the commands, so ``hearing --help`` stays fast.
"""

from __future__ import annotations

import click

from hearing_pdf_import.cli.documents import add_document_commands
from hearing_pdf_import.cli.queue import queue

__all__ = ["documents"]


@click.group()
def documents() -> None:
    """Imported documents (文书导入): PDF letters, registration forms, case files."""


add_document_commands(documents)
documents.add_command(queue)
