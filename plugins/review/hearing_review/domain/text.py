"""Small text helpers for Chinese sentences (日期、句末标点)."""

from __future__ import annotations

from datetime import date

__all__ = ["sentence", "zh_date"]


def zh_date(d: date) -> str:
    """``2025年6月3日`` (the form used in notices and report sentences)."""
    return f"{d.year}年{d.month}月{d.day}日"


def sentence(text: str) -> str:
    """``text`` ending with Chinese punctuation, as a paragraph of an official document must."""
    text = text.strip()
    return text if not text or text[-1] in "。！？；…”）" else text + "。"
