"""Rules the hearing domain obeys (听证规则): profile parameters, deadlines and fixed rules.

The domain never imports the deadline engine or the rule profiles. It receives two small
protocols as arguments, and the service layer adapts the real engine to them:

* :class:`HearingRules` — the ``hearing.*`` parameters of the active rule profile as typed
  attributes, plus the source text of each parameter for error messages;
* :class:`DeadlineCalculator` — due dates of the ``hearing.*`` time-limit rules, counted by
  the profile's calendar (calendar or working days, holidays, paused intervals).

Rules that no profile varies (the presiding officer must not have investigated the case, a
refusal needs written reasons, ...) are :class:`DomainRule` values with a fixed source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Literal, Protocol, get_args

from hearing_core.errors import RuleViolation

__all__ = [
    "DOMAIN_RULE_SOURCES",
    "DeadlineCalculator",
    "DomainRule",
    "HearingRuleSet",
    "HearingRules",
    "ConsentSilenceMeans",
    "LateApplicationMeans",
    "Param",
    "RuleId",
    "SecretMatters",
    "SilenceMeans",
    "deadline_violation",
    "domain_violation",
    "param_violation",
]

SilenceMeans = Literal["none", "accepted"]
SecretMatters = Literal["closed", "forbidden"]
ConsentSilenceMeans = Literal["refusal", "consent"]
#: ``waived``: a late application is deemed waived (AH17, LocA, LocE); ``organ_decides``: it is
#: registered and the organ decides on it like any other, the lateness being on record.
LateApplicationMeans = Literal["waived", "organ_decides"]


class RuleId(StrEnum):
    """Time-limit rules of the profile, answered by a :class:`DeadlineCalculator`."""

    APPLICATION = "hearing.application"  # apply within N of being told of the right
    DECISION = "hearing.decision"  # decide whether to hold within N of the application
    HOLD_WITHIN = "hearing.hold_within"  # hold the hearing within N of the decision
    NOTICE = "hearing.notice"  # direction "before": serve notice at least N before the hearing
    CONSENT_REPLY = "hearing.consent_reply"  # petitioner answers an organ-initiated hearing
    CONCLUSION_ON_SPOT = "hearing.conclusion_on_spot"  # serve report when concluded at the session
    CONCLUSION_LATER = "hearing.conclusion_later"  # conclude and serve when not concluded there


class Param(StrEnum):
    """Non-time parameters of the profile, read from :class:`HearingRules`."""

    PANEL_MIN = "hearing.panel_min"
    PANEL_ODD = "hearing.panel_odd"
    REPRESENTATIVES_MAX = "hearing.representatives_max"
    AGENTS_MAX = "hearing.agents_max"
    DECISION_SILENCE_MEANS = "hearing.decision_silence_means"
    SECRET_MATTERS = "hearing.secret_matters"
    WITHDRAWAL_BARS_REAPPLICATION = "hearing.withdrawal_bars_reapplication"
    APPLICATION_LATE_MEANS = "hearing.application_late_means"
    PRESIDING_OFFICER_VOTES = "hearing.presiding_officer_votes"
    MANDATORY_ON_APPLICATION = "hearing.mandatory_on_application"
    ORGAN_INITIATED_NEEDS_CONSENT = "hearing.organ_initiated_needs_consent"
    CONSENT_SILENCE_MEANS = "hearing.consent_silence_means"


class HearingRules(Protocol):
    """The ``hearing.*`` parameters of the active profile (听证规则参数)."""

    @property
    def panel_min(self) -> int:
        """Fewest voting panel members."""

    @property
    def panel_odd(self) -> bool:
        """The voting panel must be odd (so a vote cannot tie)."""

    @property
    def representatives_max(self) -> int:
        """Most representatives for a multi-person matter."""

    @property
    def agents_max(self) -> int:
        """Most agents per principal (petitioner, representative or third party)."""

    @property
    def decision_silence_means(self) -> SilenceMeans:
        """``accepted``: no decision by the due date means the hearing is deemed accepted."""

    @property
    def secret_matters(self) -> SecretMatters:
        """``closed``: secret/privacy matters get a closed hearing; ``forbidden``: no hearing."""

    @property
    def withdrawal_bars_reapplication(self) -> bool:
        """A withdrawn application bars a new one on the same facts and reasons."""

    @property
    def application_late_means(self) -> LateApplicationMeans:
        """What a late application means."""

    @property
    def presiding_officer_votes(self) -> bool:
        """The presiding officer deliberates and votes as a member of the panel."""

    @property
    def mandatory_on_application(self) -> bool:
        """The organ must hold a hearing when the petitioner applies in time (LocB)."""

    @property
    def organ_initiated_needs_consent(self) -> bool:
        """An organ-initiated hearing waits for the petitioner's consent (AH17, SZ24)."""

    @property
    def consent_silence_means(self) -> ConsentSilenceMeans:
        """What no reply to a consent request within ``hearing.consent_reply`` means."""

    def source(self, param: str) -> str | None:
        """Where the profile took ``param`` from (instrument and article), if known."""


