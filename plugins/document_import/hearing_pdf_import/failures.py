"""Messages of each import failure code (导入失败提示), in one place.

Staff at a petition bureau read these, so each says what is wrong with the file
and what to do, in English with the Chinese term, plus a Chinese sentence for the
UI. ``detail`` adds a specific fact (a size, a limit) and never file content.
"""

from __future__ import annotations

from hearing_pdf_import.model import ErrorCode, ImportFailure

__all__ = ["failure"]

_MESSAGES: dict[ErrorCode, tuple[str, str]] = {
    ErrorCode.NOT_PDF: (
        "not a PDF (非PDF文件): the file does not start with '%PDF-'; upload the PDF itself, "
        "not a picture, Word file or web page renamed to .pdf",
        "该文件不是PDF文件，请上传PDF原件（不要把图片、Word文档或网页改名为.pdf）。",
    ),
    ErrorCode.TOO_LARGE: (
        "file too large (文件过大)",
        "文件超过导入限额，请拆分后再导入。",
    ),
    ErrorCode.ENCRYPTED: (
        "encrypted PDF (加密文件): it needs a password to open; give the password or upload "
        "an unencrypted copy",
        "该PDF已加密，需要密码才能打开，请提供密码或上传未加密的文件。",
    ),
    ErrorCode.NO_PAGES: (
        "the PDF has no pages (无页面)",
        "该PDF没有任何页面。",
    ),
    ErrorCode.TRUNCATED: (
        "truncated PDF (文件不完整): the end of the file is missing, probably an interrupted "
        "upload or download; upload it again",
        "文件不完整（可能上传或下载中断），请重新上传。",
    ),
    ErrorCode.TIMEOUT: (
        "reading the PDF took too long (解析超时) and was stopped",
        "解析该PDF用时过长，已中止。请检查文件或拆分后再导入。",
    ),
    ErrorCode.MEMORY: (
        "reading the PDF needed too much memory (内存超限) and was stopped; the file may be "
        "damaged or built to attack the server (e.g. a decompression bomb)",
        "解析该PDF所需内存超过限额，已中止；文件可能已损坏或含有恶意内容。",
    ),
    ErrorCode.PARSE_ERROR: (
        "the PDF could not be read (解析失败); the file is damaged or uses features the "
        "reader does not support",
        "无法解析该PDF，文件可能已损坏。",
    ),
}


def failure(code: ErrorCode, detail: str | None = None) -> ImportFailure:
    """The failure for ``code``; ``detail`` (English) is appended to the English message."""
    message, message_zh = _MESSAGES[code]
    if detail:
        message = f"{message}: {detail}"
    return ImportFailure(code=code, message=message, message_zh=message_zh)
