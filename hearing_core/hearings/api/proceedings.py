"""``/api/v1/hearings/{id}/...``: evidence and files, the session, deliberation, the record.

Who may do what is checked by the services: the presiding officer of the hearing runs the
session, its clerk keeps the record, each voting officer casts their own vote.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, get, post
from litestar.datastructures import UploadFile
from litestar.params import JSONBody, MultipartBody, PathParameter
from litestar.response import File

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.hearings import service as hs
from hearing_core.hearings.api import schemas as s
from hearing_core.hearings.views import plain

__all__ = ["ProceedingsController"]

CaseId = Annotated[int, PathParameter(ge=1, le=2**31 - 1)]
Sha256 = Annotated[str, PathParameter(min_length=64, max_length=64, pattern="^[0-9a-f]{64}$")]
READ, CONDUCT, VOTE = require("hearings.read"), require("hearings.conduct"), require("hearings.vote")


class ProceedingsController(Controller):
    path = "/api/v1/hearings/{case_id:int}"
    tags = ["hearings"]

    # -- evidence ---------------------------------------------------------------------------------
    @post("/files", opt=READ, summary="Upload a file to attach to evidence (multipart field 'data'); returns its digest")
    async def upload(self, ctx: Ctx, case_id: CaseId, data: MultipartBody[UploadFile]) -> dict[str, Any]:
        content = await data.read()
        return await hs.upload_attachment(ctx, case_id, content, filename=data.filename or "",
                                          media_type=data.content_type or "application/octet-stream")

    @get("/files/{sha256:str}", opt=READ, summary="Download an attachment of this hearing's evidence")
    async def download(self, ctx: Ctx, case_id: CaseId, sha256: Sha256) -> File:
        info, path = await hs.attachment(ctx, case_id, sha256)
        return File(path=path, filename=info["filename"] or sha256, media_type=info["media_type"])

    @post("/evidence", opt=READ, status_code=200, summary="Submit an evidence item (举证) with stored attachments")
    async def evidence(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Evidence]) -> dict[str, Any]:
        stored = await hs.submit_evidence(ctx, case_id, submitted_by_no=data.submitted_by_no, kind=data.kind,
                                          title=data.title, attachments=data.attachments,
                                          description=data.description, at=data.at, version=data.version)
        return await hs.describe(ctx, stored)

    @post("/cross-examine", opt=CONDUCT, status_code=200, summary="Record a party's opinion on an item (质证)")
    async def cross_examine(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.CrossExamine]) -> dict[str, Any]:
        opinion = {k: {"stance": v.stance, "comment": v.comment} for k, v in
                   (("authenticity", data.authenticity), ("relevance", data.relevance), ("legality", data.legality))}
        stored = await hs.cross_examine(ctx, case_id, evidence_no=data.evidence_no, by_no=data.by_no, at=data.at,
                                        version=data.version, **opinion)
        return await hs.describe(ctx, stored)

    @post("/findings", opt=CONDUCT, status_code=200, summary="The panel's finding on an item (认证)")
    async def finding(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Finding]) -> dict[str, Any]:
        stored = await hs.find_evidence(ctx, case_id, evidence_no=data.evidence_no, admitted=data.admitted,
                                        reason=data.reason, at=data.at, version=data.version)
        return await hs.describe(ctx, stored)

    # -- session ----------------------------------------------------------------------------------
    @post("/open", opt=CONDUCT, status_code=200, summary="Open the session")
    async def open(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Advance]) -> dict[str, Any]:
        return await hs.describe(ctx, await hs.open_session(ctx, case_id, at=data.at, version=data.version))

    @post("/attendance", opt=CONDUCT, status_code=200, summary="Record a participant present or absent")
    async def attendance(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Attendance]) -> dict[str, Any]:
        stored = await hs.record_attendance(ctx, case_id, participant_no=data.participant_no, present=data.present,
                                            version=data.version)
        return await hs.describe(ctx, stored)

    @post("/advance", opt=CONDUCT, status_code=200, summary="Enter the next phase")
    async def advance(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Advance]) -> dict[str, Any]:
        return await hs.describe(ctx, await hs.advance(ctx, case_id, at=data.at, version=data.version))

    @post("/skip", opt=CONDUCT, status_code=200, summary="Close a skippable phase unheld, with a reason")
    async def skip(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Skip]) -> dict[str, Any]:
        return await hs.describe(ctx, await hs.skip(ctx, case_id, reason=data.reason, at=data.at,
                                                    version=data.version))

    @post("/record", opt=CONDUCT, status_code=200, summary="Add a statement to the record (clerk)")
    async def record(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.RecordEntry]) -> dict[str, Any]:
        stored = await hs.record_entry(ctx, case_id, speaker=data.speaker, speaker_role=data.speaker_role,
                                       text=data.text, at=data.at, version=data.version)
        return await hs.describe(ctx, stored)

    @post("/postpone", opt=READ, status_code=200, summary="Postpone (延期)")
    async def postpone(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Postpone]) -> dict[str, Any]:
        return await hs.describe(ctx, await hs.postpone(ctx, case_id, reason=data.reason, detail=data.detail,
                                                        at=data.at, version=data.version))

    @post("/suspend", opt=CONDUCT, status_code=200, summary="Suspend the session (中止)")
    async def suspend(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Suspend]) -> dict[str, Any]:
        return await hs.describe(ctx, await hs.suspend(ctx, case_id, reason=data.reason, detail=data.detail,
                                                       at=data.at, version=data.version))

    @post("/resumption", opt=CONDUCT, status_code=200, summary="Set when a suspended session resumes")
    async def resumption(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Resumption]) -> dict[str, Any]:
        stored = await hs.set_resumption(ctx, case_id, start=data.start, end=data.end, venue=data.venue,
                                         video_link=data.video_link, version=data.version)
        return await hs.describe(ctx, stored)

    @post("/resume", opt=CONDUCT, status_code=200, summary="Resume the session")
    async def resume(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Advance]) -> dict[str, Any]:
        return await hs.describe(ctx, await hs.resume(ctx, case_id, at=data.at, version=data.version))

    @post("/terminate", opt=CONDUCT, status_code=200, summary="Terminate (终止): no-show or walk-out")
    async def terminate(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Terminate]) -> dict[str, Any]:
        return await hs.describe(ctx, await hs.terminate(ctx, case_id, reason=data.reason, at=data.at,
                                                         version=data.version))

    # -- deliberation -----------------------------------------------------------------------------
    @post("/issues", opt=CONDUCT, status_code=200, summary="Frame a disputed issue")
    async def issue(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Issue]) -> dict[str, Any]:
        return await hs.describe(ctx, await hs.define_issue(ctx, case_id, title=data.title, version=data.version))

    @post("/votes", opt=VOTE, status_code=200, summary="Cast your own secret vote on an issue")
    async def vote(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Vote]) -> dict[str, Any]:
        stored = await hs.cast_vote(ctx, case_id, issue_no=data.issue_no, value=data.value, opinion=data.opinion,
                                    at=data.at, version=data.version)
        return await hs.describe(ctx, stored)

    @get("/votes", opt=READ, summary="The votes you may see (yours until deliberation closes, all after)")
    async def votes(self, ctx: Ctx, case_id: CaseId) -> list[dict[str, Any]]:
        return plain(await hs.visible_votes(ctx, case_id))  # type: ignore[no-any-return]

    @post("/conclude", opt=CONDUCT, status_code=200, summary="Close deliberation with the conclusion (听证结论)")
    async def conclude(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Conclude]) -> dict[str, Any]:
        stored = await hs.conclude(ctx, case_id, facts_found=data.facts_found, basis=data.basis,
                                   recommendation=data.recommendation, at=data.at, version=data.version)
        return await hs.describe(ctx, stored)

    # -- record -----------------------------------------------------------------------------------
    @post("/sign", opt=CONDUCT, status_code=200, summary="Record a signature on the record")
    async def sign(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Sign]) -> dict[str, Any]:
        return await hs.describe(ctx, await hs.sign_record(ctx, case_id, signatory_key=data.signatory_key,
                                                           at=data.at, version=data.version))

    @post("/refuse-sign", opt=CONDUCT, status_code=200, summary="Note a refusal to sign")
    async def refuse_sign(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.RefuseSign]) -> dict[str, Any]:
        stored = await hs.refuse_signature(ctx, case_id, signatory_key=data.signatory_key, note=data.note,
                                           at=data.at, version=data.version)
        return await hs.describe(ctx, stored)

    @post("/finalise", opt=READ, status_code=200, summary="Confirm the record is final (signatures complete)")
    async def finalise(self, ctx: Ctx, case_id: CaseId) -> dict[str, Any]:
        return await hs.finalise_record(ctx, case_id)
