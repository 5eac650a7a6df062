"""``/api/v1/hearings/pool`` (听证员库), ``/calendar``, ``/bookings`` and ``/unavailability``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from litestar import Controller, get, patch, post
from litestar.params import FromQuery, JSONBody, PathParameter, QueryParameter

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.hearings import service as hs
from hearing_core.hearings.api import schemas as s

__all__ = ["CalendarController", "PoolController"]

READ, MANAGE, POOL = require("hearings.read"), require("hearings.manage"), require("hearings.pool")
Page = Annotated[int, QueryParameter(ge=1, le=1_000_000)]
PerPage = Annotated[int, QueryParameter(ge=1, le=200)]


class PoolController(Controller):
    path = "/api/v1/hearings/pool"
    tags = ["hearings"]

    @get("/", opt=READ, summary="The expert pool (active entries unless include_inactive)")
    async def list_pool(
        self,
        ctx: Ctx,
        affiliation: FromQuery[str | None] = None,
        include_inactive: FromQuery[bool] = False,
        page: Page = 1,
        per_page: PerPage = 50,
    ) -> dict[str, Any]:
        return await hs.list_experts(ctx, affiliation=affiliation, active=None if include_inactive else True,
                                     page=page, per_page=per_page)

    @post("/", opt=POOL, summary="Add an expert to the pool")
    async def add(self, ctx: Ctx, data: JSONBody[s.ExpertIn]) -> dict[str, Any]:
        return await hs.add_expert(ctx, name=data.name, affiliation=data.affiliation, organisation=data.organisation,
                                   username=data.username, phone=data.phone, note=data.note)

    @patch("/{entry_id:int}", opt=POOL, summary="Change a pool entry (active, linked user, organisation, note)")
    async def update(
        self, ctx: Ctx, entry_id: Annotated[int, PathParameter(ge=1)], data: JSONBody[s.ExpertUpdate]
    ) -> dict[str, Any]:
        return await hs.update_expert(ctx, entry_id, version=data.version, active=data.active,
                                      username=data.username, organisation=data.organisation, note=data.note)


class CalendarController(Controller):
    path = "/api/v1/hearings"
    tags = ["hearings"]

    @get("/calendar", opt=READ, summary="Calendar entries per venue or per officer (hearings, bookings, unavailability)")
    async def calendar(
        self,
        ctx: Ctx,
        date_from: FromQuery[dt.date],
        date_to: FromQuery[dt.date],
        venue: FromQuery[str | None] = None,
        officer: FromQuery[str | None] = None,
    ) -> list[dict[str, Any]]:
        return await hs.calendar_view(ctx, date_from=date_from, date_to=date_to, venue=venue, officer=officer)

    @get("/bookings", opt=READ, summary="Venue bookings in a period")
    async def bookings(self, ctx: Ctx, date_from: FromQuery[dt.date], date_to: FromQuery[dt.date]) -> list[dict[str, Any]]:
        return await hs.list_bookings(ctx, date_from=date_from, date_to=date_to)

    @post("/bookings", opt=MANAGE, summary="Book a venue for something other than a hearing")
    async def add_booking(self, ctx: Ctx, data: JSONBody[s.Booking]) -> dict[str, Any]:
        return await hs.add_booking(ctx, venue=data.venue, start=data.start, end=data.end, reference=data.reference)

    @get("/unavailability", opt=READ, summary="Declared unavailability in a period")
    async def unavailability(
        self, ctx: Ctx, date_from: FromQuery[dt.date], date_to: FromQuery[dt.date],
        username: FromQuery[str | None] = None,
    ) -> list[dict[str, Any]]:
        return await hs.list_unavailability(ctx, date_from=date_from, date_to=date_to, username=username)

    @post("/unavailability", opt=READ, summary="Declare that an officer (you by default) cannot sit")
    async def declare(self, ctx: Ctx, data: JSONBody[s.Unavailability]) -> dict[str, Any]:
        return await hs.declare_unavailability(ctx, start=data.start, end=data.end, reason=data.reason,
                                               username=data.username)
