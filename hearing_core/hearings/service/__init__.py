"""Use cases of hearing cases (听证服务). Every function takes a ServiceContext.

* application — :func:`apply`, :func:`initiate`, :func:`consent`, :func:`decide`, :func:`record_silence`,
  :func:`withdraw`
* preparation — :func:`schedule`, :func:`announce`, :func:`serve`, :func:`add_participant`,
  :func:`assign_member`, :func:`replace_member`, :func:`request_recusal`, :func:`decide_recusal`
* session — :func:`open_session`, :func:`record_attendance`, :func:`advance`, :func:`skip`,
  :func:`record_entry`, :func:`postpone`, :func:`suspend`, :func:`set_resumption`, :func:`resume`,
  :func:`terminate`
* evidence — :func:`upload_attachment`, :func:`submit_evidence`, :func:`cross_examine`, :func:`find_evidence`,
  :func:`attachment`
* deliberation — :func:`define_issue`, :func:`cast_vote`, :func:`visible_votes`, :func:`conclude`
* record — :func:`sign_record`, :func:`refuse_signature`, :func:`finalise_record`, :func:`serve_report`
* queries — :func:`get_hearing`, :func:`show_hearing`, :func:`describe`, :func:`list_hearings`,
  :func:`calendar_view`, :func:`hearing_events`, :func:`hearings_for_matter`
* pool — :func:`add_expert`, :func:`update_expert`, :func:`list_experts`, :func:`add_booking`,
  :func:`list_bookings`, :func:`declare_unavailability`, :func:`list_unavailability`

State-changing functions return the :class:`~hearing_core.hearings.stored.StoredHearing` after
the change and accept ``version`` (the version the caller read; stale → 409).
"""

from __future__ import annotations

from hearing_core.hearings.service.application import (
    apply,
    consent,
    decide,
    initiate,
    record_silence,
    withdraw,
)
from hearing_core.hearings.service.deliberation import cast_vote, conclude, define_issue, visible_votes
from hearing_core.hearings.service.evidence import (
    attachment,
    cross_examine,
    find_evidence,
    submit_evidence,
    upload_attachment,
)
from hearing_core.hearings.service.pool import (
    add_booking,
    add_expert,
    declare_unavailability,
    list_bookings,
    list_experts,
    list_unavailability,
    update_expert,
)
from hearing_core.hearings.service.preparation import (
    add_participant,
    announce,
    assign_member,
    decide_recusal,
    replace_member,
    request_recusal,
    schedule,
    serve,
)
from hearing_core.hearings.service.queries import (
    calendar_view,
    describe,
    get_hearing,
    hearing_events,
    hearings_for_matter,
    list_hearings,
    show_hearing,
)
from hearing_core.hearings.service.record import finalise_record, refuse_signature, serve_report, sign_record
from hearing_core.hearings.service.session import (
    advance,
    open_session,
    postpone,
    record_attendance,
    record_entry,
    resume,
    set_resumption,
    skip,
    suspend,
    terminate,
)

__all__ = [
    "add_booking", "add_expert", "attachment", "upload_attachment", "add_participant", "advance", "announce", "apply", "assign_member",
    "calendar_view", "cast_vote", "conclude", "consent", "cross_examine", "decide", "decide_recusal",
    "declare_unavailability", "define_issue", "describe", "finalise_record", "find_evidence", "get_hearing",
    "hearing_events", "hearings_for_matter", "initiate", "list_bookings", "list_experts", "list_hearings",
    "list_unavailability", "open_session", "postpone", "record_attendance", "record_entry", "record_silence",
    "refuse_signature", "replace_member", "request_recusal", "resume", "schedule", "serve", "serve_report",
    "set_resumption", "show_hearing", "sign_record", "skip", "submit_evidence", "suspend", "terminate",
    "update_expert", "visible_votes", "withdraw",
]
