"""Set-up of the plugin pages' tests: a mediation centre, a review organ table, a reception scheme.

Everything goes through the plugins' own services as an administrator would set an instance
up; the people created have the password ``PASSWORD`` of :mod:`web_support`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from web_support import PASSWORD


async def admin_ctx_of(app: Any) -> Any:
    from hearing_core.context import ServiceContext
    from hearing_core.security.service import actor_by_username

    return ServiceContext(app, await actor_by_username(app, "admin"))


async def add_user(app: Any, name: str, roles: list[str], display: str) -> str:
    from hearing_core.context import ServiceContext
    from hearing_core.security.actor import SYSTEM
    from hearing_core.security.service import create_user

    await create_user(ServiceContext(app, SYSTEM), name, PASSWORD, roles, display)
    return name


async def mediation_centre(app: Any, *, desk_user: str = "desk1", mediator_user: str = "chen") -> dict[str, Any]:
    """城关镇信访服务中心 with a complete committee; ``desk_user`` (centre staff) and ``mediator_user``
    (the chair 陈明) are members."""
    from hearing_mediation import centres
    from hearing_mediation.domain import Centre, CommitteeRole, Mediator

    admin = await admin_ctx_of(app)
    centre = await centres.create_centre(admin, Centre("CGZ", "城关镇信访服务中心", "城关镇人民调解委员会", doc_prefix="城调"))
    for name, role, sex in (("陈明", CommitteeRole.CHAIR, "male"), ("林芳", CommitteeRole.MEMBER, "female"),
                            ("黄伟", CommitteeRole.MEMBER, "male")):
        await centres.add_mediator(admin, Mediator(centre["id"], name, sex=sex, committee_role=role))
    await add_user(app, desk_user, ["centre_staff"], "周前台")
    await centres.add_member(admin, centre["id"], desk_user)
    await add_user(app, mediator_user, ["mediator"], "陈明")
    first = (await centres.get_centre(admin, centre["id"]))["mediators"][0]
    await centres.update_mediator(admin, first["id"], {"username": mediator_user})
    return await centres.get_centre(admin, centre["id"])


ORGANS = [
    {"code": "city-gov", "name": "某市人民政府", "level": "city"},
    {"code": "county-gov", "name": "临江县人民政府", "level": "county", "parent": "city-gov"},
    {"code": "county-xfj", "name": "临江县信访局", "level": "county", "parent": "county-gov"},
]


async def review_setup(app: Any, *, officer: str = "fang.review", received_days_after: int = 10) -> dict[str, Any]:
    """An organ table, a register item whose handling opinion was served, and a review
    application on it received ``received_days_after`` days after service, ten days ago
    (lodged by ``officer``, a review officer)."""
    from hearing_review import services as reviews
    from hearing_review.domain import Applicant, Capacity

    from hearing_core.petitions import service
    from hearing_core.petitions.service.inputs import item_from_data

    admin = await admin_ctx_of(app)
    await reviews.load_organs(admin, ORGANS)
    today = app.today()
    served = today - dt.timedelta(days=received_days_after + 10)
    item = item_from_data({"channel": "letter", "received_on": (served - dt.timedelta(days=40)).isoformat(),
                           "persons": 1, "summary": "反映房屋征收补偿标准过低",
                           "petitioners": [{"name": "张建国", "phone": "13912345678"}]}, today=today)
    record = await service.register_item(admin, item, create_matter=True)
    await service.accept(admin, record.ref, on=served - dt.timedelta(days=39))
    await service.issue_opinion(admin, record.ref, "not_support", on=served - dt.timedelta(days=5), served_on=served)
    await add_user(app, officer, ["review_officer"], "方复查")
    officer_ctx = await _ctx(app, officer)
    application = await reviews.submit(
        officer_ctx, kind="review", applicant=Applicant("张建国", Capacity.PETITIONER), request="撤销处理意见，按市场价补偿",
        reasons="评估机构未实地测量", item_ref=record.ref, received_on=served + dt.timedelta(days=received_days_after),
        receiving_organ="county-gov", original_organ="county-xfj")
    return {"item_ref": record.ref, "matter_ref": record.matter_ref, "ref": application["ref"], "officer": officer}


async def _ctx(app: Any, username: str) -> Any:
    from hearing_core.context import ServiceContext
    from hearing_core.security.service import actor_by_username

    return ServiceContext(app, await actor_by_username(app, username))


async def reception_setup(app: Any, *, desk: str = "reg.desk", leader: str = "li.sec") -> dict[str, Any]:
    """Two leaders and a reception held today at the bureau (planned by the registrar ``desk``);
    ``leader`` is the county party secretary's user account."""
    from hearing_reception.services import leaders, planning

    await add_user(app, desk, ["registrar"], "陈登记")
    await add_user(app, leader, ["leader"], "李明")
    ctx = await _ctx(app, desk)
    await leaders.create_leader(ctx, {"code": "li-sec", "name": "李明", "post": "县委书记", "level": "county",
                                      "portfolio": "全面工作", "username": leader})
    await leaders.create_leader(ctx, {"code": "zhou-vice", "name": "周华", "post": "副县长", "level": "county",
                                      "portfolio": "自然资源、住房城乡建设"})
    reception = await planning.create_reception(ctx, day=app.today(), place="县信访局群众接待大厅",
                                                leaders=["li-sec", "zhou-vice"], session="am", title="约访")
    return {"reception_id": reception.id, "desk": desk, "leader": leader}
