"""Rule profiles (规则配置): load, inherit, validate and fingerprint ``profiles/*.toml``.

A profile is data, not code: which time limits and settings govern an instance (a county
bureau in Guangdong follows ``guangdong``, which ``extends`` ``national``). The format is
documented in ``docs/rule-profiles.md``. Every problem in a file is reported at once as
:class:`~hearing_core.errors.ValidationFailed` naming the file and the dotted key.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hearing_core.deadlines.profile_files import SHIPPED_DIR, Layer, discover, read_chain, read_toml
from hearing_core.deadlines.rules import (
    CLOCK_KEYS,
    PARAM_REQUIRED,
    RULE_REQUIRED,
    Direction,
    Param,
    ParamValue,
    Rule,
    Unit,
    check_choices,
    same_kind,
)
from hearing_core.errors import FieldError, NotFound, ValidationFailed

__all__ = [
    "DEFAULT_PROFILE", "SHIPPED_DIR", "Profile", "ProfileInfo", "available_profiles", "load_profile",
]

DEFAULT_PROFILE = "national"

# Params that are facts about a rule. Keeping them only on the rule means the engine
# (which sees rules) and the services (which read params) can never disagree.
_DERIVED: dict[str, tuple[str, str, Callable[[Rule], ParamValue]]] = {
    "review.extension_allowed": ("review.decision", "复查期限可否延长", lambda r: r.extension is not None),
    "review.excluded_pause_kinds": ("review.decision", "复查期限扣除的期间", lambda r: list(r.pauses)),
    "rereview.hearing_time_excluded": ("rereview.decision", "听证时间不计入复核期限", lambda r: "hearing" in r.pauses),
}


@dataclass(frozen=True)
class ProfileInfo:
    """A profile file's header, for listings (``hearing profiles``, the admin UI)."""

    name: str
    title: str
    extends: str | None
    description: str
    path: Path


@dataclass(frozen=True)
class Profile:
    """A resolved rule profile: inheritance applied, every rule and param validated."""

    name: str
    title: str
    description: str
    extends: str | None
    chain: tuple[str, ...]  # root first, e.g. ("national", "guangdong")
    paths: tuple[Path, ...]
    events: Mapping[str, str]
    rules: Mapping[str, Rule]
    params: Mapping[str, Param]
    _fingerprint: str = field(default="", repr=False)

    def rule(self, rule_id: str) -> Rule:
        try:
            return self.rules[rule_id]
        except KeyError:
            raise NotFound(f"rule {rule_id!r} is not defined in rule profile {self.name!r}") from None

    def param_info(self, param_id: str) -> Param:
        try:
            return self.params[param_id]
        except KeyError:
            raise NotFound(f"param {param_id!r} is not defined in rule profile {self.name!r}") from None

    def param(self, param_id: str) -> ParamValue:
        return self.param_info(param_id).value

    def fingerprint(self) -> str:
        """Short hash of everything that affects results; changes when any value changes."""
        return self._fingerprint

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "title": self.title, "description": self.description,
            "extends": self.extends, "chain": list(self.chain), "events": dict(self.events),
            "rules": {k: r.as_dict() for k, r in sorted(self.rules.items())},
            "params": {k: p.as_dict() for k, p in sorted(self.params.items())},
            "fingerprint": self._fingerprint,
        }


def available_profiles(extra_dirs: Iterable[str | Path] = ()) -> list[ProfileInfo]:
    """Every profile in the shipped directory and ``extra_dirs``, sorted by name."""
    infos = []
    for name, path in sorted(discover(extra_dirs).items()):
        data = read_toml(path)
        infos.append(ProfileInfo(name, str(data.get("title", "")), data.get("extends"),
                                 str(data.get("description", "")).strip(), path))
    return infos


def load_profile(name: str = DEFAULT_PROFILE, extra_dirs: Iterable[str | Path] = ()) -> Profile:
    """Load profile ``name`` from the shipped profiles or an instance directory."""
    files = discover(extra_dirs)
    layers = read_chain(name, files)
    events: dict[str, str] = {}
    rules: dict[str, dict[str, Any]] = {}
    params: dict[str, dict[str, Any]] = {}
    for layer in layers:
        _apply(layer, events, rules, params)
    leaf = layers[-1]
    built_rules = _build_rules(leaf.name, rules, events)
    built_params = {pid: _param(pid, p) for pid, p in params.items()}
    for pid, (rule_id, title, derive) in _DERIVED.items():
        if rule_id in built_rules:
            rule = built_rules[rule_id]
            built_params[pid] = Param(pid, derive(rule), title, "", rule.source, rule.confidence,
                                      f"derived from rules.{rule_id}", (), rule.origin, derived=True)
    profile = Profile(leaf.name, leaf.title, leaf.description, leaf.extends,
                      tuple(layer.name for layer in layers), tuple(layer.path for layer in layers),
                      dict(events), built_rules, built_params)
    payload = json.dumps({k: v for k, v in profile.as_dict().items() if k != "fingerprint"},
                         ensure_ascii=False, sort_keys=True).encode("utf-8")
    return replace(profile, _fingerprint=hashlib.sha256(payload).hexdigest()[:16])


