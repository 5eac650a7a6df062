"""Synthetic petitioners (模拟信访人): names, resident ID numbers and phone numbers.

ID numbers are valid GB 11643-1999 numbers (region code, birth date, sequence whose
parity matches the sex of the given name, check character from
:func:`hearing_core.petitions.domain.identity.id_check_code`), so every generated
row passes the register's validation. Numbers are invented: a random sequence
number makes a collision with a real person's number a matter of chance, and the
files say they are synthetic.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from hearing_core.petitions.domain.identity import id_check_code
from hearing_core.seeddata.vocab import FEMALE_GIVEN, MALE_GIVEN, REGION_CODES, SURNAMES, TOWNS, VILLAGES

__all__ = ["Person", "make_person"]

_BORN_FROM = date(1945, 1, 1)
_BORN_SPAN = (date(1998, 12, 31) - _BORN_FROM).days
_MOBILE_PREFIXES = ("134", "135", "136", "137", "138", "139", "150", "151", "152", "158", "159", "182",
                    "183", "187", "188", "130", "131", "132", "155", "156", "185", "186", "133", "153",
                    "180", "181", "189", "177", "199")  # fmt: skip


@dataclass(frozen=True)
class Person:
    """A petitioner (信访人) as the import file's nested ``petitioner`` object, plus an address."""

    name: str
    id_number: str | None
    phone: str | None
    address: str

    def as_dict(self) -> dict[str, str]:
        data = {"name": self.name}
        if self.id_number:
            data["id_number"] = self.id_number
        if self.phone:
            data["phone"] = self.phone
        return data


def make_id_number(rng: random.Random, *, male: bool) -> str:
    """A valid 18-character resident ID number (居民身份证号码) for a person born 1945–1998."""
    born = _BORN_FROM + timedelta(days=rng.randrange(_BORN_SPAN))
    sequence = rng.randrange(0, 1000)
    if (sequence % 2 == 1) != male:  # the 17th digit is odd for men
        sequence = (sequence + 1) % 1000
    first17 = f"{rng.choice(REGION_CODES)}{born:%Y%m%d}{sequence:03d}"
    return first17 + id_check_code(first17)


def make_phone(rng: random.Random) -> str:
    """A mobile number (most petitioners) or a county landline with its area code."""
    if rng.random() < 0.9:
        return rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
    return f"0763-{rng.randrange(2, 9)}{rng.randrange(10**6):06d}"


def make_person(
    rng: random.Random, *, id_share: float = 0.9, phone_share: float = 0.92, address: str | None = None
) -> Person:
    """A petitioner; ``id_share``/``phone_share`` are the chances the register has the ID / phone."""
    male = rng.random() < 0.62  # more men than women petition in county registers
    name = rng.choice(SURNAMES) + rng.choice(MALE_GIVEN if male else FEMALE_GIVEN)
    id_number = make_id_number(rng, male=male) if rng.random() < id_share else None
    phone = make_phone(rng) if rng.random() < phone_share else None
    address = address or f"{rng.choice(TOWNS)}{rng.choice(VILLAGES)}"
    return Person(name, id_number, phone, address)