class DeadlineCalculator(Protocol):
    """Due dates of the profile's ``hearing.*`` time limits (期限计算)."""

    def due(self, rule_id: str, start: date, pauses: Sequence[tuple[date, date]] = ()) -> date:
        """Last day to act under ``rule_id`` when the period starts on ``start``."""

    def latest_before(self, rule_id: str, event: date) -> date:
        """Latest day to act under a "before" rule so that ``event`` keeps the full period."""

    def source(self, rule_id: str) -> str | None:
        """Where the profile took ``rule_id`` from (instrument and article), if known."""


@dataclass(frozen=True)
class HearingRuleSet:
    """A plain implementation of :class:`HearingRules`, for adapters and tests."""

    panel_min: int = 3
    panel_odd: bool = True
    representatives_max: int = 5
    agents_max: int = 2
    decision_silence_means: SilenceMeans = "none"
    secret_matters: SecretMatters = "closed"
    withdrawal_bars_reapplication: bool = False
    application_late_means: LateApplicationMeans = "waived"
    presiding_officer_votes: bool = True
    mandatory_on_application: bool = False
    organ_initiated_needs_consent: bool = True
    consent_silence_means: ConsentSilenceMeans = "refusal"
    sources: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A profile typo must fail when the rules are built, not when a hearing hits it.
        checks: list[tuple[str, object, tuple[object, ...]]] = [
            (Param.DECISION_SILENCE_MEANS, self.decision_silence_means, get_args(SilenceMeans)),
            (Param.SECRET_MATTERS, self.secret_matters, get_args(SecretMatters)),
            (Param.APPLICATION_LATE_MEANS, self.application_late_means, get_args(LateApplicationMeans)),
            (Param.CONSENT_SILENCE_MEANS, self.consent_silence_means, get_args(ConsentSilenceMeans)),
        ]
        for name, value, allowed in checks:
            if value not in allowed:
                raise ValueError(f"{name}: {value!r} is not one of {', '.join(map(str, allowed))}")
        if self.panel_min < 1 or self.representatives_max < 1 or self.agents_max < 0:
            raise ValueError("hearing.panel_min and hearing.representatives_max must be >= 1, agents_max >= 0")

    def source(self, param: str) -> str | None:
        return self.sources.get(str(param))


class DomainRule(StrEnum):
    """Rules no profile varies; each has a fixed source in :data:`DOMAIN_RULE_SOURCES`."""

    PRESIDING_NOT_INVESTIGATOR = "hearing.presiding_not_investigator"
    REFUSAL_REASONS = "hearing.refusal_reasons"
    POWER_OF_ATTORNEY = "hearing.power_of_attorney"
    PUBLIC_BY_DEFAULT = "hearing.public_by_default"
    PUBLIC_ANNOUNCEMENT = "hearing.public_announcement"
    RECUSAL_DECIDER = "hearing.recusal_decider"
    PANEL_COMPLETE = "hearing.panel_complete"
    ODD_VOTING_BODY = "hearing.odd_voting_body"
    ONE_SEAT_PER_PERSON = "hearing.one_seat_per_person"
    NO_ABSENTIA = "hearing.no_absentia"
    RESUMPTION_NOTICE = "hearing.resumption_notice"
    POSTPONEMENT_GROUNDS = "hearing.postponement_grounds"
    CROSS_EXAMINATION = "hearing.cross_examination"
    EVIDENCE_FINDING = "hearing.evidence_finding"
    DELIBERATION_COMPLETE = "hearing.deliberation_complete"
    RECORD_SIGNATURES = "hearing.record_signatures"
    REPORT_SERVICE = "hearing.report_service"


