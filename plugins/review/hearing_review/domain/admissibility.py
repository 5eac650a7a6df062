"""The admissibility checklist (受理条件审查) of a review or re-review application.

Every ground is tested and reported, passed or not, so the officer sees the whole picture and
a non-acceptance notice (不予受理告知书) can name every reason. The grounds (reference §1.4,
§3.2; guangdong.md §2.5):

| ground | refused when |
|---|---|
| ``opinion_served`` | the challenged opinion has not been served yet: nothing to review |
| ``applicant`` | the applicant is neither a petitioner of the matter nor a lawful agent with an authorisation |
| ``window`` | received after the request window (``review.request_window`` / ``rereview.request_window``, counted by the deadline engine from service, force-majeure time not counted) |
| ``level`` | lodged with an organ that is not the next-higher organ of the one whose opinion is challenged |
| ``accepted_elsewhere`` | another application on the same opinion is already accepted, or another organ accepted it |
| ``statutory_route`` | the matter belongs to, or has entered, litigation, arbitration or administrative reconsideration |
| ``terminated`` | the matter is terminated (终结) |

The checklist is pure: the service gathers the facts (the register's opinion and its date of
service, the organ table, the window computed by the deadline engine, other applications, the
termination record) and this module judges them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hearing_core.deadlines import WindowCheck
from hearing_review.domain.organs import OrganHierarchy
from hearing_review.domain.text import zh_date
from hearing_review.domain.vocab import Capacity, ChallengedKind, Ground, Kind

__all__ = ["Applicant", "Challenged", "Checklist", "Facts", "GroundResult", "check"]


@dataclass(frozen=True)
class Applicant:
    """Who applies (申请人): the petitioner, or a lawful agent (委托代理人) acting for one."""

    name: str
    capacity: Capacity = Capacity.PETITIONER
    agent_of: str = ""
    authorisation: str = ""  # 授权委托书: what proves the agency
    id_number: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Challenged:
    """The opinion challenged (原处理意见 / 复查意见) as the register or this plugin knows it."""

    kind: ChallengedKind
    ref: str  # the register item (handling opinion) or the review application (review/redone opinion)
    matter_ref: str
    organ: str | None  # the organ that issued it
    served_on: date | None
    conclusion: str | None = None
    #: Names of the persons entitled to challenge it (the matter's petitioners).
    entitled: tuple[str, ...] = ()
    #: A statutory route the register recorded for the item (litigation, arbitration …).
    statutory_route: str | None = None


@dataclass(frozen=True)
class Facts:
    """Everything the checklist judges, gathered by the service."""

    kind: Kind
    received_on: date
    receiving_organ: str
    applicant: Applicant
    challenged: Challenged
    hierarchy: OrganHierarchy
    #: The request window as computed by the deadline engine (None while the opinion is unserved).
    window: WindowCheck | None = None
    force_majeure_days: int = 0
    #: Other applications on the same opinion already accepted (their refs).
    other_accepted: tuple[str, ...] = ()
    #: Declared by the officer: another organ accepted it (organ and date), or a statutory route.
    accepted_elsewhere: str = ""
    declared_route: str = ""
    #: The termination message, if the matter is terminated.
    terminated: str | None = None


@dataclass(frozen=True)
class GroundResult:
    """One line of the checklist: the ground, whether it passed, why (English and Chinese)."""

    ground: Ground
    passed: bool
    detail: str
    reason_zh: str = ""
    rule: str | None = None
    source: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"ground": self.ground.value, "label": self.ground.label, "passed": self.passed,
                "detail": self.detail, "reason_zh": self.reason_zh, "rule": self.rule, "source": self.source,
                "data": dict(self.data)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GroundResult:
        return cls(Ground(data["ground"]), bool(data["passed"]), data.get("detail", ""), data.get("reason_zh", ""),
                   data.get("rule"), data.get("source"), dict(data.get("data") or {}))


@dataclass(frozen=True)
class Checklist:
    """The checklist's results, in the order of :class:`Ground`."""

    results: tuple[GroundResult, ...]

    @property
    def admissible(self) -> bool:
        return all(r.passed for r in self.results)

    @property
    def failed(self) -> list[GroundResult]:
        return [r for r in self.results if not r.passed]

    @property
    def primary(self) -> Ground | None:
        """The first failed ground: the one the annual figures count a refusal under."""
        failed = self.failed
        return failed[0].ground if failed else None

    def as_list(self) -> list[dict[str, Any]]:
        return [r.as_dict() for r in self.results]

    @classmethod
    def from_list(cls, data: Sequence[dict[str, Any]] | None) -> Checklist:
        return cls(tuple(GroundResult.from_dict(d) for d in data or ()))


