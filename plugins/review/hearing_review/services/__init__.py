"""Use cases of review and re-review (复查、复核服务). Every function takes a ServiceContext.

* applications — :func:`submit`, :func:`get_application`, :func:`list_applications`, :func:`deadlines`
* admission — :func:`examine`, :func:`declare`, :func:`record_force_majeure`, :func:`accept`, :func:`refuse`
* decisions — :func:`decide`, :func:`serve`, :func:`record_redo`, :func:`withdraw`, :func:`add_pause`,
  :func:`end_pause`
* hearings — :func:`open_hearing`, :func:`link_hearing` (and the hearing event listeners)
* termination — :func:`terminate`, :func:`matter_status`, :func:`add_followup`
* organs — :func:`list_organs`, :func:`load_organs`
* documents — :func:`document` (opinion and non-acceptance notice, PDF or HTML)
"""

from __future__ import annotations

from hearing_review.services.admission import accept, declare, examine, record_force_majeure, refuse
from hearing_review.services.applications import deadlines, get_application, list_applications, submit
from hearing_review.services.decisions import add_pause, decide, end_pause, record_redo, serve, withdraw
from hearing_review.services.documents import document
from hearing_review.services.hearing_link import link_hearing, open_hearing
from hearing_review.services.organs import list_organs, load_organs
from hearing_review.services.termination import add_followup, matter_status, terminate

__all__ = [
    "accept", "add_followup", "add_pause", "deadlines", "decide", "declare", "document", "end_pause", "examine",
    "get_application", "link_hearing", "list_applications", "list_organs", "load_organs", "matter_status",
    "open_hearing", "record_force_majeure", "record_redo", "refuse", "serve", "submit", "terminate", "withdraw",
]
