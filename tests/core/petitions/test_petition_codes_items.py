from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from hearing_core.errors import ValidationFailed
from hearing_core.petitions.domain import (
    AbnormalReason,
    CategoryCatalog,
    Channel,
    NotAcceptedReason,
    Petitioner,
    PetitionItem,
    Purpose,
)

MakeId = Callable[..., str]


def test_code_lists_parse_codes_labels_and_aliases() -> None:
    assert Channel.parse("来访") is Channel.VISIT
    assert Channel.parse(" LETTER ") is Channel.LETTER
    assert Channel.parse("12345") is Channel.HOTLINE_12345
    assert NotAcceptedReason.parse("不属于我县管辖") is NotAcceptedReason.OUT_OF_JURISDICTION
    assert NotAcceptedReason.parse("当场解释疏导") is NotAcceptedReason.EXPLAINED_ON_SPOT
    assert Purpose.parse("申诉求决") is Purpose.GRIEVANCE
    assert Channel.VISIT.label == "来访" and Channel.VISIT == "visit"
    with pytest.raises(ValueError) as info:
        Purpose.parse("投诉")
    assert "unknown value '投诉'" in str(info.value) and "grievance (申诉求决)" in str(info.value)


def test_default_catalog_has_the_reference_top_levels(catalog: CategoryCatalog) -> None:
    names = [c.name for c in catalog.top_levels()]
    assert names == [
        "城乡建设", "农业农村", "劳动和社会保障", "自然资源", "政法", "民政与应急", "卫生健康", "教育文体",
        "经济管理", "组织人事", "党务政务", "纪检监察", "交通运输", "市场监管", "退役军人事务", "生态环境", "其他",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("sub", "top"),
    [
        ("土地征收", "自然资源"),
        ("房屋拆迁", "城乡建设"),
        ("企业改制", "经济管理"),
        ("农民工工资", "劳动和社会保障"),
        ("山林矿山滩涂权属", "自然资源"),
        ("土地承包", "农业农村"),
        ("环境污染", "生态环境"),
        ("村干部作风", "纪检监察"),
        ("涉法涉诉", "政法"),
        ("国土资源", "自然资源"),  # former name of the top level
        ("卫生计生", "卫生健康"),
        ("land_expropriation", "自然资源"),
    ],
)
def test_sub_categories_roll_up(catalog: CategoryCatalog, sub: str, top: str) -> None:
    assert catalog.top_level(sub).name == top


def test_every_sub_category_has_a_top_level(catalog: CategoryCatalog) -> None:
    subs = [c for c in catalog if not c.is_top_level]
    assert len(subs) >= 20
    assert all(catalog.top_level(c.code).is_top_level for c in subs)
    assert [c.code for c in catalog.children("natural_resources")] == [
        "land_expropriation", "forest_mine_tideland_rights", "land_use_planning",
    ]  # fmt: skip


def test_unknown_category_names_the_choices(catalog: CategoryCatalog) -> None:
    assert catalog.get("外星人") is None
    with pytest.raises(ValueError) as info:
        catalog.resolve("外星人")
    assert "城乡建设" in str(info.value)


def test_bureau_catalog_from_toml_and_ambiguous_keys_rejected(tmp_path: Path) -> None:
    path = tmp_path / "cats.toml"
    path.write_text(
        '[[category]]\ncode = "a"\nname = "甲"\n[[category.sub]]\ncode = "a1"\nname = "甲一"\naliases = ["一"]\n'
        '[[category]]\ncode = "b"\nname = "乙"\n',
        encoding="utf-8",
    )
    own = CategoryCatalog.from_toml(path)
    assert own.top_level("一").code == "a"
    path.write_text('[[category]]\ncode = "a"\nname = "甲"\naliases = ["乙"]\n[[category]]\ncode = "b"\nname = "乙"\n')
    with pytest.raises(ValueError, match="'乙' is used by 'a' and 'b'"):
        CategoryCatalog.from_toml(path)


def _item(**changes: object) -> PetitionItem:
    data: dict[str, object] = {
        "ref": "XF-2023-0001",
        "received_on": date(2023, 3, 1),
        "channel": Channel.VISIT,
        "summary": "反映征地补偿款未发放",
        "persons": 3,
        "petitioners": [Petitioner("张三", phone="138 1234 5678")],
        "category": "土地征用",
    }
    data.update(changes)
    return PetitionItem(**data)  # type: ignore[arg-type]


def test_valid_item_is_normalised(catalog: CategoryCatalog, make_id: MakeId) -> None:
    item = _item(petitioners=[Petitioner(" 张三 ", id_number=make_id().lower(), phone="+86 138 1234 5678")])
    item.validate(catalog, today=date(2024, 1, 1))
    assert item.category == "land_expropriation"
    assert item.petitioners[0].name == "张三"
    assert item.petitioners[0].phone == "13812345678"
    assert item.petitioner_ids() == {make_id()}


def test_every_problem_is_reported_at_once(catalog: CategoryCatalog) -> None:
    item = _item(
        ref="bad ref",
        received_on=date(2024, 5, 1),
        persons=0,
        summary=" ",
        category="外星人",
        petitioners=[Petitioner("", id_number="110105491231002", phone="12345")],
        abnormal=True,
    )
    with pytest.raises(ValidationFailed) as info:
        item.validate(catalog, today=date(2024, 1, 1))
    fields = [e.field for e in info.value.errors]
    assert fields == [
        "ref", "received_on", "persons", "summary", "category", "petitioners[0].name",
        "petitioners[0].id_number", "petitioners[0].phone", "abnormal_reason",
    ]  # fmt: skip
    assert "15-digit" in info.value.errors[6].message


def test_collective_flag_uses_the_threshold_passed_in() -> None:
    batch = _item(persons=5)
    assert batch.is_collective(5) and batch.is_collective_visit(5)
    assert not batch.is_collective(6)
    letter = _item(channel=Channel.LETTER, persons=5)
    assert letter.is_collective(5) and not letter.is_collective_visit(5)
    with pytest.raises(ValueError):
        batch.is_collective(1)


def test_joint_letter_and_signatories(catalog: CategoryCatalog) -> None:
    signers = [Petitioner("甲"), Petitioner("乙"), Petitioner("丙")]
    letter = _item(channel=Channel.LETTER, persons=3, signatories=signers)
    assert letter.is_joint_letter
    assert not _item(signatories=signers).is_joint_letter  # a visit is not a letter
    too_few = _item(channel=Channel.LETTER, persons=2, signatories=signers)
    assert [e.field for e in too_few.problems(catalog)] == ["persons"]


def test_anonymous_item_needs_no_petitioner_and_abnormal_needs_a_reason(catalog: CategoryCatalog) -> None:
    assert _item(petitioners=[], anonymous=True).problems(catalog) == []
    assert [e.field for e in _item(petitioners=[]).problems(catalog)] == ["petitioners"]
    flagged = _item(abnormal=True, abnormal_reason=AbnormalReason.UNAUTHORISED_SITE)
    assert flagged.problems(catalog) == []
    stray = _item(abnormal_reason=AbnormalReason.OTHER)
    assert [e.field for e in stray.problems(catalog)] == ["abnormal_reason"]