def _ok(ground: Ground, detail: str, zh: str, **kw: Any) -> GroundResult:
    # A passed ground is explained in Chinese too: the checklist page shows it to staff.
    return GroundResult(ground, True, detail, zh, **kw)


def _served(f: Facts) -> GroundResult:
    what = f.challenged.kind.label
    if f.challenged.served_on is None:
        return GroundResult(Ground.OPINION_SERVED, False, f"the {f.challenged.kind.value.replace('_', ' ')} of "
                            f"{f.challenged.ref} has not been served yet",
                            f"{what}尚未送达，不属于{f.kind.label}范围")
    if f.received_on < f.challenged.served_on:
        return GroundResult(Ground.OPINION_SERVED, False, f"received {f.received_on} before the opinion was served "
                            f"on {f.challenged.served_on}", f"{f.kind.label}请求早于{what}送达之日")
    return _ok(Ground.OPINION_SERVED, f"served on {f.challenged.served_on}",
               f"{what}已于{zh_date(f.challenged.served_on)}送达")


def _applicant(f: Facts) -> GroundResult:
    a, entitled = f.applicant, f.challenged.entitled
    if a.capacity is Capacity.PETITIONER:
        if not entitled or a.name in entitled:
            return _ok(Ground.APPLICANT, f"{a.name} is a petitioner of the matter", f"申请人{a.name}是该信访事项的信访人")
        return GroundResult(Ground.APPLICANT, False, f"{a.name} is not a petitioner of matter "
                            f"{f.challenged.matter_ref} (petitioners: {', '.join(entitled)})",
                            "申请人不是该信访事项的信访人")
    if not a.authorisation.strip():
        return GroundResult(Ground.APPLICANT, False, f"agent {a.name} produced no authorisation (授权委托书)",
                            "委托代理人未提交授权委托书")
    if entitled and a.agent_of not in entitled:
        return GroundResult(Ground.APPLICANT, False, f"agent {a.name} acts for '{a.agent_of}', who is not a "
                            f"petitioner of matter {f.challenged.matter_ref}", "被代理人不是该信访事项的信访人")
    return _ok(Ground.APPLICANT, f"{a.name}, agent of {a.agent_of}, with an authorisation",
               f"{a.name}受{a.agent_of}委托，已提交授权委托书")


def _window(f: Facts) -> GroundResult:
    w = f.window
    if w is None:
        return GroundResult(Ground.WINDOW, False, "no request window: the opinion has not been served",
                            f"{f.challenged.kind.label}尚未送达")
    d = w.deadline
    data = {"due": d.due.isoformat() if d.due else None, "served_on": d.start_date.isoformat(),
            "force_majeure_days": f.force_majeure_days}
    extra = f"（不可抗力耽误的{f.force_majeure_days}日不计入）" if f.force_majeure_days else ""
    extra_en = f", {f.force_majeure_days} force-majeure days not counted" if f.force_majeure_days else ""
    if w.within:
        return _ok(Ground.WINDOW, f"received {f.received_on}, within the window ending {d.due} ({d.rule_id}{extra_en})",
                   f"{f.kind.label}请求于{zh_date(f.received_on)}收到，在请求期限（截至{zh_date(d.due)}）内{extra}",
                   rule=d.rule_id, source=d.source, data=data)
    assert d.due is not None
    return GroundResult(
        Ground.WINDOW, False,
        f"received {f.received_on}, after the window ended on {d.due} ({d.rule_id}: {d.length} days from service "
        f"on {d.start_date}{extra_en}; {d.source})",
        f"{f.kind.label}请求于{zh_date(f.received_on)}收到，已超过自{f.challenged.kind.label}送达之日"
        f"（{zh_date(d.start_date)}）起{d.length}日的请求期限（截至{zh_date(d.due)}）{extra}",
        rule=d.rule_id, source=d.source, data=data)


