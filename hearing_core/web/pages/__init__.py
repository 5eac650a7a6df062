"""The core's pages (核心页面): dashboard, register, hearings, reports and administration."""

from __future__ import annotations

from typing import Any

__all__ = ["core_pages"]


def core_pages() -> list[Any]:
    from hearing_core.web import session
    from hearing_core.web.pages import (
        admin_system,
        admin_users,
        dashboard,
        hearing_console,
        hearing_votes,
        hearings,
        intake,
        items,
        matters,
        reports,
    )

    return [
        session.login_form,
        session.login_submit,
        session.logout,
        dashboard.dashboard,
        *intake.HANDLERS,
        *items.HANDLERS,
        *matters.HANDLERS,
        *reports.HANDLERS,
        *admin_users.HANDLERS,
        *admin_system.HANDLERS,
        *hearings.HANDLERS,
        *hearing_console.HANDLERS,
        *hearing_votes.HANDLERS,
    ]
