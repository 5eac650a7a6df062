"""Review and re-review of the demo year (复查、复核): the seed's 16 applications and a terminated matter.

The handling officer assigns, reports on and issues the handling opinions of sixteen
letters' matters and serves them; the petitioners apply for review to the county
government. The review officer refuses six on real grounds (three late, two lodged with
the wrong organ, one before the opinion was served), accepts ten, decides seven (five upheld,
one remanded and redone, one modified) and has three still under review at the year's end
(the seed: "16件，不予受理6件，受理10件，7件已作出处理意见，3件正在复查"). One upheld
petitioner goes on to re-review at the city government; its opinion, once served, ends the
matter (三级终结), and the follow-up visits are recorded.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hearing_core.demo.receptions import unit_for
from hearing_core.demo.story import Story

__all__ = ["run_reviews"]

D = dt.timedelta
#: (kind of application, month the opinion was served): six refused, seven decided, three pending.
PLAN = (("late", 1), ("uphold", 2), ("wrong_organ", 3), ("uphold", 3), ("remand", 4), ("late", 5),
        ("uphold", 5), ("modify", 6), ("unserved", 6), ("uphold", 7), ("wrong_organ", 8), ("uphold", 9),
        ("late", 9), ("pending", 12), ("pending", 12), ("pending", 12))


def _letters(story: Story) -> list[dict[str, Any]]:
    """Accepted letters on matters of their own (one per matter), oldest first."""
    assert story.plan is not None
    used: set[str] = story.shared.setdefault("used_matters", set())
    seen: set[str] = set()
    out = []
    for row in story.plan.imported:
        ref = row.get("matter_ref")
        if row["channel"] == "letter" and row["accepted"] and ref and ref not in seen and ref not in used:
            seen.add(ref)
            out.append(row)
    return out


async def _opinion(story: Story, row: dict[str, Any], served: dt.date | None, outcome: str = "not_support") -> None:
    """The handling opinion on ``row``'s item: assigned, reported, issued, served (or not yet)."""
    from hearing_core.petitions import service as register

    officer = story.people["handling_officer"]
    received = dt.date.fromisoformat(row["received_on"])
    unit = unit_for(row.get("category", ""))
    await register.assign(officer, row["ref"], unit, received + D(days=40), on=received + D(days=2))
    await register.report_completion(officer, row["ref"], f"{unit}已调查核实并提出处理意见。", on=received + D(days=25))
    await register.issue_opinion(officer, row["ref"], outcome, on=received + D(days=30), served_on=served)
    story.shared["used_matters"].add(row["matter_ref"])


async def run_reviews(story: Story) -> None:
    from hearing_review import services as reviews
    from hearing_review.domain import Applicant, Evidence

    y, ctx = story.year, story.people["review_officer"]
    letters = _letters(story)
    refs: dict[str, list[str]] = {}
    story.at_today()
    async with ctx.write():
        for n, (kind, month) in enumerate(PLAN):
            served = dt.date(y, month, 3 + n % 5 * 4)
            row = next(r for r in reversed(letters) if dt.date.fromisoformat(r["received_on"]) <= served - D(days=45)
                       and r["matter_ref"] not in story.shared["used_matters"])
            await _opinion(story, row, None if kind == "unserved" else served)
            received = served + D(days={"late": 45, "unserved": 20}.get(kind, 10))
            p = row["petitioner"]
            application = await reviews.submit(
                ctx, kind="review", item_ref=row["ref"], applicant=Applicant(p["name"], id_number=p.get("id_number"),
                                                                           phone=p.get("phone")),
                request="撤销原处理意见，依法重新处理", reasons="原处理意见认定事实不清，对本人反映的问题未予解决",
                evidence=[Evidence("原处理意见书复印件", 2)], received_on=received,
                receiving_organ="city-gov" if kind == "wrong_organ" else "county-gov")
            ref = str(application["ref"])
            refs.setdefault(kind, []).append(ref)
            story.shared.setdefault("applicants", {})[ref] = p["name"]
            if kind in ("late", "wrong_organ", "unserved"):
                await reviews.refuse(ctx, ref, on=received + D(days=5))
                continue
            await reviews.accept(ctx, ref, on=received + D(days=1))
            if kind == "pending":
                continue
            decided = received + D(days=16)
            if kind == "remand":
                await reviews.decide(ctx, ref, outcome="revoke_remand", findings="原处理意见认定事实不清，证据不足。",
                                     on=decided, redo_due_on=decided + D(days=30))
                await reviews.serve(ctx, ref, on=decided + D(days=3))
                await reviews.record_redo(ctx, ref, conclusion="support",
                                          issued_on=decided + D(days=25), served_on=decided + D(days=27), same_facts=False)
            elif kind == "modify":
                await reviews.decide(ctx, ref, outcome="modify", findings="补偿款计算有误。", on=decided,
                                     new_conclusion="按评估价补足差额人民币六千五百元。")
            else:
                await reviews.decide(ctx, ref, outcome="uphold", on=decided,
                                     findings="经调查核实，原处理意见认定事实清楚，证据确凿，适用依据正确，程序合法。")
    story.note("review_applications", refs)
    await _rereview(story, refs["uphold"][1])


async def _rereview(story: Story, review_ref: str) -> None:
    """The review opinion served; a re-review at the city government; its service ends the matter."""
    from hearing_review import services as reviews
    from hearing_review.domain import Applicant

    ctx = story.people["review_officer"]
    review = await reviews.get_application(ctx, review_ref)
    decided = dt.date.fromisoformat(str(review["decision"]["decided_on"]))
    name = story.shared["applicants"][review_ref]
    served = decided + D(days=3)
    await reviews.serve(ctx, review_ref, on=served)
    received = served + D(days=12)
    application = await reviews.submit(
        ctx, kind="rereview", review_ref=review_ref, applicant=Applicant(name),
        request="撤销复查意见", reasons="复查意见未考虑本人提交的新证据", received_on=received, receiving_organ="city-gov")
    ref = str(application["ref"])
    await reviews.accept(ctx, ref, on=received + D(days=1))
    await reviews.decide(ctx, ref, outcome="uphold", on=received + D(days=20),
                         findings="经复核，复查意见认定事实清楚，处理适当，予以维持。")
    await reviews.serve(ctx, ref, on=received + D(days=23))
    matter = str(review["matter_ref"])
    await reviews.add_followup(ctx, matter, kind="回访", staff="孙复查", contact=name,
                               note="上门回访，解释复核意见，信访人表示理解。", on=received + D(days=30))
    story.note("rereview", ref)
    story.note("terminated_matter", matter)
