"""Code lists of the petition register (信访登记代码表).

Every list is a ``StrEnum`` whose value is the stable English code stored in the
database and used in files, and whose ``label`` is the Chinese term staff see on
screens and in reports. ``parse`` accepts either, because county staff type the
Chinese label into spreadsheets while API clients send codes.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

__all__ = [
    "AbnormalReason",
    "Channel",
    "CodedEnum",
    "NotAcceptedReason",
    "OpinionOutcome",
    "Purpose",
    "Sex",
    "Source",
    "StatutoryRoute",
]


class CodedEnum(StrEnum):
    """A code list: value = English code, ``label`` = Chinese term, optional aliases."""

    label: str
    aliases: tuple[str, ...]

    def __new__(cls, value: str, label: str, *aliases: str) -> Self:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        obj.aliases = aliases
        return obj

    @classmethod
    def parse(cls, text: str) -> Self:
        """The member whose code, label or alias equals ``text`` (codes case-insensitively).

        Raises ``ValueError`` listing the accepted codes, so a caller can turn it
        into a :class:`~hearing_core.errors.FieldError` without rewording it.
        """
        key = text.strip()
        for member in cls:
            if key.lower() == member.value or key == member.label or key in member.aliases:
                return member
        codes = ", ".join(f"{m.value} ({m.label})" for m in cls)
        raise ValueError(f"unknown value '{key}'; expected one of: {codes}")

    @classmethod
    def choices(cls) -> list[dict[str, str]]:
        """Code and label pairs, for API option lists and docs."""
        return [{"code": m.value, "label": m.label} for m in cls]


class Channel(CodedEnum):
    """Channel (信访形式) through which an item arrived."""

    LETTER = "letter", "来信"
    VISIT = "visit", "来访", "走访"
    PHONE = "phone", "来电", "电话"
    ONLINE = "online", "网上信访", "网信", "网络信访"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件", "邮件"
    LEADER_MAILBOX = "leader_mailbox", "领导信箱", "书记信箱", "县长信箱"
    HOTLINE_12345 = "hotline_12345", "12345热线", "12345"
    INSPECTION_TRANSFER = "inspection_transfer", "巡视组转交", "巡视转交"


class Source(CodedEnum):
    """Source (信访来源): how the item reached this bureau."""

    OWN_INTAKE = "own_intake", "本级受理", "自收"
    HIGHER_TRANSFER = "higher_transfer", "上级转交", "上级转送", "上级交办"
    LEADER_MAILBOX = "leader_mailbox", "领导信箱"
    HOTLINE = "hotline", "12345热线", "热线"
    INSPECTION_TEAM = "inspection_team", "巡视组转交", "巡视组"
    OTHER = "other", "其他"


class Purpose(CodedEnum):
    """Purpose (信访目的), the axis county summaries report besides content."""

    ACCUSATION = "accusation", "揭发控告", "检举控告"
    GRIEVANCE = "grievance", "申诉求决", "求决", "申诉"
    SUGGESTION = "suggestion", "意见建议", "建议"
    CONSULTATION = "consultation", "咨询"
    OTHER = "other", "其他"


class NotAcceptedReason(CodedEnum):
    """Ground for not accepting an item (不予受理理由)."""

    OUT_OF_JURISDICTION = "out_of_jurisdiction", "不属于本级管辖", "不属于管辖", "不属于我县管辖"
    EXPLAINED_ON_SPOT = "explained_on_spot", "当场解释疏导", "当面解释", "当场疏导解释"
    #: Already in, or belongs in, litigation, arbitration or administrative reconsideration.
    STATUTORY_PROCEDURE = "statutory_procedure", "应通过法定途径解决", "诉讼仲裁复议", "涉法涉诉"
    ALREADY_IN_HANDLING = "already_in_handling", "已受理或正在办理", "正在办理"
    TERMINATED_MATTER = "terminated_matter", "信访事项已终结", "已终结"
    NPC_COURT_PROCURATORATE = "npc_court_procuratorate", "属人大法院检察院职权", "人大法院检察院"
    OTHER = "other", "其他"


class OpinionOutcome(CodedEnum):
    """Outcome of a handling opinion (信访处理意见书)."""

    SUPPORT = "support", "支持"
    EXPLAIN = "explain", "解释说明"
    NOT_SUPPORT = "not_support", "不予支持"


class StatutoryRoute(CodedEnum):
    """Statutory procedure a matter is routed into (导入法定程序)."""

    LITIGATION = "litigation", "诉讼"
    ARBITRATION = "arbitration", "仲裁"
    ADMINISTRATIVE_RECONSIDERATION = "administrative_reconsideration", "行政复议"
    PROCURATORIAL = "procuratorial", "检察监督"
    PUBLIC_SECURITY = "public_security", "公安法定程序"
    PARTY_MEMBER_APPEAL = "party_member_appeal", "党员申诉"
    ADMINISTRATIVE_PROCEDURE = "administrative_procedure", "行政裁决确认许可处罚"
    DISCIPLINE_INSPECTION = "discipline_inspection", "纪检监察"
    OTHER = "other", "其他"


class AbnormalReason(CodedEnum):
    """Reason code for the abnormal-petitioning flag (非正常访).

    No formal definition exists (reference §1.2), so the flag carries one of the
    prohibited acts of the 2005 regulation (Art. 20) or an unauthorised site.
    """

    UNAUTHORISED_SITE = "unauthorised_site", "到非接待场所上访"
    BLOCKING = "blocking", "围堵冲击机关或堵塞交通"
    DANGEROUS_ITEMS = "dangerous_items", "携带危险物品"
    ASSAULT_OR_INSULT = "assault_or_insult", "侮辱殴打工作人员"
    DISORDER_AT_RECEPTION = "disorder_at_reception", "在接待场所滞留滋事"
    INCITING_OR_PROFITEERING = "inciting_or_profiteering", "煽动串联或牟利"
    OTHER = "other", "其他"


class Sex(CodedEnum):
    """Sex (性别) as encoded in the 17th digit of a resident ID number."""

    MALE = "male", "男"
    FEMALE = "female", "女"
