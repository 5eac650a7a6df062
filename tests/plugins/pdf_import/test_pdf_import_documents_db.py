"""Importing documents through the services (SQLite, and PostgreSQL with -m db): storage, duplicates,
the mixed hostile batch, text and tables, search, attachments, permissions, events and audit."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any

import pdf_factory
import pytest
from hearing_pdf_import import services
from hearing_pdf_import.cli.documents import collect_files
from hearing_pdf_import.services import Source, Target
from import_support import EXPECTED, FAILED, LETTER_LINE, PDF_SETTINGS, Listener, TextImporterPlugin

from hearing_core.errors import NotFound, PermissionDenied, ValidationFailed

P = ("pdf_import",)


def sources(*paths: Path) -> list[Source]:
    return [Source(path=p, name=str(p)) for p in paths]


def stored_files(app: Any) -> set[str]:
    root = Path(app.settings.files_dir)
    return {p.name for p in root.glob("*/*") if p.is_file()} if root.exists() else set()


async def document_count() -> int:
    from hearing_pdf_import.db.tables import DocumentRow

    return int(await DocumentRow.count().run())


async def audit_actions(object_type: str = "document") -> list[str]:
    from hearing_core.audit.tables import AuditEntry

    rows = await AuditEntry.select(AuditEntry.action).where(AuditEntry.object_type == object_type).order_by(
        AuditEntry.id).run()
    return [r["action"] for r in rows]


async def test_letter_is_stored_with_its_text_its_bytes_an_event_and_an_audit_entry(
    make_app: Any, letter: Path
) -> None:
    listener = Listener()
    app = await make_app(plugins=P, extra=PDF_SETTINGS, extra_plugins=[("listener", listener)])
    from hearing_core.context import ServiceContext
    from hearing_core.security.service import actor_by_username

    ctx = ServiceContext(app, await actor_by_username(app, "admin"))
    [outcome] = await services.import_documents(ctx, sources(letter))
    digest = hashlib.sha256(letter.read_bytes()).hexdigest()
    assert (outcome.status, outcome.pages, outcome.sha256, outcome.importer) == ("ok", 1, digest, "pdf")
    assert outcome.id is not None and outcome.error is None

    text = await services.document_text(ctx, outcome.id)
    assert text["pages"][0]["status"] == "ok"
    assert LETTER_LINE in text["pages"][0]["text"]  # Chinese, full-width punctuation as drawn
    assert "(cid:" not in text["pages"][0]["text"]
    record = await services.get_document(ctx, outcome.id)
    assert (record["original_name"], record["size"], record["media_type"]) == ("letter.pdf", letter.stat().st_size,
                                                                               "application/pdf")
    assert record["imported_by"] == "admin" and record["page_list"][0]["chars"] > 100

    stored = Path(app.settings.files_dir) / digest[:2] / digest
    assert stored.read_bytes() == letter.read_bytes()  # content-addressed, byte for byte
    assert not list(stored.parent.glob(".*.tmp"))  # the atomic write left no temporary file
    assert listener.seen == [("letter.pdf", True, "admin")]  # inside the transaction, row visible
    assert await audit_actions() == ["document.import"]


async def test_reimporting_the_same_bytes_is_a_duplicate_under_any_name(
    admin_ctx: Any, letter: Path, tmp_path: Path
) -> None:
    [first] = await services.import_documents(admin_ctx, sources(letter))
    copy = tmp_path / "另存为.pdf"
    copy.write_bytes(letter.read_bytes())
    again = await services.import_documents(admin_ctx, sources(letter, copy))
    assert [(o.status, o.id, o.sha256) for o in again] == [("duplicate", first.id, first.sha256)] * 2
    assert await document_count() == 1
    listed = await services.list_documents(admin_ctx)
    assert listed["total"] == 1 and listed["items"][0]["pages"] == 1
    assert await audit_actions() == ["document.import"]  # a duplicate changes nothing


async def test_mixed_batch_reports_each_file_and_stores_only_the_good_ones(
    admin_ctx: Any, hearing_app: Any, batch_dir: Path
) -> None:
    files = list(collect_files((batch_dir,)))
    assert ".hidden.pdf" not in {p.name for p in files}
    seen: list[str] = []
    started = time.monotonic()
    outcomes = await services.import_documents(admin_ctx, sources(*files), on_result=lambda o: seen.append(o.path))
    assert time.monotonic() - started < 120  # the bomb hits its memory cap, nothing runs away
    assert sorted(seen) == sorted(str(p) for p in files)  # progress reported once per file
    by_name = {str(Path(o.path).relative_to(batch_dir)): o for o in outcomes}
    assert {name: (o.error["code"] if o.error else o.status) for name, o in by_name.items()} == EXPECTED
    for name in FAILED:
        failed = by_name[name]
        assert failed.id is None and failed.pages == 0
        assert failed.error and failed.error["message"] and failed.error["message_zh"]
    good = [o for name, o in by_name.items() if name not in FAILED]
    assert await document_count() == len(good)
    assert stored_files(hearing_app) == {o.sha256 for o in good}  # nothing written for a failed file
    assert [o.path for o in outcomes] == [str(p) for p in files]  # report in input order


async def test_a_page_without_text_layer_is_reported_as_such(admin_ctx: Any, batch_dir: Path) -> None:
    [outcome] = await services.import_documents(admin_ctx, sources(batch_dir / "c-blank.pdf"))
    assert outcome.status == "no_text" and any("no text layer" in n for n in outcome.notes)
    text = await services.document_text(admin_ctx, outcome.id)
    assert text["pages"] == [{"number": 1, "status": "no_text_layer", "text": "", "ocr": False, "confidence": None,
                              "note": text["pages"][0]["note"]}]
    assert "无文字层" in text["pages"][0]["note"]
    record = await services.get_document(admin_ctx, outcome.id)
    assert (record["status"], record["error_code"]) == ("no_text", "no_text_layer")


async def test_tables_are_stored_row_by_row(admin_ctx: Any, batch_dir: Path) -> None:
    [outcome] = await services.import_documents(admin_ctx, sources(batch_dir / "b-table.pdf"))
    tables = await services.document_tables(admin_ctx, outcome.id)
    assert [t["rows"] for t in tables["tables"]] == [[list(r) for r in pdf_factory.TABLE_ROWS]]
    assert tables["tables"][0]["page"] == 1 and tables["tables"][0]["strategy"] == "lines"


async def test_search_finds_text_in_pages_escapes_wildcards_and_pages_results(
    admin_ctx: Any, batch_dir: Path
) -> None:
    await services.import_documents(admin_ctx, sources(batch_dir / "a-letter.pdf", batch_dir / "b-table.pdf",
                                                       batch_dir / "sub" / "d-cid-letter.pdf"))
    found = await services.list_documents(admin_ctx, q="工业园区")
    # Newest first; within one batch files are stored as their extraction finishes (any order).
    assert sorted(d["original_name"] for d in found["items"]) == ["a-letter.pdf", "d-cid-letter.pdf"]
    assert [d["id"] for d in found["items"]] == sorted((d["id"] for d in found["items"]), reverse=True)
    assert all(d["matches"] == [1] and "工业园区" in d["snippet"] for d in found["items"])
    assert (await services.list_documents(admin_ctx, q="征地拆迁"))["total"] == 1  # only the table has it
    assert (await services.list_documents(admin_ctx, q="%"))["total"] == 0  # a wildcard is a character
    assert (await services.list_documents(admin_ctx, q="_"))["total"] == 0
    first = await services.list_documents(admin_ctx, page=1, per_page=2)
    second = await services.list_documents(admin_ctx, page=2, per_page=2)
    assert (first["total"], len(first["items"]), len(second["items"])) == (3, 2, 1)
    with pytest.raises(ValidationFailed) as bad:
        await services.list_documents(admin_ctx, per_page=500)
    assert [e.field for e in bad.value.errors] == ["per_page"]


async def test_documents_attach_to_a_matter_checked_before_any_file_is_read(
    admin_ctx: Any, letter: Path, batch_dir: Path
) -> None:
    from hearing_core.petitions.service import create_matter

    await create_matter(admin_ctx, "M-2025-7", "征地补偿款未发放")
    with pytest.raises(NotFound, match="M-404"):
        await services.import_documents(admin_ctx, sources(letter), target=Target(matter_ref="M-404"))
    assert await document_count() == 0
    [outcome] = await services.import_documents(admin_ctx, sources(letter), target=Target(matter_ref="M-2025-7"))
    assert outcome.attached == {"matter_ref": "M-2025-7"}
    assert (await services.list_documents(admin_ctx, matter_ref="M-2025-7"))["total"] == 1
    # Attaching a stored document later, and refusing a second matter.
    [table] = await services.import_documents(admin_ctx, sources(batch_dir / "b-table.pdf"))
    attached = await services.attach_document(admin_ctx, table.id, Target(matter_ref="M-2025-7"))
    assert attached.matter_ref == "M-2025-7" and attached.version == 2
    await create_matter(admin_ctx, "M-2025-8", "另一事项")
    [again] = await services.import_documents(admin_ctx, sources(letter), target=Target(matter_ref="M-2025-8"))
    assert again.status == "failed" and again.error["code"] == "already_attached" and again.id == outcome.id
    assert await audit_actions() == ["document.import", "document.import", "document.attach"]


async def test_documents_become_a_partys_evidence_in_a_hearing(admin_ctx: Any, letter: Path, batch_dir: Path) -> None:
    import datetime as dt

    from hearing_core.hearings import service as hs
    from hearing_core.petitions.service import create_matter

    await create_matter(admin_ctx, "M-2025-9", "征地补偿")
    case = await hs.apply(admin_ctx, matter_ref="M-2025-9", stage="handling", applicant_name="王某某",
                          grounds="请求听证", applied_on=dt.date(2025, 6, 2), told_of_right_on=dt.date(2025, 6, 1))
    with pytest.raises(ValidationFailed) as no_party:
        await services.import_documents(admin_ctx, sources(letter), target=Target(hearing_id=case.id))
    assert [e.field for e in no_party.value.errors] == ["party"]
    with pytest.raises(ValidationFailed):
        await services.import_documents(admin_ctx, sources(letter), target=Target(hearing_id=case.id, party=9))

    [outcome] = await services.import_documents(admin_ctx, sources(letter),
                                                target=Target(hearing_id=case.id, party=1))
    assert outcome.attached == {"matter_ref": "M-2025-9", "hearing_id": case.id, "evidence_no": 1}
    stored = await hs.get_hearing(admin_ctx, case.id)
    [evidence] = stored.case.evidence
    assert (evidence.title, evidence.attachments, evidence.submitted_by_no) == ("letter.pdf", (outcome.sha256,), 1)
    _info, path = await hs.attachment(admin_ctx, case.id, outcome.sha256)
    assert Path(path).read_bytes() == letter.read_bytes()
    # A stored document attached later through the same service.
    [table] = await services.import_documents(admin_ctx, sources(batch_dir / "b-table.pdf"))
    attached = await services.attach_document(admin_ctx, table.id, Target(hearing_id=case.id, party=1))
    assert attached.evidence_no == 2
    assert len((await hs.get_hearing(admin_ctx, case.id)).case.evidence) == 2
    # Re-importing a document that is already this hearing's evidence changes nothing.
    [again] = await services.import_documents(admin_ctx, sources(letter), target=Target(hearing_id=case.id, party=1))
    assert again.status == "duplicate" and len((await hs.get_hearing(admin_ctx, case.id)).case.evidence) == 2


async def test_permissions_follow_the_roles(ctx_for: Any, letter: Path) -> None:
    for role in ("clerk", "registrar", "handling_officer"):
        ctx = await ctx_for(role)
        [outcome] = await services.import_documents(ctx, sources(letter))
        assert outcome.status in ("ok", "duplicate")
    for role in ("auditor", "leader"):
        reader = await ctx_for(role)
        assert (await services.list_documents(reader))["total"] == 1
        with pytest.raises(PermissionDenied, match="documents.import"):
            await services.import_documents(reader, sources(letter))
    mediator = await ctx_for("mediator")
    with pytest.raises(PermissionDenied, match="documents.read"):
        await services.list_documents(mediator)
    with pytest.raises(PermissionDenied, match="documents.queue"):
        await services.list_queue(await ctx_for("clerk"))


async def test_a_third_party_importer_is_chosen_by_first_bytes_or_suffix(make_app: Any, tmp_path: Path,
                                                                        letter: Path) -> None:
    app = await make_app(plugins=P, extra=PDF_SETTINGS, extra_plugins=[("txt_importer", TextImporterPlugin())])
    assert set(app.importers) == {"pdf", "txt"}
    from hearing_core.context import ServiceContext
    from hearing_core.security.service import actor_by_username

    ctx = ServiceContext(app, await actor_by_username(app, "admin"))
    note = tmp_path / "来信摘录.txt"
    note.write_text("Hello World：信访人张三，身份证号440305198001011235。\f第二页", encoding="utf-8")
    magic = tmp_path / "scan.dat"
    magic.write_bytes("TXT:按内容识别".encode())
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    unknown = tmp_path / "archive.bin"
    unknown.write_bytes(b"\x00" * 64)
    outcomes = await services.import_documents(ctx, sources(note, magic, letter, binary, unknown))
    assert [(o.importer, o.status) for o in outcomes[:3]] == [("txt", "ok"), ("txt", "ok"), ("pdf", "ok")]
    assert outcomes[3].error["code"] == "not_text" and outcomes[4].error["code"] == "unsupported"
    assert outcomes[0].pages == 2
    text = await services.document_text(ctx, outcomes[0].id)
    assert text["pages"][0]["text"].startswith("Hello World：信访人张三")
    assert (await services.document_tables(ctx, outcomes[0].id))["tables"][0]["rows"] == [["甲", "乙"], ["1", "2"]]
    found = await services.list_documents(ctx, q="hello world")  # case-insensitive for Latin letters
    assert [d["id"] for d in found["items"]] == [outcomes[0].id]


async def test_text_of_a_reader_without_personal_data_permission_is_masked(
    make_app: Any, tmp_path: Path
) -> None:
    app = await make_app(plugins=P, extra=PDF_SETTINGS, extra_plugins=[("txt_importer", TextImporterPlugin())])
    from hearing_core.context import ServiceContext
    from hearing_core.security.actor import SYSTEM
    from hearing_core.security.service import actor_by_username, create_user

    await create_user(ServiceContext(app, SYSTEM), "audit1", "user-password-1", ["auditor"], "审计")
    admin = ServiceContext(app, await actor_by_username(app, "admin"))
    auditor = ServiceContext(app, await actor_by_username(app, "audit1"))
    note = tmp_path / "n.txt"
    note.write_text("信访人身份证号440305198001011235，电话13800138000", encoding="utf-8")
    [outcome] = await services.import_documents(admin, sources(note))
    masked = (await services.document_text(auditor, outcome.id))["pages"][0]["text"]
    assert "440305********1235" in masked and "138****8000" in masked and "13800138000" not in masked
    full = (await services.document_text(admin, outcome.id))["pages"][0]["text"]
    assert "440305198001011235" in full
    assert "document.read_personal" in await audit_actions()


async def test_a_failing_listener_fails_its_file_and_leaves_nothing(make_app: Any, letter: Path,
                                                                    batch_dir: Path) -> None:
    listener = Listener(fail_on="letter.pdf")
    app = await make_app(plugins=P, extra=PDF_SETTINGS, extra_plugins=[("listener", listener)])
    from hearing_core.context import ServiceContext
    from hearing_core.security.service import actor_by_username

    ctx = ServiceContext(app, await actor_by_username(app, "admin"))
    bad, good = await services.import_documents(ctx, sources(letter, batch_dir / "b-table.pdf"))
    assert bad.status == "failed" and bad.error["code"] == "store_error" and bad.id is None
    assert good.status == "ok"
    assert await document_count() == 1
    assert stored_files(app) == {good.sha256}
