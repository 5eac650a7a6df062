"""Tamper-evident audit log (审计日志).

Modules: ``chain`` (canonical form and hashes), ``service`` (append inside the
caller's transaction), ``reads`` (audit reads of personal data and exports),
``query`` (filtered pages), ``verify`` (walk the chain, name the first broken entry).
"""
