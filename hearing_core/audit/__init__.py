"""Tamper-evident audit log (审计日志)."""
