"""ORM-free domain of review and re-review (复查、复核) and three-level termination (三级终结).

* :mod:`.vocab` — code lists (kinds, states, grounds, outcomes, termination reasons)
* :mod:`.machine` — the application's state machine
* :mod:`.organs` — the organ hierarchy (机关层级): who is the next-higher organ
* :mod:`.clocks` — request window, non-acceptance notice and decision clocks (deadline engine)
* :mod:`.admissibility` — the admissibility checklist (受理条件审查)
* :mod:`.application` — the application and its actions
* :mod:`.termination` — termination reasons, lapse checks, the refusal message
* :mod:`.stats` — annual figures and their Chinese sentences
"""

from __future__ import annotations

from hearing_review.domain.admissibility import Applicant, Challenged, Checklist, Facts, GroundResult, check
from hearing_review.domain.application import Decision, Evidence, Redo, ReviewApplication, redo_conclusions
from hearing_review.domain.clocks import (
    FORCE_MAJEURE,
    HEARING,
    Obstacle,
    decision_deadline,
    hearing_excluded,
    nonacceptance_deadline,
    request_window,
    window_deadline,
)
from hearing_review.domain.machine import APPLICATION
from hearing_review.domain.organs import Level, Organ, OrganHierarchy, parse_organs
from hearing_review.domain.termination import Termination, check_lapse, refusal_message
from hearing_review.domain.text import sentence, zh_date
from hearing_review.domain.vocab import (
    ApplicationState,
    Capacity,
    ChallengedKind,
    FollowUpKind,
    Ground,
    Kind,
    Outcome,
    TerminationReason,
)

__all__ = [
    "APPLICATION", "FORCE_MAJEURE", "HEARING", "Applicant", "ApplicationState", "Capacity", "Challenged",
    "ChallengedKind", "Checklist", "Decision", "Evidence", "Facts", "FollowUpKind", "Ground", "GroundResult", "Kind",
    "Level", "Obstacle", "Organ", "OrganHierarchy", "Outcome", "Redo", "ReviewApplication", "Termination",
    "TerminationReason", "check", "check_lapse", "decision_deadline", "hearing_excluded", "nonacceptance_deadline",
    "parse_organs", "redo_conclusions", "refusal_message", "request_window", "sentence", "window_deadline", "zh_date",
]
