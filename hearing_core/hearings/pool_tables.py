"""Hearing tables outside a case: the expert pool (听证员库), venue bookings, officers'
unavailability and stored files (content-addressed attachments)."""

from __future__ import annotations

from piccolo.columns import Boolean, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.table import Table

__all__ = ["ExpertPoolEntry", "HearingFile", "OfficerUnavailability", "VenueBooking"]


class ExpertPoolEntry(Table, tablename="hearing_expert"):
    """The expert pool (听证员库): candidates for hearing officer seats."""

    id: Serial

    name = Varchar(length=100)
    affiliation = Varchar(length=32, index=True)
    organisation = Varchar(length=200, default="")
    #: The user account the expert logs in with (to vote); required to take a seat.
    user_id = Integer(null=True, default=None, index=True)
    username = Varchar(length=64, null=True, default=None)
    phone = Varchar(length=32, null=True, default=None)
    note = Text(default="")
    active = Boolean(default=True)
    created_at = Timestamptz()
    updated_at = Timestamptz()
    version = Integer(default=1)


class VenueBooking(Table, tablename="hearing_venue_booking"):
    """A venue booked for something other than a hearing (接访日、会议 ...)."""

    id: Serial

    venue = Varchar(length=200, index=True)
    starts_at = Timestamptz(index=True)
    ends_at = Timestamptz()
    reference = Varchar(length=200, default="")
    created_by = Varchar(length=64, default="")
    created_at = Timestamptz()


class OfficerUnavailability(Table, tablename="hearing_unavailability"):
    """A panel member's declared unavailability (请假、出差 ...); ``person_id`` is the user's id."""

    id: Serial

    person_id = Integer(index=True)
    starts_at = Timestamptz(index=True)
    ends_at = Timestamptz()
    reason = Varchar(length=200, default="")
    created_by = Varchar(length=64, default="")
    created_at = Timestamptz()


class HearingFile(Table, tablename="hearing_file"):
    """A stored file (evidence attachment), content-addressed by SHA-256."""

    id: Serial

    sha256 = Varchar(length=64, unique=True, index=True)
    size = Integer()
    media_type = Varchar(length=100, default="application/octet-stream")
    filename = Varchar(length=255, default="")
    stored_by = Varchar(length=64, default="")
    stored_at = Timestamptz()
