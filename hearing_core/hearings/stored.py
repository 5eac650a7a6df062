"""A hearing case as stored (已保存的听证案件): the domain aggregate plus what only storage knows.

The domain's :class:`~hearing_core.hearings.domain.HearingCase` knows nothing of the register
reference of its matter, of versions or of contact data; :class:`StoredHearing` carries them
beside it. Services load one, run a domain command on ``stored.case`` and save it back; event
listeners (``hearing_case_opened``, ``hearing_scheduled``, ``hearing_concluded``,
``case_transitioned``) receive it as their ``case`` / ``obj``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from hearing_core.app import CHINA_TZ
from hearing_core.hearings.domain import CaseState, HearingCase, Phase, RuleId

__all__ = ["Contact", "StoredHearing", "local"]


def local(moment: dt.datetime | None) -> dt.datetime | None:
    """A stored moment in China Standard Time (hearing days are local days)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=CHINA_TZ)
    return moment.astimezone(CHINA_TZ)


@dataclass
class Contact:
    """A participant's personal data (masked for readers without ``personal_data.read``)."""

    phone: str | None = None
    id_number: str | None = None

    def __bool__(self) -> bool:
        return bool(self.phone or self.id_number)


@dataclass
class StoredHearing:
    """A hearing case with its storage fields."""

    case: HearingCase
    matter_ref: str
    version: int = 0
    created_by: str = ""
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    #: Participant no -> contact data.
    contacts: dict[int, Contact] = field(default_factory=dict)
    #: Rows as last loaded or saved: ``{table: {key: values}}`` (the repository diffs against it).
    snapshot: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = field(default_factory=dict, repr=False)
    #: Row ids: ``{table: {key: id}}``.
    row_ids: dict[str, dict[tuple[Any, ...], int]] = field(default_factory=dict, repr=False)

    # -- convenience for services, views and event listeners ----------------------------------
    @property
    def id(self) -> int | None:
        return self.case.id

    @property
    def matter_id(self) -> int | None:
        return self.case.matter_id or None

    @property
    def state(self) -> CaseState:
        return self.case.state

    @property
    def phase(self) -> Phase | None:
        session = self.case.session
        return session.phase if session is not None else None

    @property
    def ref(self) -> str:
        """How people name a hearing: ``听证#12 (matter 2025-0001)``."""
        return f"听证#{self.id} ({self.matter_ref})"

    def on_panel(self, person_id: int | None, *roles: str) -> bool:
        """Whether ``person_id`` holds a seat now (in one of ``roles`` if given)."""
        if person_id is None:
            return False
        return any(m.person_id == person_id and (not roles or str(m.role) in roles) for m in self.case.panel.seated())

    def hearing_period(self) -> tuple[dt.date | None, dt.date | None]:
        """Days the hearing ran: from its first sitting to the day it ended (conclusion reached,
        terminated, or withdrawn after a postponed sitting). ``(None, None)`` before any sitting,
        ``(start, None)`` while it runs.

        The review plugin excludes this period from its decision clock (复核期限扣除听证时间).
        """
        case = self.case
        if not case.sessions:
            return None, None
        start = case.sessions[0].opened_at.date()
        if case.conclusion is not None and case.state in (CaseState.CONCLUDED, CaseState.REPORT_SERVED):
            return start, case.conclusion.reached_at.date()
        if case.termination is not None:
            return start, case.termination.on
        if case.withdrawal is not None:
            return start, case.withdrawal.on
        return start, None

    def report_rule(self) -> RuleId:
        on_spot = self.case.conclusion is not None and self.case.conclusion.on_spot
        return RuleId.CONCLUSION_ON_SPOT if on_spot else RuleId.CONCLUSION_LATER