DOMAIN_RULE_SOURCES: dict[DomainRule, str] = {
    DomainRule.PRESIDING_NOT_INVESTIGATOR: "LocA Art. 12: the presiding officer did not investigate the case",
    DomainRule.REFUSAL_REASONS: "AH17: a refusal to hold a hearing is written and gives reasons",
    DomainRule.POWER_OF_ATTORNEY: "LocA Art. 14: an agent submits a power of attorney before the hearing",
    DomainRule.PUBLIC_BY_DEFAULT: "2005 Art. 31; LocA Art. 11: hearings are public unless a secret is involved",
    DomainRule.PUBLIC_ANNOUNCEMENT: "2005 Art. 31: hearings are held publicly, so they are announced",
    DomainRule.RECUSAL_DECIDER: "administrative-hearing analogue (reference §2.6): the organ head decides "
    "for the presiding officer and hearing officers, the presiding officer for others",
    DomainRule.PANEL_COMPLETE: "reference §2.5-2.6: a recused member is replaced before the panel sits",
    DomainRule.ODD_VOTING_BODY: "reference §2.7 step 10, §10.6: the panel decides by majority, "
    "which the odd number of officers implies",
    DomainRule.ONE_SEAT_PER_PERSON: "reference §2.5: one person holds one role in a hearing",
    DomainRule.NO_ABSENTIA: "LocA Art. 10; SD06 (reference §2.8): no hearing in the petitioner's absence",
    DomainRule.RESUMPTION_NOTICE: "LocC (reference §2.8): after a suspension the presiding officer sets a "
    "new time and notifies the participants",
    DomainRule.POSTPONEMENT_GROUNDS: "LocC (reference §2.8): postponement for force majeure, a recusal "
    "request at the session, or another stated reason",
    DomainRule.CROSS_EXAMINATION: "reference §2.7 step 6: evidence is cross-examined by the other parties",
    DomainRule.EVIDENCE_FINDING: "reference §2.7 step 10: the panel assesses the evidence when deliberating",
    DomainRule.DELIBERATION_COMPLETE: "reference §2.7 step 10, §10.6: every officer's view is recorded",
    DomainRule.RECORD_SIGNATURES: "reference §2.7 step 12: the record is signed, or refusal noted",
    DomainRule.REPORT_SERVICE: "LocC (reference §2.9): the written conclusion is served on the parties",
}


def _plain(extra: dict[str, Any]) -> dict[str, Any]:
    # Problem details are JSON: dates travel as ISO strings.
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in extra.items()}


def deadline_violation(calc: DeadlineCalculator, rule_id: RuleId, detail: str, **extra: Any) -> RuleViolation:
    """A breach of a profile time limit, naming the rule and the profile's source for it."""
    source = calc.source(rule_id)
    suffix = f" (rule {rule_id}" + (f", {source})" if source else ")")
    return RuleViolation(detail + suffix, rule=str(rule_id), source=source, **_plain(extra))


def param_violation(rules: HearingRules, param: Param, detail: str, **extra: Any) -> RuleViolation:
    """A breach of a profile parameter, naming the parameter and its source."""
    source = rules.source(param)
    suffix = f" (rule {param}" + (f", {source})" if source else ")")
    return RuleViolation(detail + suffix, rule=str(param), source=source, **_plain(extra))


def domain_violation(rule: DomainRule, detail: str, **extra: Any) -> RuleViolation:
    """A breach of a rule no profile varies."""
    source = DOMAIN_RULE_SOURCES[rule]
    return RuleViolation(f"{detail} (rule {rule}; {source})", rule=str(rule), source=source, **_plain(extra))
