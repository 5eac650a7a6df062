"""The actions of the hearing pages (听证操作): each form's fields and the service call it makes.

Every action calls the same function of :mod:`hearing_core.hearings.service` as the API's
``POST /api/v1/hearings/{id}/<action>``. ``advance`` and ``skip`` carry the phase the page
showed: when the session has moved on since (a double click, the clerk's page out of date)
they are refused instead of acting on the next phase, so no phase is passed unseen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hearing_core.errors import Conflict
from hearing_core.hearings import service as hs
from hearing_core.web.i18n import N_
from hearing_core.web.pages.hearing_forms import MANAGE, Action, Field, at_day

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["ACTIONS", "CONCLUSION_ACTIONS", "CONSOLE_ACTIONS", "PAGE_ACTIONS"]

PRESIDING, CLERK = "presiding_officer", "clerk"
V = dict[str, Any]


async def _same_phase(ctx: ServiceContext, case_id: int, shown: str | None) -> None:
    stored = await hs.get_hearing(ctx, case_id)
    now = str(stored.phase) if stored.phase is not None else ""
    if (shown or "") != now:
        raise Conflict(f"the session is now in phase '{now or 'none'}', not '{shown or 'none'}': reload the console "
                       "and check the phase before moving on")


async def _advance(ctx: ServiceContext, case_id: int, v: V) -> Any:
    await _same_phase(ctx, case_id, v["phase"])
    return await hs.advance(ctx, case_id)


async def _skip(ctx: ServiceContext, case_id: int, v: V) -> Any:
    await _same_phase(ctx, case_id, v["phase"])
    return await hs.skip(ctx, case_id, reason=v["reason"], version=v.get("version"))


async def _schedule(ctx: ServiceContext, case_id: int, v: V) -> Any:
    return await hs.schedule(ctx, case_id, start=at_day(v["day"], v["start"], "start"),
                             end=at_day(v["day"], v["end"], "end"), venue=v["venue"], video_link=v["video_link"],
                             public=not v["closed"], closed_reason=v["closed_reason"], version=v.get("version"))


async def _resumption(ctx: ServiceContext, case_id: int, v: V) -> Any:
    return await hs.set_resumption(ctx, case_id, start=at_day(v["day"], v["start"], "start"),
                                   end=at_day(v["day"], v["end"], "end"), venue=v["venue"], version=v.get("version"))


async def _serve(ctx: ServiceContext, case_id: int, v: V) -> Any:
    everyone = v["recipient"] in (None, "all")
    return await hs.serve(ctx, case_id, document=v["document"], method=v["method"], proof_ref=v["proof_ref"],
                          recipients=() if everyone else [int(v["recipient"])], all_targets=everyone,
                          served_on=v["served_on"], version=v.get("version"))


async def _evidence(ctx: ServiceContext, case_id: int, v: V) -> Any:
    upload = v.get("file")
    files = [(upload.filename, await upload.read(), upload.content_type or "application/octet-stream")] if upload else []
    return await hs.submit_evidence(ctx, case_id, submitted_by_no=v["submitted_by_no"], kind=v["kind"],
                                    title=v["title"] or "", description=v["description"] or "", files=files,
                                    version=v.get("version"))


async def _cross_examine(ctx: ServiceContext, case_id: int, v: V) -> Any:
    def opinion(key: str) -> dict[str, str]:
        return {"stance": v[f"{key}_stance"] or "", "comment": v[f"{key}_comment"] or ""}

    return await hs.cross_examine(ctx, case_id, evidence_no=v["evidence_no"], by_no=v["by_no"],
                                  authenticity=opinion("authenticity"), relevance=opinion("relevance"),
                                  legality=opinion("legality"))


def _member(ctx: ServiceContext, case_id: int, v: V) -> Any:
    return hs.assign_member(ctx, case_id, role=v["role"], username=v["username"], pool_entry_id=v["pool_entry_id"],
                            version=v.get("version"))


def _replace(ctx: ServiceContext, case_id: int, v: V) -> Any:
    return hs.replace_member(ctx, case_id, seat=v["seat"], username=v["username"], pool_entry_id=v["pool_entry_id"],
                             version=v.get("version"))


def _opinion_fields(key: str, label: str) -> tuple[Field, Field]:
    return (Field(f"{key}_stance", label, "select", "stances", required=True),
            Field(f"{key}_comment", N_("Reason for the objection"), hint=N_("Required when objecting")))


_REASON = Field("reason", N_("Reason"), "textarea", required=True)
_DETAIL = Field("detail", N_("Details"), "textarea", required=True)
_SLOT = (Field("day", N_("Date"), "date", required=True), Field("start", N_("Starts at"), "time", required=True),
         Field("end", N_("Ends at"), "time", required=True), Field("venue", N_("Venue")))
_NOMINEE = (Field("username", N_("Username"), hint=N_("A user account, or a pool entry below")),
            Field("pool_entry_id", N_("Expert pool entry number"), "int"))

ACTIONS: dict[str, Action] = {a.name: a for a in (
    # -- the organ prepares the hearing ---------------------------------------------------------
    Action("consent", N_("Record the petitioner's reply"), lambda c, i, v: hs.consent(
        c, i, reply=v["reply"], on=v["on"], version=v.get("version")),
        (Field("reply", N_("Reply"), "select", "consent", required=True), Field("on", N_("Date"), "date", default="today")),
        gate=("give_consent", "refuse_consent")),
    Action("record_silence", N_("Record the effect of silence"), lambda c, i, v: hs.record_silence(
        c, i, version=v.get("version")), gate=("deem_accepted", "lapse_consent", "deem_consent")),
    Action("decide", N_("Decide on the application"), lambda c, i, v: hs.decide(
        c, i, accept=v["outcome"] == "accept", decided_by=v["decided_by"] or "", reasons=v["reasons"] or "",
        on=v["on"], version=v.get("version")),
        (Field("outcome", N_("Decision"), "select", "decision", required=True), Field("decided_by", N_("Decided by")),
         Field("reasons", N_("Reasons (required when refusing)"), "textarea"),
         Field("on", N_("Date"), "date", default="today")), gate=("accept", "refuse")),
    Action("add_participant", N_("Admit a participant"), lambda c, i, v: hs.add_participant(
        c, i, name=v["name"] or "", role=v["role"] or "", principal_no=v["principal_no"],
        power_of_attorney=v["power_of_attorney"], unit=v["unit"], phone=v["phone"], id_number=v["id_number"],
        version=v.get("version")),
        (Field("name", N_("Name"), required=True), Field("role", N_("Role"), "select", "participant_roles", required=True),
         Field("principal_no", N_("Acts for participant"), "select", "participants", number=True, blank=True),
         Field("power_of_attorney", N_("Power of attorney")), Field("unit", N_("Unit")), Field("phone", N_("Phone")),
         Field("id_number", N_("ID number"))), gate=("add_participant",)),
    Action("assign_member", N_("Seat a panel member"), _member,
           (Field("role", N_("Seat"), "select", "panel_roles", required=True), *_NOMINEE), gate=("assign_member",)),
    Action("schedule", N_("Schedule the hearing"), _schedule,
           (*_SLOT, Field("video_link", N_("Video link")), Field("closed", N_("Closed hearing"), "check"),
            Field("closed_reason", N_("Why closed"), "select", "closed_reasons", blank=True)),
           gate=("schedule", "reschedule")),
    Action("announce", N_("Record the public announcement"), lambda c, i, v: hs.announce(
        c, i, channel=v["channel"] or "", reference=v["reference"] or "", published_on=v["published_on"],
        version=v.get("version")),
        (Field("channel", N_("Published in"), required=True), Field("reference", N_("Reference number")),
         Field("published_on", N_("Published on"), "date", default="today")), gate=("announce",)),
    Action("serve", N_("Record service of a document"), _serve,
           (Field("document", N_("Document"), "select", "documents", required=True),
            Field("recipient", N_("Served on"), "select", "recipients", required=True),
            Field("method", N_("Method"), "select", "methods", required=True),
            Field("proof_ref", N_("Proof of service"), required=True),
            Field("served_on", N_("Served on (date)"), "date", default="today"))),
    Action("withdraw", N_("Record the withdrawal"), lambda c, i, v: hs.withdraw(
        c, i, reason=v["reason"] or "", on=v["on"], version=v.get("version")),
        (Field("reason", N_("Reason"), "textarea"), Field("on", N_("Date"), "date", default="today")),
        gate=("withdraw",), danger=True),
    Action("submit_evidence", N_("Record an evidence item"), _evidence,
           (Field("submitted_by_no", N_("Submitted by"), "select", "participants", number=True, required=True),
            Field("kind", N_("Kind"), "select", "evidence_kinds", required=True),
            Field("title", N_("Title"), required=True), Field("description", N_("Description"), "textarea"),
            Field("file", N_("File (optional)"), "file")), who=(MANAGE, PRESIDING, CLERK), gate=("submit_evidence",)),
    Action("request_recusal", N_("Record a recusal request"), lambda c, i, v: hs.request_recusal(
        c, i, seat=v["seat"], requested_by=v["requested_by"] or "", grounds=v["grounds"] or "",
        version=v.get("version")),
        (Field("seat", N_("Panel member"), "select", "seats", number=True, required=True),
         Field("requested_by", N_("Requested by"), required=True), Field("grounds", N_("Grounds"), "textarea", required=True)),
        who=(MANAGE, PRESIDING, CLERK), gate=("request_recusal",)),
    Action("decide_recusal", N_("Decide a recusal request"), lambda c, i, v: hs.decide_recusal(
        c, i, request_no=v["request_no"], granted=v["granted"] == "yes", capacity=v["capacity"] or "",
        reason=v["reason"] or "", decided_by=v["decided_by"] or "", version=v.get("version")),
        (Field("request_no", N_("Request"), "select", "recusals", number=True, required=True),
         Field("granted", N_("Granted"), "select", "yes_no", required=True),
         Field("capacity", N_("Decided as"), "select", "capacities", required=True),
         Field("decided_by", N_("Decided by")), Field("reason", N_("Reason (required when refused)"), "textarea")),
        who=(MANAGE, PRESIDING), gate=("decide_recusal",)),
    Action("replace_member", N_("Fill a vacated seat"), _replace,
           (Field("seat", N_("Seat"), "select", "vacant_seats", number=True, required=True), *_NOMINEE),
           who=(MANAGE, PRESIDING), gate=("replace_member",)),
    Action("serve_report", N_("Close the case: report served on every party"), lambda c, i, v: hs.serve_report(
        c, i, version=v.get("version")), gate=("serve_report",)),
    # -- the session --------------------------------------------------------------------------------
    Action("open_session", N_("Open the session"), lambda c, i, v: hs.open_session(c, i, version=v.get("version")),
           who=(PRESIDING,), gate=("open_session",)),
    Action("record_attendance", N_("Record attendance"), lambda c, i, v: hs.record_attendance(
        c, i, participant_no=v["participant_no"], present=v["present"] == "yes"),
        (Field("participant_no", N_("Participant"), "int", required=True),
         Field("present", N_("Present"), "select", "yes_no", required=True)),
        who=(PRESIDING, CLERK), gate=("record_attendance",), versioned=False),
    Action("advance", N_("Move on to the next phase"), _advance, (Field("phase", N_("Phase"), "hidden"),),
           who=(PRESIDING,), gate=("advance",), versioned=False),
    Action("skip", N_("Skip this phase, with the reason"), _skip, (Field("phase", N_("Phase"), "hidden"), _REASON),
           who=(PRESIDING,), gate=("skip",), versioned=False),
    Action("cross_examine", N_("Record a cross-examination opinion"), _cross_examine,
           (Field("evidence_no", N_("Evidence item"), "select", "evidence", number=True, required=True),
            Field("by_no", N_("Opinion of"), "select", "present", number=True, required=True),
            *_opinion_fields("authenticity", N_("Authenticity")), *_opinion_fields("relevance", N_("Relevance")),
            *_opinion_fields("legality", N_("Legality"))), who=(PRESIDING, CLERK), gate=("cross_examine",),
           versioned=False),
    Action("define_issue", N_("Frame a disputed issue"), lambda c, i, v: hs.define_issue(c, i, title=v["title"] or ""),
           (Field("title", N_("Disputed issue"), required=True),), who=(PRESIDING,), gate=("define_issue",),
           versioned=False),
    Action("find_evidence", N_("Record the panel's finding on evidence"), lambda c, i, v: hs.find_evidence(
        c, i, evidence_no=v["evidence_no"], admitted=v["admitted"] == "yes", reason=v["reason"] or ""),
        (Field("evidence_no", N_("Evidence item"), "select", "evidence", number=True, required=True),
         Field("admitted", N_("Admitted"), "select", "yes_no", required=True),
         Field("reason", N_("Reason (required when not admitted)"), "textarea")),
        who=(PRESIDING,), gate=("find_evidence",), versioned=False),
    Action("conclude", N_("Record the conclusion"), lambda c, i, v: hs.conclude(
        c, i, facts_found=v["facts_found"] or "", basis=v["basis"] or "", recommendation=v["recommendation"] or "",
        version=v.get("version")),
        (Field("facts_found", N_("Facts found"), "textarea", required=True),
         Field("basis", N_("Basis"), "textarea", required=True),
         Field("recommendation", N_("Recommendation to the deciding organ"), "textarea", required=True)),
        who=(PRESIDING,), gate=("conclude",)),
    Action("postpone", N_("Postpone the hearing"), lambda c, i, v: hs.postpone(
        c, i, reason=v["reason"] or "", detail=v["detail"] or "", version=v.get("version")),
        (Field("reason", N_("Reason"), "select", "postpone_reasons", required=True), _DETAIL),
        who=(MANAGE, PRESIDING), gate=("postpone",), danger=True),
    Action("suspend", N_("Suspend the session"), lambda c, i, v: hs.suspend(
        c, i, reason=v["reason"] or "", detail=v["detail"] or "", version=v.get("version")),
        (Field("reason", N_("Reason"), "select", "suspend_reasons", required=True), _DETAIL),
        who=(PRESIDING,), gate=("suspend",), danger=True),
    Action("set_resumption", N_("Set when the session resumes"), _resumption, _SLOT, who=(PRESIDING,),
           gate=("set_resumption",)),
    Action("resume", N_("Resume the session"), lambda c, i, v: hs.resume(c, i, version=v.get("version")),
           who=(PRESIDING,), gate=("resume",)),
    Action("terminate", N_("Terminate the hearing"), lambda c, i, v: hs.terminate(
        c, i, reason=v["reason"] or "", version=v.get("version")),
        (Field("reason", N_("Reason"), "select", "termination_reasons", required=True),),
        who=(PRESIDING,), gate=("terminate",), danger=True),
    # -- the record ---------------------------------------------------------------------------------
    Action("sign_record", N_("Record a signature"), lambda c, i, v: hs.sign_record(
        c, i, signatory_key=v["signatory_key"] or ""),
        (Field("signatory_key", N_("Signed by"), "select", "pending", required=True),),
        who=(PRESIDING, CLERK), gate=("sign_record",), versioned=False),
    Action("refuse_signature", N_("Note a refusal to sign"), lambda c, i, v: hs.refuse_signature(
        c, i, signatory_key=v["signatory_key"] or "", note=v["note"] or ""),
        (Field("signatory_key", N_("Refused by"), "select", "pending", required=True),
         Field("note", N_("How it happened"), "textarea", required=True)),
        who=(PRESIDING, CLERK), gate=("sign_record",), danger=True, versioned=False),
)}

PAGE_ACTIONS = ("consent", "record_silence", "decide", "add_participant", "assign_member", "request_recusal",
                "decide_recusal", "replace_member", "schedule", "announce", "serve", "submit_evidence",
                "open_session", "postpone", "withdraw")
CONSOLE_ACTIONS = ("advance", "skip", "define_issue", "find_evidence", "conclude", "submit_evidence",
                   "request_recusal", "decide_recusal", "replace_member", "add_participant", "set_resumption",
                   "resume", "suspend", "postpone", "terminate")
CONCLUSION_ACTIONS = ("sign_record", "refuse_signature", "serve", "serve_report")
