"""Accounts, roles, permissions and the acting user (账户与权限)."""
