"""Setting the county up (机构设置): the review organ table, the service centre and the receiving leaders."""

from __future__ import annotations

from hearing_core.demo import county
from hearing_core.demo.story import Story

__all__ = ["configure"]

#: The centre's mediators: (name, committee role, sex, specialities, username).
MEDIATORS = (
    ("陈明", "chair", "male", ["土地权属", "邻里纠纷"], "mediator"),
    ("林芳", "member", "female", ["婚姻家庭", "邻里纠纷"], None),
    ("黄伟", "member", "male", ["劳资纠纷"], None),
    ("吴静", "none", "female", ["邻里纠纷", "物业纠纷"], None),
)


async def configure(story: Story) -> None:
    """Everything an administrator sets up before the year's work (as the administrator)."""
    admin = story.people.admin
    story.at_today()
    if story.has("review", "review organ table"):
        from hearing_review.services import load_organs

        await load_organs(admin, county.organs())
    if story.has("mediation", "service centre"):
        from hearing_mediation import centres
        from hearing_mediation.domain import Centre, CommitteeRole, Mediator

        c = county.CENTRE
        centre = await centres.create_centre(admin, Centre(
            c["code"], c["name"], c["committee"], doc_prefix=c["doc_prefix"],
            address="临江县人民路88号信访局一楼", phone="0571-86021236"))
        for name, role, sex, specialities, username in MEDIATORS:
            await centres.add_mediator(admin, Mediator(centre["id"], name, username=username, sex=sex,
                                                       specialities=specialities,
                                                       committee_role=CommitteeRole(role)))
        await centres.add_member(admin, centre["id"], "centre_staff")
        story.note("centre_id", centre["id"])
        story.note("centre_code", c["code"])
    if story.has("reception", "receiving leaders and rules"):
        from hearing_reception.services import leaders

        await leaders.load_leaders_file(admin, county.leaders())
        await leaders.load_rules_file(admin, county.reception_rules(story.year))
