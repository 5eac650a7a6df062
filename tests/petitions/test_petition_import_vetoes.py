"""The vetoes during a bulk import: ``refuse_petition_items`` once per batch, ``refuse_petition_item`` per row.

A third-party plugin with only the per-row hook is asked per new row as before (and
keeps the file out of the worker process); a plugin with the batch hook is asked
once per written batch, in the worker path too, and its refusals land on the rows
it names. The review plugin refuses rows on a terminated matter (三级终结).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from hearing_core import hookimpl
from hearing_core.errors import ValidationFailed
from hearing_core.petitions.service import importer
from hearing_core.petitions.service.importer import import_file
from hearing_core.petitions.tables import PetitionItem as ItemRow
from tests.petitions.test_petition_import import rows, write_jsonl

WORKER = pytest.mark.parametrize("use_worker", [False, True], ids=["in-process", "worker-process"])


class PerRow:
    """A third-party veto with only the per-row hook: refuses items whose summary names 第5件."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    @hookimpl
    def refuse_petition_item(self, item: Any, matter: Any) -> str | None:
        self.asked.append(item.ref)
        return "第5件不予登记" if "第5件" in item.summary else None


class Batched:
    """A veto with both hooks: refuses items whose ref's number is odd and at least 3."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []
        self.single: list[str] = []

    @hookimpl
    def refuse_petition_item(self, app: Any, item: Any, matter: Any) -> str | None:
        self.single.append(item.ref)
        return self._reason(item)

    @hookimpl
    async def refuse_petition_items(self, app: Any, items: list[tuple[Any, Any]]) -> dict[int, str]:
        assert all(matter is None for _, matter in items)
        self.batches.append([item.ref for item, _ in items])
        return {i: reason for i, (item, _) in enumerate(items) if (reason := self._reason(item))}

    @staticmethod
    def _reason(item: Any) -> str | None:
        n = int(item.ref[-4:])
        return f"{item.ref}已终结" if n >= 3 and n % 2 else None


async def _admin(app: Any) -> Any:
    from hearing_core.context import ServiceContext
    from hearing_core.security.service import actor_by_username

    return ServiceContext(app, await actor_by_username(app, "admin"))


def _refusals(caught: pytest.ExceptionInfo[ValidationFailed]) -> list[tuple[int | None, str, str]]:
    return sorted((e.line, e.field, e.message) for e in caught.value.errors)


async def test_a_plugin_with_only_the_per_row_hook_is_asked_per_new_row(make_app: Any, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    veto = PerRow()
    ctx = await _admin(await make_app(extra_plugins=[("per_row", veto)]))
    ok = write_jsonl(tmp_path / "ok.jsonl", rows(6)[:4])
    assert (await import_file(ctx, ok, batch_size=3)).created == 4
    assert veto.asked == [f"XF-2024-{i:04d}" for i in range(1, 5)]

    # Even a large file stays in process: the per-row hook is asked in the writer, row by row.
    monkeypatch.setattr(importer, "WORKER_MIN_BYTES", 0)

    async def no_worker(*args: Any) -> int:
        raise AssertionError("a per-row veto must keep the import out of the worker process")

    monkeypatch.setattr(importer, "_write_from_worker", no_worker)
    veto.asked.clear()
    with pytest.raises(ValidationFailed) as caught:
        await import_file(ctx, write_jsonl(tmp_path / "all.jsonl", rows(6)), batch_size=3)
    # The four rows already stored are skipped, not asked; the new ones are asked one by one.
    assert veto.asked == ["XF-2024-0005", "XF-2024-0006"]
    assert _refusals(caught) == [(5, "ref", "petition item refused by plugin per_row: 第5件不予登记")]
    assert await ItemRow.count().run() == 4


@WORKER
async def test_a_batch_veto_is_asked_once_per_batch_and_refuses_the_rows_it_names(
    make_app: Any, tmp_path: Path, use_worker: bool
) -> None:
    veto = Batched()
    ctx = await _admin(await make_app(extra_plugins=[("batched", veto)]))
    path = write_jsonl(tmp_path / "rows.jsonl", rows(8))
    with pytest.raises(ValidationFailed) as caught:
        await import_file(ctx, path, batch_size=4, use_worker=use_worker)
    # After the first batch's refusals nothing more is written, so nothing more is asked.
    assert veto.batches == [[f"XF-2024-{i:04d}" for i in range(1, 5)]]
    assert veto.single == []
    assert _refusals(caught) == [(3, "ref", "petition item refused by plugin batched: XF-2024-0003已终结")]
    assert await ItemRow.count().run() == 0


@WORKER
async def test_a_batch_veto_sees_only_new_rows_and_each_batch_once(make_app: Any, tmp_path: Path,
                                                                   use_worker: bool) -> None:
    veto = Batched()
    ctx = await _admin(await make_app(extra_plugins=[("batched", veto)]))
    data = [r for r in rows(12) if int(r["ref"][-4:]) < 3 or int(r["ref"][-4:]) % 2 == 0]  # 1, 2, 4, 6, 8, 10, 12
    first = await import_file(ctx, write_jsonl(tmp_path / "part.jsonl", data[:3]), batch_size=3,
                              use_worker=use_worker)
    assert first.created == 3 and veto.batches == [["XF-2024-0001", "XF-2024-0002", "XF-2024-0004"]]
    veto.batches.clear()
    result = await import_file(ctx, write_jsonl(tmp_path / "all.jsonl", data), batch_size=3, use_worker=use_worker)
    assert (result.created, result.skipped_existing) == (4, 3)
    # The first batch holds only stored refs (not asked); the others are asked once each.
    assert veto.batches == [["XF-2024-0006", "XF-2024-0008", "XF-2024-0010"], ["XF-2024-0012"]]
    assert veto.single == []


async def test_a_large_file_uses_the_worker_when_every_veto_has_the_batch_hook(
    make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    veto = Batched()
    ctx = await _admin(await make_app(extra_plugins=[("batched", veto)]))
    monkeypatch.setattr(importer, "WORKER_MIN_BYTES", 0)
    used = []
    real = importer._write_from_worker

    async def spy(*args: Any) -> int:
        used.append(args[-1])  # the veto flag: the worker must send the parsed items along
        return await real(*args)

    monkeypatch.setattr(importer, "_write_from_worker", spy)
    with pytest.raises(ValidationFailed) as caught:
        await import_file(ctx, write_jsonl(tmp_path / "rows.jsonl", rows(6)), batch_size=2)
    assert used == [True]
    assert veto.batches == [["XF-2024-0001", "XF-2024-0002"], ["XF-2024-0003", "XF-2024-0004"]]
    assert [e.line for e in caught.value.errors] == [3]


async def test_both_kinds_of_veto_together(make_app: Any, tmp_path: Path) -> None:
    per_row, batched = PerRow(), Batched()
    ctx = await _admin(await make_app(extra_plugins=[("per_row", per_row), ("batched", batched)]))
    with pytest.raises(ValidationFailed) as caught:
        await import_file(ctx, write_jsonl(tmp_path / "rows.jsonl", rows(6)), batch_size=6)
    assert len(batched.batches) == 1 and batched.single == []
    # The per-row veto is asked about the rows the batch veto let through.
    assert per_row.asked == ["XF-2024-0001", "XF-2024-0002", "XF-2024-0004", "XF-2024-0006"]
    assert [(e.line, e.message.split(":")[0]) for e in caught.value.errors] == [
        (3, "petition item refused by plugin batched"), (5, "petition item refused by plugin batched"),
    ]


@WORKER
async def test_the_review_plugin_refuses_imported_rows_on_a_terminated_matter(
    make_app: Any, tmp_path: Path, use_worker: bool
) -> None:
    from hearing_review.domain.termination import refusal_message
    from hearing_review.domain.vocab import TerminationReason
    from hearing_review.tables import ReviewTermination

    app = await make_app(plugins=("review",))
    ctx = await _admin(app)
    on = dt.date(2025, 6, 3)
    await ReviewTermination(matter_ref="M-2", reason="rereview_served", terminated_on=on, basis_ref="FH-2025-0001",
                            recorded_by="admin", created_at=ctx.now()).save().run()
    with pytest.raises(ValidationFailed) as caught:
        await import_file(ctx, write_jsonl(tmp_path / "rows.jsonl", rows(6)), use_worker=use_worker)
    message = refusal_message(TerminationReason.REREVIEW_SERVED, on)
    assert _refusals(caught) == [(line, "ref", f"petition item refused by plugin review: {message}") for line in (3, 4)]
    assert await ItemRow.count().run() == 0
    # Other matters import; the single hook answers as the batch one does.
    result = await import_file(ctx, write_jsonl(tmp_path / "ok.jsonl", rows(6)[4:]), use_worker=use_worker)
    assert result.created == 2
    from hearing_review import plugin

    assert await plugin.refuse_petition_item(app, None, type("M", (), {"ref": "M-2"})()) == message
    assert await plugin.refuse_petition_item(app, None, type("M", (), {"ref": "M-3"})()) is None
    assert await plugin.refuse_petition_items(app, []) == {}
