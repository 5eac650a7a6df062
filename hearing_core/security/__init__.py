"""Accounts, roles, permissions and the acting user (账户与权限).

Modules: ``actor`` (who acts), ``roles`` (role/permission registry), ``passwords``
(Argon2id), ``service`` (account use cases), ``throttle`` and ``stores`` (login
rate limiting in a shared store), ``scope`` (object-level visibility as 404),
``masking`` and ``logfilter`` (personal data out of lists, logs and error bodies).
See docs/security.md.
"""
