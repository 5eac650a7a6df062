"""Document services against a real database: render, permissions, masking, audit, docket, calendar."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hearing_support import HEARING_DAY, Story, make_user

from hearing_core.audit.tables import AuditEntry
from hearing_core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from hearing_core.hearings import service as hs
from hearing_core.hearings.documents import service as docs


async def audit_actions(case_id: int | None = None) -> list[dict[str, Any]]:
    query = AuditEntry.select(AuditEntry.action, AuditEntry.object_type, AuditEntry.object_id, AuditEntry.after,
                              AuditEntry.actor).order_by(AuditEntry.id)
    rows = await query.output(load_json=True).run()
    return [r for r in rows if case_id is None or r["object_id"] == str(case_id)]


async def conclude(story: Story) -> None:
    """Open, walk every phase, vote 2-1 on one issue, conclude on the spot, close, sign."""
    case_id, presiding, clerk = story.case_id, story.presiding, story.clerk
    await story.open()
    await hs.record_entry(clerk, case_id, speaker="赵记录", speaker_role="clerk", text="到场人员核对无误")
    await story.to("debate")
    await hs.record_entry(clerk, case_id, speaker="participant:1", text="请求按评估价补偿")
    await story.to("deliberation")
    await hs.define_issue(presiding, case_id, title="补偿标准是否合理")
    voters = [presiding, *story.officers]
    for i, voter in enumerate(voters):
        value = "reasonable" if i < 2 else "not_reasonable"
        await hs.cast_vote(voter, case_id, issue_no=1, value=value, opinion=f"意见{i + 1}")
    await hs.conclude(presiding, case_id, facts_found="补偿标准低于同期评估价", basis="征收补偿方案第五条",
                      recommendation="建议重新评估")
    await story.to("closed")
    stored = await hs.get_hearing(story.manager, case_id)
    for signatory in stored.case.signatories():
        if signatory.key == "participant:1":
            await hs.refuse_signature(clerk, case_id, signatory_key=signatory.key, note="信访人拒绝签名")
        else:
            await hs.sign_record(clerk, case_id, signatory_key=signatory.key)


async def test_notice_is_rendered_audited_and_masked_by_permission(
    story: Story, pdf_text: Callable[[bytes], str]
) -> None:
    await story.ready()
    pdf = await docs.render_document(story.manager, story.case_id, "notice", "pdf", participant=1)
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "张三：" in text and "2025年6月24日（星期二）上午9时" in text and "县信访局听证室" in text
    assert "听证主持人王主持" in text
    entries = [e for e in await audit_actions(story.case_id) if e["action"] in ("hearing.document", "personal_data.view")]
    assert [e["action"] for e in entries] == ["hearing.document", "personal_data.view"]
    assert entries[0]["after"]["kind"] == "notice" and entries[0]["after"]["personal_data"] is True

    leader = await make_user(story.app, "leader1", "leader")  # reads every hearing, no personal data
    html = await docs.render_document(leader, story.case_id, "notice", "html", participant=1)
    assert isinstance(html, str) and '<p class="salutation">张*：</p>' in html and "张三" not in html
    assert [e["action"] for e in await audit_actions(story.case_id)][-1] == "hearing.document"


async def test_scope_kind_format_and_participant_are_checked(story: Story) -> None:
    await story.ready()
    outsider = await make_user(story.app, "officer_x", "hearing_officer")  # sits on no panel
    with pytest.raises(NotFound):
        await docs.render_document(outsider, story.case_id, "notice", participant=1)
    nobody = await make_user(story.app, "nobody", "mediator")
    with pytest.raises(PermissionDenied):
        await docs.render_document(nobody, story.case_id, "record")
    with pytest.raises(ValidationFailed, match="kind"):
        await docs.render_document(story.manager, story.case_id, "minutes")
    with pytest.raises(ValidationFailed, match="format"):
        await docs.render_document(story.manager, story.case_id, "record", "docx")
    with pytest.raises(ValidationFailed, match="participant"):
        await docs.render_document(story.manager, story.case_id, "notice")
    with pytest.raises(Conflict, match="conclusion"):
        await docs.render_document(story.manager, story.case_id, "report")


async def test_record_and_report_of_a_concluded_hearing(story: Story, pdf_text: Callable[[bytes], str]) -> None:
    await story.ready()
    await conclude(story)
    record = pdf_text(await docs.render_document(story.clerk, story.case_id, "record"))
    for heading in ("一、核对到场人员", "九、最后陈述", "十、休会评议", "十二、闭会"):
        assert heading in record
    assert "赵记录（记录员）：到场人员核对无误" in record
    assert "拒绝签名。记录员注明：信访人拒绝签名" in record
    report = pdf_text(await docs.render_document(story.presiding, story.case_id, "report"))
    assert "补偿标准是否合理：听证组评议认为信访人的诉求合理。表决结果：合理2票，不合理1票（共3票）。" in report
    assert "少数意见：听证员听证员2认为不合理，理由：意见3。" in report
    assert "本报告应于2025年7月4日前送达各方当事人。" in report  # national: 10 days after the hearing


async def test_override_template_in_the_data_dir_wins(story: Story) -> None:
    await story.ready()
    override = Path(story.app.settings.templates_dir) / "hearing" / "announcement.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text("公告{{ doc_number }}：{{ petitioner_name|mask_name }}，{{ hearing_at|cn_date }}", encoding="utf-8")
    html = await docs.render_document(story.manager, story.case_id, "announcement", "html")
    assert html == f"公告县信听公〔2025〕{story.case_id}号：张*，2025年6月24日"


async def test_docket_csv_pdf_and_calendar(story: Story, pdf_text: Callable[[bytes], str]) -> None:
    await story.ready()
    data = await docs.docket(story.manager, HEARING_DAY, fmt="csv")
    assert isinstance(data, bytes) and data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1] == ["09:00-12:00", "县信访局听证室", f"县信听〔2025〕{story.case_id}号", "征地补偿款发放", "张三",
                       "王主持", "公开", "已排期"]
    leader = await make_user(story.app, "leader1", "leader")
    masked = (await docs.docket(leader, HEARING_DAY, venue="县信访局听证室", fmt="csv")).decode("utf-8-sig")
    assert "张*" in masked and "张三" not in masked
    assert len(list(csv.reader(io.StringIO((await docs.docket(leader, HEARING_DAY, venue="别处", fmt="csv"))
                                           .decode("utf-8-sig"))))) == 1
    pdf = await docs.docket(story.manager, HEARING_DAY)
    assert "听证日程表" in pdf_text(pdf) and "本日共1场听证。" in pdf_text(pdf)
    exports = [e for e in await audit_actions() if e["action"] == "export"]
    assert [e["after"]["masked"] for e in exports] == [False, True, True, False]

    by_venue = await docs.sittings(story.manager, HEARING_DAY, HEARING_DAY)
    assert by_venue["by"] == "venue" and by_venue["venues"][0]["venue"] == "县信访局听证室"
    by_officer = await docs.sittings(story.manager, HEARING_DAY, HEARING_DAY, officer=story.clerk.actor.username)
    (clerk,) = by_officer["officers"]
    assert clerk["name"] == "赵记录" and clerk["days"][0]["sittings"][0]["role_label"] == "记录员"
    everyone = await docs.sittings(story.manager, HEARING_DAY, HEARING_DAY, officer="*")
    assert len(everyone["officers"]) == 2 + len(story.officers)
    # A hearing officer sees only the hearings they sit on.
    outsider = await make_user(story.app, "officer_x", "hearing_officer")
    assert (await docs.sittings(outsider, HEARING_DAY, HEARING_DAY))["venues"] == []