# -- inheritance ----------------------------------------------------------------------------


def _apply(layer: Layer, events: dict[str, str], rules: dict[str, dict[str, Any]],
           params: dict[str, dict[str, Any]]) -> None:
    """Merge one file over its parent, key by key, and check what this file touched."""
    errors: list[FieldError] = []
    events.update(layer.events)
    for rid, table in layer.rules.items():
        merged = {**rules.get(rid, {}), **table}
        if "length" in table and "requires_config" not in table:
            merged.pop("requires_config", None)  # a child that gives the length configures it
        elif table.get("requires_config") is True:
            merged.pop("length", None)  # a child may withdraw a number it cannot vouch for
        if rid not in rules or CLOCK_KEYS & table.keys() or "source" in table:
            merged["_origin"] = layer.name
        rules[rid] = merged
    # After merging all, so rules may refer to ones defined later; a changed extension bound
    # also re-checks the rules that point at it.
    touched = set(layer.rules)
    touched |= {rid for rid, r in rules.items() if r.get("extension_rule") in touched}
    for rid in sorted(touched):
        errors += _check_rule(rid, rules[rid], events, rules)
    for pid, table in layer.params.items():
        if pid in _DERIVED:
            errors.append(FieldError(f"params.{pid}", f"is derived from rules.{_DERIVED[pid][0]}; set it there"))
            continue
        parent = params.get(pid)
        if parent is not None and "value" in table and not same_kind(parent["value"], table["value"]):
            errors.append(FieldError(f"params.{pid}.value", f"must stay of type {type(parent['value']).__name__} "
                                     f"like in profile {parent['_origin']!r}"))
        merged = {**(parent or {}), **table}
        if parent is None or "value" in table or "source" in table:
            merged["_origin"] = layer.name
        params[pid] = merged
        errors += [FieldError(f"params.{pid}.{k}", "required") for k in PARAM_REQUIRED if k not in merged]
        if "value" in merged:
            errors += check_choices(f"params.{pid}", merged["value"], tuple(merged.get("choices", ())))
    if errors:
        raise ValidationFailed(f"invalid rule profile {layer.path}", errors)


def _check_rule(rid: str, rule: Mapping[str, Any], events: Mapping[str, str],
                rules: Mapping[str, Mapping[str, Any]]) -> list[FieldError]:
    where = f"rules.{rid}"
    errors = [FieldError(f"{where}.{k}", "required") for k in RULE_REQUIRED if k not in rule]
    if "length" not in rule and not rule.get("requires_config", False):
        errors.append(FieldError(f"{where}.length", "required (or requires_config = true when no source gives one)"))
    if "start_event" in rule and rule["start_event"] not in events:
        errors.append(FieldError(f"{where}.start_event", f"unknown event {rule['start_event']!r}; declare it under [events]"))
    ext = rule.get("extension_rule")
    if ext is not None:
        target = rules.get(ext)
        if target is None:
            errors.append(FieldError(f"{where}.extension_rule", f"no rule {ext!r} in this profile"))
        elif target.get("direction", "after") != "after" or ext == rid or target.get("extension_rule"):
            # An extension bound is a plain clock; chains of bounds could loop and mean nothing.
            errors.append(FieldError(f"{where}.extension_rule",
                                     f"{ext!r} must be another rule running after its event, without an extension_rule"))
    if rule.get("direction") == "before" and (rule.get("pauses") or ext):
        errors.append(FieldError(where, "a rule counted before its event cannot have pauses or extensions"))
    return errors


def _build_rules(profile: str, raw: Mapping[str, Mapping[str, Any]], events: Mapping[str, str]) -> dict[str, Rule]:
    built: dict[str, Rule] = {}

    def build(rid: str) -> Rule:
        if rid not in built:
            r = raw[rid]
            ext = r.get("extension_rule")
            built[rid] = Rule(
                id=rid, title_zh=r["title_zh"], length=r.get("length"), unit=Unit(r["unit"]),
                direction=Direction(r.get("direction", "after")), start_event=r["start_event"],
                start_event_title=events[r["start_event"]], inclusive=r.get("inclusive", False),
                source=r["source"], confidence=r["confidence"], note=r.get("note", "").strip(),
                pauses=tuple(r.get("pauses", ())), extension=build(ext) if ext else None,
                profile=profile, origin=r["_origin"],
            )
        return built[rid]

    for rid in raw:
        build(rid)
    return dict(sorted(built.items()))


def _param(pid: str, p: Mapping[str, Any]) -> Param:
    return Param(pid, p["value"], p["title_zh"], p.get("unit", ""), p["source"], p["confidence"],
                 p.get("note", "").strip(), tuple(p.get("choices", ())), p["_origin"])

