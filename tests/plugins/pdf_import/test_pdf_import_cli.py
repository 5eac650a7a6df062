"""``hearing documents …`` against a test instance (SQLite, and PostgreSQL with -m db): a mixed batch
folder in one command with its exit status, progress on stderr, text and tables, search, forms and
the review queue, attachments, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pdf_factory
import tomli_w
from import_support import EXPECTED, FAILED, LETTER_LINE, PDF_SETTINGS, form_values

P = ("pdf_import",)
PW = "password-1234"


def run(cli: Any, *args: str, code: int = 0) -> Any:
    result = cli(*args, plugins=P)
    assert result.exit_code == code, result.output + result.stderr
    assert "Traceback" not in result.output + result.stderr
    return json.loads(result.stdout) if "--json" in args else result


def instance(cli: Any) -> None:
    data_dir: Path = cli.settings.data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "config.toml").write_text(tomli_w.dumps(PDF_SETTINGS), encoding="utf-8")
    run(cli, "init", "--username", "root", "--password", PW, "--non-interactive")


def test_a_batch_folder_imports_in_one_command_with_a_report_per_file(cli: Any, batch_dir: Path) -> None:
    instance(cli)
    result = cli("documents", "import", str(batch_dir), "--json", plugins=P)
    assert result.exit_code == 1  # some files failed: documented, the good ones are stored
    assert "importing" not in result.stderr  # no progress bar with --json
    rows = json.loads(result.stdout)
    by_name = {str(Path(r["path"]).relative_to(batch_dir)): r for r in rows}
    assert {n: (r["error"]["code"] if "error" in r else r["status"]) for n, r in by_name.items()} == EXPECTED
    assert set(rows[0]) >= {"id", "path", "sha256", "pages", "status"}
    assert f"{len(EXPECTED)} file(s): " in result.stderr and f"{len(FAILED)} failed" in result.stderr
    stored = run(cli, "documents", "list", "--json")
    assert stored["total"] == len(EXPECTED) - len(FAILED)

    again = cli("documents", "import", str(batch_dir), plugins=P)  # a table, and the progress bar on stderr
    assert again.exit_code == 1
    assert "importing" in again.stderr
    header = again.stdout.splitlines()[0].split()
    assert header == ["id", "path", "sha256", "pages", "status", "error"]
    assert again.stdout.count("duplicate") == len(EXPECTED) - len(FAILED)
    assert "memory: reading the PDF needed too much memory (内存超限)" in again.stdout

    ok = cli("documents", "import", str(batch_dir / "a-letter.pdf"), plugins=P)
    assert ok.exit_code == 0 and "importing" not in ok.stderr  # one file: no bar


def test_text_tables_and_search_from_the_command_line(cli: Any, batch_dir: Path) -> None:
    instance(cli)
    rows = run(cli, "documents", "import", str(batch_dir / "a-letter.pdf"), str(batch_dir / "b-table.pdf"),
               str(batch_dir / "c-blank.pdf"), "--json")
    ids = {Path(r["path"]).name: r["id"] for r in rows}
    text = run(cli, "documents", "show", str(ids["a-letter.pdf"]), "--text").stdout
    assert text.startswith("--- 第1页 (page 1) ---\n") and LETTER_LINE in text
    blank = run(cli, "documents", "show", str(ids["c-blank.pdf"]), "--text").stdout
    assert "[no text layer (无文字层)" in blank
    tables = run(cli, "documents", "show", str(ids["b-table.pdf"]), "--tables", "--json")
    assert tables["tables"][0]["rows"] == [list(r) for r in pdf_factory.TABLE_ROWS]
    printed = run(cli, "documents", "show", str(ids["b-table.pdf"]), "--tables").stdout
    assert "1 | 张三 | 征地拆迁 | 已受理" in printed
    record = run(cli, "documents", "show", str(ids["c-blank.pdf"])).stdout
    assert "no_text_layer" in record and "error_code     no_text_layer" in record
    found = run(cli, "documents", "list", "-q", "工业园区", "--json")
    assert [d["id"] for d in found["items"]] == [ids["a-letter.pdf"]]


def test_forms_and_the_review_queue_from_the_command_line(cli: Any, tmp_path: Path) -> None:
    instance(cli)
    good = pdf_factory.registration_form_pdf(tmp_path / "good.pdf", form_values())
    bad = pdf_factory.registration_form_pdf(tmp_path / "bad.pdf", form_values(联系电话="12345"))
    rows = run(cli, "documents", "import-form", str(good), str(bad), "--new-matter", "--json")
    assert [(r["status"], r.get("item_ref")) for r in rows] == [("registered", "XF-2025-00001"), ("queued", None)]
    assert [e["field"] for e in rows[1]["errors"]] == ["phone"]
    queue = run(cli, "documents", "queue", "--json")
    [entry] = queue["items"]
    listing = run(cli, "documents", "queue").stdout
    assert "bad.pdf" in listing and "phone:" in listing
    shown = run(cli, "documents", "queue", "show", str(entry["id"])).stdout
    assert "problems:" in shown and "联系电话" in shown
    wrong = cli("documents", "queue", "fix", str(entry["id"]), "phone=999", plugins=P)
    assert wrong.exit_code == 1 and wrong.stderr.startswith("error: invalid correction: phone: ")
    run(cli, "documents", "queue", "fix", str(entry["id"]), "phone=13900139000", "--json")
    confirmed = run(cli, "documents", "queue", "confirm", str(entry["id"]), "--new-matter").stdout
    assert confirmed.strip() == f"registered XF-2025-00002 from form {entry['id']}"
    assert run(cli, "documents", "queue", "--json")["total"] == 0
    item = run(cli, "petitions", "show", "XF-2025-00002", "--json")
    assert item["petitioners"][0]["phone"] == "13900139000"


def test_attaching_to_a_matter_and_to_a_hearing(cli: Any, letter: Path, batch_dir: Path) -> None:
    instance(cli)
    run(cli, "matters", "create", "M-77", "--title", "征地补偿")
    missing = cli("documents", "import", str(letter), "--matter", "M-404", plugins=P)
    assert missing.exit_code == 1 and missing.stderr.strip() == "error: no petition matter 'M-404'"
    [row] = run(cli, "documents", "import", str(letter), "--matter", "M-77", "--json")
    assert row["attached"] == {"matter_ref": "M-77"}
    case = run(cli, "hearings", "apply", "--matter", "M-77", "--applicant", "王某某", "--grounds", "请求听证",
               "--applied-on", "2025-06-02", "--told-on", "2025-06-01", "--json")
    [evidence] = run(cli, "documents", "import", str(batch_dir / "b-table.pdf"), "--hearing", str(case["id"]),
                     "--party", "1", "--json")
    assert evidence["attached"]["hearing_id"] == case["id"] and evidence["attached"]["evidence_no"] == 1
    attached = run(cli, "documents", "attach", str(row["id"]), "--hearing", str(case["id"]), "--party", "1", "--json")
    assert attached["evidence_no"] == 2
    hearing = run(cli, "hearings", "show", str(case["id"]), "--json")
    assert [[a["sha256"] for a in e["attachments"]] for e in hearing["evidence"]] == [[evidence["sha256"]], [row["sha256"]]]


def test_errors_are_one_line(cli: Any, letter: Path) -> None:
    instance(cli)
    run(cli, "users", "add", "aud", "--role", "auditor", "--password", PW)
    unknown = cli("documents", "show", "999", plugins=P)
    assert unknown.exit_code == 1 and unknown.stderr.strip() == "error: no imported document 999"
    denied = cli("--as", "aud", "documents", "import", str(letter), plugins=P)
    assert denied.exit_code == 1
    assert denied.stderr.strip() == "error: permission 'documents.import' is required for this action"
    both = cli("documents", "import", str(letter), "--matter", "M-1", "--hearing", "1", plugins=P)
    assert both.exit_code == 1 and both.stderr.startswith("error: attach to a matter or to a hearing, not both")
