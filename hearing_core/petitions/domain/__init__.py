"""Petition register domain (信访登记): ORM-free items, matters, dispositions, backlog, import, statistics.

Nothing here touches the database or the web: the repository maps these
dataclasses to rows, the service applies them. Modules:

* :mod:`.codes` — code lists (channel, source, purpose, reasons, outcomes)
* :mod:`.identity` — resident ID numbers, phone numbers, masking
* :mod:`.categories` — content categories and the shipped ``categories.toml``
* :mod:`.item` — petition item (信访件) and petitioner (信访人)
* :mod:`.matter` — petition matter (信访事项), repeat counting
* :mod:`.repeats` — repeat suggestion (重信重访识别)
* :mod:`.disposition` — acceptance / transfer / assignment / opinion state machine
* :mod:`.backlog` — backlog ledger (积案台账) state machine
* :mod:`.satisfaction` — satisfaction evaluation (满意度评价)
* :mod:`.fields`, :mod:`.readers`, :mod:`.importing` — bulk import
* :mod:`.statistics`, :mod:`.tally`, :mod:`.sentences` — annual figures, counting, report sentences
"""

from __future__ import annotations

from hearing_core.petitions.domain.backlog import (
    BACKLOG,
    BacklogCase,
    BacklogOrigin,
    BacklogOutcome,
    BacklogState,
    ProgressEntry,
)
from hearing_core.petitions.domain.categories import Category, CategoryCatalog, default_catalog
from hearing_core.petitions.domain.codes import (
    AbnormalReason,
    Channel,
    NotAcceptedReason,
    OpinionOutcome,
    Purpose,
    Sex,
    Source,
    StatutoryRoute,
)
from hearing_core.petitions.domain.disposition import (
    DISPOSITION,
    ClockEvent,
    Disposition,
    DispositionState,
    EventKind,
    Handover,
)
from hearing_core.petitions.domain.identity import (
    birth_date_from_id,
    id_number_error,
    mask_id_number,
    mask_phone,
    normalise_phone,
    phone_error,
    sex_from_id,
    validate_id_number,
    validate_phone,
)
from hearing_core.petitions.domain.importing import ImportParser, ImportRow
from hearing_core.petitions.domain.item import Petitioner, PetitionItem
from hearing_core.petitions.domain.matter import PetitionMatter, matter_key
from hearing_core.petitions.domain.readers import ImportFormat, detect_format
from hearing_core.petitions.domain.repeats import RepeatSuggestion, RepeatWeights, suggest_repeats
from hearing_core.petitions.domain.satisfaction import (
    EvaluationWindow,
    SatisfactionEvaluation,
    SatisfactionGrade,
    SatisfactionSummary,
    evaluate,
    is_satisfied,
    summarise,
)
from hearing_core.petitions.domain.sentences import (
    acceptance_sentence,
    category_sentence,
    change_phrase,
    intake_paragraph,
    intake_sentence,
    repeat_sentence,
)
from hearing_core.petitions.domain.statistics import (
    AnnualFigures,
    PreviousYear,
    YearCounts,
    annual_figures,
    change_pct,
    percent,
)
from hearing_core.petitions.domain.tally import TallyRecord, tally

__all__ = [
    "BACKLOG",
    "DISPOSITION",
    "AbnormalReason",
    "AnnualFigures",
    "BacklogCase",
    "BacklogOrigin",
    "BacklogOutcome",
    "BacklogState",
    "Category",
    "CategoryCatalog",
    "Channel",
    "ClockEvent",
    "Disposition",
    "DispositionState",
    "EvaluationWindow",
    "EventKind",
    "Handover",
    "ImportFormat",
    "ImportParser",
    "ImportRow",
    "NotAcceptedReason",
    "OpinionOutcome",
    "PetitionItem",
    "PetitionMatter",
    "Petitioner",
    "PreviousYear",
    "ProgressEntry",
    "Purpose",
    "RepeatSuggestion",
    "RepeatWeights",
    "SatisfactionEvaluation",
    "SatisfactionGrade",
    "SatisfactionSummary",
    "Sex",
    "Source",
    "StatutoryRoute",
    "TallyRecord",
    "YearCounts",
    "acceptance_sentence",
    "annual_figures",
    "birth_date_from_id",
    "category_sentence",
    "change_pct",
    "change_phrase",
    "default_catalog",
    "detect_format",
    "evaluate",
    "id_number_error",
    "intake_paragraph",
    "intake_sentence",
    "is_satisfied",
    "mask_id_number",
    "mask_phone",
    "matter_key",
    "normalise_phone",
    "percent",
    "phone_error",
    "repeat_sentence",
    "sex_from_id",
    "suggest_repeats",
    "summarise",
    "tally",
    "validate_id_number",
    "validate_phone",
]
