"""Hearing cases (听证案件)."""