def _level(f: Facts) -> GroundResult:
    lower, upper, h = f.challenged.organ, f.receiving_organ, f.hierarchy
    if lower is None or lower not in h:
        return GroundResult(Ground.LEVEL, False, f"the organ that issued the opinion ({lower or 'unknown'}) is not "
                            "in the organ table; add it before examining the application",
                            "无法确认原处理机关的上一级机关", rule="review.next_higher_organ")
    if h.is_next_higher(lower, upper):
        return _ok(Ground.LEVEL, f"{h.name(upper)} is the next-higher organ of {h.name(lower)}",
                   f"{h.name(upper)}是{h.name(lower)}的上一级机关",
                   rule="review.next_higher_organ")
    allowed = ", ".join(o.name for o in h.next_higher(lower)) or "none in the organ table"
    return GroundResult(
        Ground.LEVEL, False,
        f"{h.name(upper)} is not the next-higher organ of {h.name(lower)} (allowed: {allowed})",
        f"{h.name(upper)}不是{h.name(lower)}的上一级机关，请向{'或'.join(o.name for o in h.next_higher(lower)) or '有权机关'}提出",
        rule="review.next_higher_organ", source="《信访工作条例》(2022) 第35条、第36条；《信访条例》(2005) 第34条、第35条",
        data={"allowed": [o.code for o in h.next_higher(lower)]})


def _elsewhere(f: Facts) -> GroundResult:
    if f.other_accepted:
        refs = ", ".join(f.other_accepted)
        return GroundResult(Ground.ACCEPTED_ELSEWHERE, False, f"already accepted as {refs}",
                            f"同一{f.challenged.kind.label}的{f.kind.label}请求已经受理（{refs}）",
                            data={"refs": list(f.other_accepted)})
    if f.accepted_elsewhere.strip():
        return GroundResult(Ground.ACCEPTED_ELSEWHERE, False, f"accepted elsewhere: {f.accepted_elsewhere.strip()}",
                            f"该请求已由其他机关受理（{f.accepted_elsewhere.strip()}）")
    return _ok(Ground.ACCEPTED_ELSEWHERE, "not accepted elsewhere", "未由其他机关受理")


def _route(f: Facts) -> GroundResult:
    route = f.declared_route.strip() or (f.challenged.statutory_route or "")
    if route:
        return GroundResult(Ground.STATUTORY_ROUTE, False, f"the matter belongs to a statutory procedure: {route}",
                            "该事项属于或已经进入诉讼、仲裁、行政复议等法定途径，请依法定途径解决",
                            source="《信访工作条例》(2022) 第31条", data={"route": route})
    return _ok(Ground.STATUTORY_ROUTE, "no statutory procedure recorded", "未进入诉讼、仲裁、行政复议等法定途径")


def _terminated(f: Facts) -> GroundResult:
    if f.terminated:
        return GroundResult(Ground.TERMINATED, False, f"matter {f.challenged.matter_ref} is terminated",
                            f.terminated, rule="review.terminated")
    return _ok(Ground.TERMINATED, "matter not terminated", "该信访事项未终结")


def check(facts: Facts) -> Checklist:
    """Test every ground (none short-circuits) and return the checklist."""
    tests = (_served, _applicant, _window, _level, _elsewhere, _route, _terminated)
    results = tuple(t(facts) for t in tests)
    if facts.challenged.served_on is None:  # the window cannot fail on its own account then
        results = tuple(r for r in results if r.ground is not Ground.WINDOW)
    return Checklist(results)
