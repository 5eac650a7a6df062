"""Masking of personal data (个人信息脱敏) for lists, exports, logs and error bodies.

Domain teams call :func:`redact_for` on every dict they return to a caller:
roles without ``personal_data.read`` get ID numbers and phone numbers masked,
roles with it get them in full (and the caller records an audit entry with
:func:`hearing_core.audit.reads.audit_read`). :func:`scrub_text` masks any
18-digit resident ID number (身份证号) or 11-digit mobile number found in free
text; the logging filter and the error handler apply it to every log line and
problem body, so a number typed into a note or a search box never reaches a log.

The formats match the documents package (``440106********1234``, ``138****5678``)
so a number looks the same masked on screen, in an export and in a document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hearing_core.security.actor import Actor

__all__ = [
    "ID_NUMBER_FIELDS",
    "PERSONAL_DATA_PERMISSION",
    "PHONE_FIELDS",
    "mask_id_number",
    "mask_phone",
    "redact_for",
    "scrub_text",
]

PERSONAL_DATA_PERMISSION = "personal_data.read"

#: Field names the domain schemas use for identity-document numbers.
ID_NUMBER_FIELDS: frozenset[str] = frozenset(
    {"id_number", "id_card", "id_card_number", "identity_number", "petitioner_id_number", "idcard"}
)
#: Field names the domain schemas use for telephone numbers.
PHONE_FIELDS: frozenset[str] = frozenset(
    {"phone", "mobile", "telephone", "contact_phone", "petitioner_phone", "phone_number"}
)

# A resident ID number: 17 digits and a digit or check letter X, not part of a longer number.
_ID_RE = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])")
# A mainland mobile number, optionally with the country code (+86 / 0086 / 86).
_MOBILE_RE = re.compile(r"(?<![\d+])((?:\+|00)?86[\s-]?)?(1[3-9]\d)\d{4}(\d{4})(?!\d)")
# A bearer token (JWT: three base64url parts starting with the encoded '{"').
_JWT_RE = re.compile(r"eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}")


def mask_id_number(value: object) -> str:
    """``440106199001011234`` → ``440106********1234`` (region code and last four kept).

    Numbers shorter than an ID card (passports, permits) keep only their last two characters.
    """
    if value is None:
        return ""
    text = str(value).strip()
    if len(text) >= 15:
        return text[:6] + "*" * (len(text) - 10) + text[-4:]
    if len(text) > 4:
        return "*" * (len(text) - 2) + text[-2:]
    return "*" * len(text)


def mask_phone(value: object) -> str:
    """``13812345678`` → ``138****5678``; landlines keep their area code and last four digits.

    Only digits are replaced, so separators keep the number's familiar shape.
    """
    if value is None:
        return ""
    text = str(value).strip()
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if len(digits) <= 4:
        return "".join("*" if ch.isdigit() else ch for ch in text)
    head = 0
    bare = "".join(text[i] for i in digits)
    for prefix in ("0086", "86"):
        # The country code identifies nobody; keep it with the next three digits.
        if bare.startswith(prefix) and len(bare) - len(prefix) == 11:
            head = len(prefix)
            break
    if len(bare) - head == 11 and bare[head] == "1":
        head += 3
    elif "-" in text or " " in text:
        # Landline with an area code (区号): keep the area code as typed.
        separator = min(p for p in (text.find("-"), text.find(" ")) if p >= 0)
        head = sum(1 for i in digits if i < separator)
    hidden = set(digits[head:-4])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(text))


def scrub_text(text: str) -> str:
    """Mask every ID number, mobile number and bearer token found in ``text``."""
    if not text:
        return text
    text = _JWT_RE.sub("[token]", text)
    text = _ID_RE.sub(lambda m: f"{m.group(1)}********{m.group(2)}", text)
    return _MOBILE_RE.sub(lambda m: f"{m.group(1) or ''}{m.group(2)}****{m.group(3)}", text)


def _mask_value(value: Any, masker: Any) -> Any:
    if value is None or value == "":
        return value
    if isinstance(value, list | tuple):
        return [masker(v) for v in value]
    return masker(value)


def redact_for(
    actor: Actor | None,
    data: Mapping[str, Any],
    fields: Iterable[str] | None = None,
    *,
    id_fields: Iterable[str] = ID_NUMBER_FIELDS,
    phone_fields: Iterable[str] = PHONE_FIELDS,
) -> dict[str, Any]:
    """A copy of ``data`` with personal data masked unless ``actor`` holds ``personal_data.read``.

    ``fields`` limits masking to these keys (names found in ``phone_fields`` get
    the phone mask, every other named field the ID-number mask); by default every
    key named like an ID number or phone is masked. Nested dicts and lists of
    dicts are masked too, so a party list inside a case is covered. ``actor=None``
    always masks (exports for the public, log context).
    """
    if actor is not None and actor.has(PERSONAL_DATA_PERMISSION):
        return dict(data)
    phones = set(phone_fields)
    if fields is not None:
        wanted = set(fields)
        ids = wanted - phones
        phones = wanted & phones
    else:
        ids = set(id_fields)
    return _redact(data, ids, phones)


def _redact(data: Mapping[str, Any], ids: set[str], phones: set[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in ids:
            out[key] = _mask_value(value, mask_id_number)
        elif key in phones:
            out[key] = _mask_value(value, mask_phone)
        elif isinstance(value, Mapping):
            out[key] = _redact(value, ids, phones)
        elif isinstance(value, list):
            out[key] = [_redact(v, ids, phones) if isinstance(v, Mapping) else v for v in value]
        else:
            out[key] = value
    return out
