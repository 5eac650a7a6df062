from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from hearing_core.errors import Conflict
from hearing_core.petitions.domain import (
    Channel,
    Petitioner,
    PetitionItem,
    PetitionMatter,
    matter_key,
    suggest_repeats,
)
from hearing_core.petitions.domain.repeats import RepeatWeights, bigrams, normalise_text, text_similarity

MakeId = Callable[..., str]


def item(ref: str, on: date, summary: str, *, people: list[Petitioner] | None = None, category: str | None = None,
         matter_ref: str | None = None) -> PetitionItem:  # fmt: skip
    return PetitionItem(ref, on, Channel.LETTER, summary, petitioners=people or [], category=category,
                        matter_ref=matter_ref)  # fmt: skip


def test_matter_groups_items_and_counts_repeats() -> None:
    matter = PetitionMatter("M-1", "征地补偿")
    first = item("A", date(2023, 1, 5), "征地补偿")
    second = item("B", date(2023, 3, 1), "再次反映征地补偿")
    matter.add_item(second)
    matter.add_item(first)
    matter.add_item(first)  # linking twice is harmless
    assert matter.item_refs == ["B", "A"]
    assert (matter.first_received_on, matter.last_received_on) == (date(2023, 1, 5), date(2023, 3, 1))
    assert matter.repeat_count == 1 and first.matter_ref == "M-1"
    assert matter.is_first_petition(first, [first, second])
    assert not matter.is_first_petition(second, [first, second])
    other = PetitionMatter("M-2", "另一事项")
    with pytest.raises(Conflict):
        other.add_item(first)
    matter.remove_item(first, remaining=[second])
    assert first.matter_ref is None and matter.item_refs == ["B"]
    assert matter.first_received_on == date(2023, 3, 1)


def test_matter_key_counts_unlinked_items_as_their_own_matter() -> None:
    assert matter_key(item("A", date(2023, 1, 1), "x", matter_ref="M-9")) == "M-9"
    assert matter_key(item("A", date(2023, 1, 1), "x")) == "item:A"


def test_text_normalisation_and_similarity() -> None:
    assert normalise_text("反映：Ｚ村 征地，补偿！") == "反映z村征地补偿"
    assert bigrams("征地补偿") == {"征地", "地补", "补偿"}
    assert text_similarity("征地补偿款未发放", "征地补偿款未发放！") == 1.0
    assert text_similarity("征地补偿款未发放", "拖欠农民工工资") == 0.0
    assert 0.3 < text_similarity("村里征地补偿款一直没有发放", "征地补偿款至今没有发放到位") < 0.7


def test_same_id_number_ranks_first_with_its_reason(make_id: MakeId) -> None:
    petitioner = Petitioner("李四", id_number=make_id(seq=111), phone="13900001111")
    new = item("NEW", date(2023, 6, 1), "反映征地补偿款未发放", people=[petitioner], category="land_expropriation")
    same_id = item("OLD-ID", date(2023, 1, 1), "要求解决孩子上学问题",
                   people=[Petitioner("李四", id_number=make_id(seq=111))])  # fmt: skip
    same_text = item("OLD-TEXT", date(2023, 5, 1), "反映征地补偿款未发放", people=[Petitioner("王五")],
                     category="land_expropriation")  # fmt: skip
    name_phone = item("OLD-PHONE", date(2023, 2, 1), "征地补偿问题", people=[Petitioner("李四", phone="139 0000 1111")])
    stranger = item("OTHER", date(2023, 4, 1), "道路维修", people=[Petitioner("赵六", id_number=make_id(seq=222))])
    ranked = suggest_repeats(new, [same_text, stranger, name_phone, same_id, new])
    assert [s.ref for s in ranked] == ["OLD-ID", "OLD-PHONE", "OLD-TEXT"]
    assert ranked[0].reasons == ("身份证号相同 (same ID number)",)
    assert ranked[0].score == pytest.approx(0.6)
    assert "姓名和电话相同 (same name and phone)" in ranked[1].reasons
    assert ranked[2].similarity == 1.0 and "同一内容分类 (same category)" in ranked[2].reasons


def test_signatories_count_as_petitioners(make_id: MakeId) -> None:
    new = PetitionItem("NEW", date(2023, 6, 1), Channel.LETTER, "联名反映", persons=2,
                       signatories=[Petitioner("甲", id_number=make_id(seq=1)), Petitioner("乙")])  # fmt: skip
    old = item("OLD", date(2023, 1, 1), "其他", people=[Petitioner("甲", id_number=make_id(seq=1))])
    assert [s.ref for s in suggest_repeats(new, [old])] == ["OLD"]


def test_limit_threshold_and_tie_order() -> None:
    new = item("NEW", date(2023, 6, 1), "征地补偿款未发放")
    olds = [item(f"O{i}", date(2023, 1, i + 1), "征地补偿款未发放") for i in range(5)]
    ranked = suggest_repeats(new, olds, limit=3)
    assert [s.ref for s in ranked] == ["O4", "O3", "O2"]  # equal scores: most recent first
    assert suggest_repeats(new, olds, min_score=0.5) == []  # text alone scores 0.3
    heavier = suggest_repeats(new, olds, weights=RepeatWeights(text=0.8), min_score=0.5, limit=1)
    assert [s.ref for s in heavier] == ["O4"]
    with pytest.raises(ValueError):
        suggest_repeats(new, olds, limit=0)
