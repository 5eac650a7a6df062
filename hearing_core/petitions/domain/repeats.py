"""Repeat suggestion (重信重访识别): which earlier items a new item probably repeats.

A repeat is the same petitioner (at least one petitioner or signatory in
common) on the same matter (facts and request essentially the same), reference
§5. Identity evidence is strong; text evidence is a hint. The scorer never
decides: it ranks candidates and says why, and staff confirm by linking the
item to the candidate's matter.

Text similarity is character-bigram Jaccard over normalised text. Chinese has no
spaces, and bigrams capture two-character words (征地, 补偿, 工资) without a
segmentation dictionary, so no NLP dependency is needed.
"""

from __future__ import annotations

import heapq
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from hearing_core.petitions.domain.identity import normalise_phone, phone_error
from hearing_core.petitions.domain.item import Petitioner, PetitionItem

__all__ = [
    "RepeatSuggestion",
    "RepeatWeights",
    "bigrams",
    "jaccard",
    "normalise_text",
    "suggest_repeats",
    "text_similarity",
]


@dataclass(frozen=True)
class RepeatWeights:
    """How much each kind of evidence adds to a score (capped at 1.0)."""

    same_id_number: float = 0.6
    same_name_and_phone: float = 0.35
    #: Multiplied by the similarity (0..1) of summary + request.
    text: float = 0.3
    same_category: float = 0.1
    #: Similarity below this is noise (shared boilerplate such as 反映/问题) and adds nothing.
    text_floor: float = 0.2


@dataclass(frozen=True)
class RepeatSuggestion:
    """One ranked candidate with the evidence found (reasons in Chinese and English)."""

    ref: str
    matter_ref: str | None
    score: float
    similarity: float
    reasons: tuple[str, ...]


def normalise_text(text: str) -> str:
    """NFKC (full-width → half-width), lower-case, drop spaces, punctuation and symbols."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LN")


def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of normalised ``text`` (a single character is its own gram)."""
    norm = normalise_text(text)
    if len(norm) < 2:
        return frozenset(norm)
    return frozenset(norm[i : i + 2] for i in range(len(norm) - 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def text_similarity(a: str, b: str) -> float:
    """Bigram Jaccard similarity of two texts, 0..1."""
    return jaccard(bigrams(a), bigrams(b))


def _item_text(item: PetitionItem) -> str:
    return f"{item.summary} {item.request}"


def _name_phone_keys(people: Iterable[Petitioner]) -> set[tuple[str, str]]:
    keys: set[tuple[str, str]] = set()
    for person in people:
        # An invalid phone cannot match anything; item validation reports it elsewhere.
        if person.name.strip() and person.phone and phone_error(person.phone) is None:
            keys.add((person.name.strip(), normalise_phone(person.phone)))
    return keys


def suggest_repeats(
    item: PetitionItem,
    candidates: Iterable[PetitionItem],
    *,
    weights: RepeatWeights | None = None,
    min_score: float = 0.3,
    limit: int = 10,
) -> list[RepeatSuggestion]:
    """Rank ``candidates`` (earlier items, pre-filtered by the repository) as repeats of ``item``.

    Returns at most ``limit`` suggestions scoring at least ``min_score``, best
    first; ties keep the most recent candidate first. The candidate equal to
    ``item`` (same ref) is skipped. Runs in one pass over ``candidates``.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    w = weights or RepeatWeights()
    people = [*item.petitioners, *item.signatories]
    ids = item.petitioner_ids()
    name_phones = _name_phone_keys(people)
    grams = bigrams(_item_text(item))
    # A bounded min-heap keeps memory at ``limit`` entries however many candidates come in.
    heap: list[tuple[float, date, int, RepeatSuggestion]] = []
    for order, other in enumerate(candidates):
        if other.ref == item.ref:
            continue
        score, reasons = 0.0, []
        if ids & other.petitioner_ids():
            score += w.same_id_number
            reasons.append("身份证号相同 (same ID number)")
        if name_phones & _name_phone_keys([*other.petitioners, *other.signatories]):
            score += w.same_name_and_phone
            reasons.append("姓名和电话相同 (same name and phone)")
        similarity = jaccard(grams, bigrams(_item_text(other)))
        if similarity >= w.text_floor:
            score += w.text * similarity
            reasons.append(f"诉求内容相似 {similarity:.0%} (similar summary and request)")
        if item.category and item.category == other.category:
            score += w.same_category
            reasons.append("同一内容分类 (same category)")
        score = round(min(score, 1.0), 3)
        if score < min_score:
            continue
        suggestion = RepeatSuggestion(
            other.ref, other.matter_ref, score, round(similarity, 3), tuple(reasons)
        )
        # Higher score first, then the more recent item; ``-order`` makes keys unique, so
        # the suggestion itself is never compared.
        entry = (score, other.received_on, -order, suggestion)
        if len(heap) < limit:
            heapq.heappush(heap, entry)
        elif entry[:3] > heap[0][:3]:
            heapq.heapreplace(heap, entry)
    return [entry[3] for entry in sorted(heap, key=lambda e: e[:3], reverse=True)]
