from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from hearing_core.audit.tables import AuditEntry
from hearing_core.errors import ValidationFailed
from hearing_core.petitions.service.importer import import_file
from hearing_core.petitions.tables import Petitioner as PersonRow
from hearing_core.petitions.tables import PetitionItem as ItemRow
from hearing_core.petitions.tables import PetitionMatter as MatterRow
from tests.petitions.conftest import id_number

FIELDS = ["ref", "received_on", "channel", "persons", "matter_ref", "accepted", "not_accepted_reason", "category",
          "backlog", "petitioner_name", "petitioner_id_number", "petitioner_phone", "summary"]


def rows(n: int = 6) -> list[dict[str, Any]]:
    """``n`` valid rows: pairs share a matter, every third is not accepted, M-1 is a backlog matter."""
    out = []
    for i in range(1, n + 1):
        accepted = i % 3 != 0
        out.append({
            "ref": f"XF-2024-{i:04d}", "received_on": (dt.date(2024, 3, 1) + dt.timedelta(days=i - 1)).isoformat(), "channel": "visit" if i % 2 else "来信",
            "persons": 6 if i == 1 else 1, "matter_ref": f"M-{(i + 1) // 2}", "accepted": accepted,
            "not_accepted_reason": "" if accepted else "不属于我县管辖", "category": "土地征收",
            "backlog": i <= 2, "petitioner": {"name": f"王{i}", "id_number": id_number(100 + i), "phone": "13812345678"},
            "summary": f"反映第{i}件事",
        })
    return out


def write_jsonl(path: Path, data: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data), encoding="utf-8")
    return path


def flat(row: dict[str, Any]) -> dict[str, Any]:
    person = row.get("petitioner", {})
    out = {k: v for k, v in row.items() if k != "petitioner"}
    out.update(petitioner_name=person.get("name", ""), petitioner_id_number=person.get("id_number", ""),
               petitioner_phone=person.get("phone", ""))
    return {k: ("true" if v is True else "false" if v is False else v) for k, v in out.items()}


def write_csv(path: Path, data: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS)
        writer.writeheader()
        for row in data:
            writer.writerow(flat(row))
    return path


def write_xlsx(path: Path, data: list[dict[str, Any]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["编号", "登记日期", "信访形式", "人数", "事项编号", "是否受理", "不予受理原因", "内容分类", "是否积案",
                  "信访人", "身份证号", "联系电话", "内容摘要"])
    for row in data:
        f = flat(row)
        sheet.append([f[k] for k in FIELDS])
    book.save(path)
    return path


@pytest.mark.parametrize("writer", [write_jsonl, write_csv, write_xlsx], ids=["jsonl", "csv", "xlsx"])
async def test_import_each_format_then_reimport_is_idempotent(app: Any, registrar: Any, tmp_path: Path, writer: Any) -> None:
    suffix = {"write_jsonl": "jsonl", "write_csv": "csv", "write_xlsx": "xlsx"}[writer.__name__]
    path = writer(tmp_path / f"register.{suffix}", rows(6))
    first = await import_file(registrar, path)
    assert (first.rows, first.created, first.skipped_existing, first.matters_created) == (6, 6, 0, 3)
    assert await ItemRow.count().run() == 6
    assert await PersonRow.count().run() == 6
    owners = await PersonRow.select(PersonRow.name, PersonRow.item.ref.as_alias("ref")).run()
    assert sorted((o["ref"], o["name"]) for o in owners) == [(f"XF-2024-{i:04d}", f"王{i}") for i in range(1, 7)]
    stored = {r["ref"]: r for r in await ItemRow.select().run()}
    assert stored["XF-2024-0001"]["collective"] is True and stored["XF-2024-0001"]["status"] == "accepted"
    assert stored["XF-2024-0003"]["status"] == "not_accepted"
    assert stored["XF-2024-0003"]["not_accepted_reason"] == "out_of_jurisdiction"
    assert stored["XF-2024-0002"]["channel"] == "letter"
    matters = {m["ref"]: m for m in await MatterRow.select().run()}
    assert matters["M-1"]["on_backlog"] is True and matters["M-2"]["on_backlog"] is False
    assert str(matters["M-2"]["first_received_on"]) == "2024-03-03" and str(matters["M-2"]["last_received_on"]) == "2024-03-04"
    again = await import_file(registrar, path)
    assert (again.created, again.skipped_existing) == (0, 6)
    assert await ItemRow.count().run() == 6 and await MatterRow.count().run() == 3
    entries = await AuditEntry.select().where(AuditEntry.action == "petition.import").output(load_json=True).run()
    assert len(entries) == 2 and entries[0]["after"]["sha256"] == first.sha256 and entries[0]["after"]["created"] == 6


@pytest.mark.parametrize("use_worker", [False, True], ids=["in-process", "worker-process"])
async def test_every_bad_line_is_reported_and_nothing_written(
    app: Any, registrar: Any, tmp_path: Path, use_worker: bool
) -> None:
    data = rows(6)
    data[1]["received_on"] = "2024/03/02"
    data[2]["not_accepted_reason"] = ""
    data[4]["ref"] = data[0]["ref"]
    data[5]["petitioner"]["id_number"] = "440106198005171230"
    path = write_jsonl(tmp_path / "bad.jsonl", data)
    with pytest.raises(ValidationFailed) as caught:
        await import_file(registrar, path, use_worker=use_worker)
    lines = sorted({e.line for e in caught.value.errors})
    assert lines == [2, 3, 5, 6]
    assert caught.value.detail.startswith("import rejected: 4 problem(s) on 4 line(s)")
    assert await ItemRow.count().run() == 0 and await MatterRow.count().run() == 0
    assert await AuditEntry.count().where(AuditEntry.action == "petition.import").run() == 0


@pytest.mark.parametrize("use_worker", [False, True], ids=["in-process", "worker-process"])
async def test_failure_late_in_file_rolls_back_earlier_batches(
    app: Any, registrar: Any, tmp_path: Path, use_worker: bool
) -> None:
    data = rows(60)
    data[-1]["channel"] = "鸽子"
    path = write_jsonl(tmp_path / "late.jsonl", data)
    with pytest.raises(ValidationFailed) as caught:
        # Five batches are written before the bad last line is read.
        await import_file(registrar, path, batch_size=10, use_worker=use_worker)
    assert [e.line for e in caught.value.errors] == [60]
    assert await ItemRow.count().run() == 0 and await PersonRow.count().run() == 0


async def test_import_needs_permission(app: Any, officer: Any, tmp_path: Path) -> None:
    from hearing_core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        await import_file(officer, write_jsonl(tmp_path / "x.jsonl", rows(1)))


async def test_worker_process_import_matches_in_process(app: Any, registrar: Any, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "big.jsonl", rows(40))
    result = await import_file(registrar, path, batch_size=7, use_worker=True)
    assert (result.rows, result.created, result.matters_created) == (40, 40, 20)
    owners = await PersonRow.select(PersonRow.name, PersonRow.item.ref.as_alias("ref")).run()
    assert sorted((o["ref"], o["name"]) for o in owners) == sorted((f"XF-2024-{i:04d}", f"王{i}") for i in range(1, 41))
    items = await ItemRow.select(ItemRow.ref, ItemRow.matter.ref.as_alias("matter")).run()
    assert all(i["matter"] == f"M-{(int(i['ref'][-4:]) + 1) // 2}" for i in items)
    again = await import_file(registrar, path, use_worker=False)
    assert (again.created, again.skipped_existing) == (0, 40)
