"""A complete hearing, built directly through the domain, for the document tests.

临江县人民政府信访局 hears 张建国's matter on 滨江路片区房屋征收补偿标准: petitioner with an
agent, a third party with an agent, the handling unit, a witness and an observer; a panel of
three (one hearing officer recused and replaced); three evidence items cross-examined; every
phase held; a 2-1 vote on the first issue; the third party refuses to sign.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from hearing_core.hearings.documents.organ import MatterInfo, Organ
from hearing_core.hearings.domain import (
    Assessment,
    DeciderCapacity,
    DocumentKind,
    EvidenceKind,
    HearingCase,
    HearingRuleSet,
    Nominee,
    PanelRole,
    ParticipantRole,
    Phase,
    RuleId,
    ServiceMethod,
    Slot,
    Stage,
    Stance,
    SuspendReason,
    VoteValue,
    notice_targets,
)
from hearing_core.hearings.domain.vocab import Affiliation

ORGAN = Organ(name="临江县人民政府信访局", abbreviation="临", contact_name="周敏", contact_phone="0571-86021234",
              address="临江县人民路88号信访局一楼接待大厅")
MATTER = MatterInfo(ref="LJ-2025-0042", title="滨江路片区房屋征收补偿标准", received_on=date(2025, 1, 15))
RULES = HearingRuleSet(panel_min=3)
HEARING_DAY = date(2025, 3, 20)  # a Thursday
VENUE = "临江县人民政府信访局三楼听证室"
OK = Assessment(Stance.ACCEPT)
PETITIONER, UNIT, AGENT, THIRD, THIRD_AGENT, WITNESS, OBSERVER = 1, 2, 3, 4, 5, 6, 7


class Calendar:
    """Calendar days only; enough for documents (the engine is tested elsewhere)."""

    LIMITS = {RuleId.APPLICATION: 10, RuleId.DECISION: 15, RuleId.HOLD_WITHIN: 30, RuleId.NOTICE: 7,
              RuleId.CONSENT_REPLY: 5, RuleId.CONCLUSION_ON_SPOT: 10, RuleId.CONCLUSION_LATER: 20}

    def due(self, rule_id: str, start: date, pauses: Sequence[tuple[date, date]] = ()) -> date:
        return start + timedelta(days=self.LIMITS[RuleId(rule_id)])

    def latest_before(self, rule_id: str, event: date) -> date:
        return event - timedelta(days=self.LIMITS[RuleId(rule_id)])

    def source(self, rule_id: str) -> str | None:
        return None


CALC = Calendar()


def sha(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


class Clock:
    def __init__(self, start: datetime) -> None:
        self.at = start

    def __call__(self, minutes: int = 4) -> datetime:
        self.at += timedelta(minutes=minutes)
        return self.at


def prepared_case(*, public: bool = True) -> HearingCase:
    """Applied, accepted, staffed (with a recusal), scheduled and notified; not yet in session."""
    case, _ = HearingCase.apply(
        matter_id=42, stage=Stage.HANDLING, applicant_name="张建国", applicant_person_id=1,
        applied_on=date(2025, 2, 17), grounds="请求按市场评估价重新核定房屋征收补偿，并将加建部分纳入补偿范围",
        told_of_right_on=date(2025, 2, 12), rules=RULES, calc=CALC,
    )
    case.id = 12
    case.accept(date(2025, 2, 24), "临江县人民政府信访局局长", CALC, RULES)
    case.add_participant(name="李承办", role=ParticipantRole.HANDLING_UNIT_OFFICER, rules=RULES, person_id=300,
                         unit="临江县住房和城乡建设局")
    case.add_participant(name="钱明律师", role=ParticipantRole.AGENT, rules=RULES, person_id=301, principal_no=1,
                         power_of_attorney="授权委托书〔2025〕第11号")
    case.add_participant(name="李秀英", role=ParticipantRole.THIRD_PARTY, rules=RULES, person_id=4)
    case.add_participant(name="孙志远", role=ParticipantRole.AGENT, rules=RULES, person_id=302, principal_no=4,
                         power_of_attorney="授权委托书〔2025〕第12号")
    case.add_participant(name="周德兴", role=ParticipantRole.WITNESS, rules=RULES, person_id=303)
    case.add_participant(name="吴晓梅", role=ParticipantRole.OBSERVER, rules=RULES)
    case.assign_member(PanelRole.PRESIDING_OFFICER, Nominee(100, "王立新"), investigators={300})
    case.assign_member(PanelRole.HEARING_OFFICER, Nominee(101, "陈红梅", Affiliation.LAWYER, pool_entry_id=5101))
    case.assign_member(PanelRole.HEARING_OFFICER, Nominee(102, "刘志强", Affiliation.NPC_DEPUTY, pool_entry_id=5102))
    case.assign_member(PanelRole.CLERK, Nominee(150, "孙丽"))
    at = datetime(2025, 2, 26, 10)
    case.request_recusal(seat=2, requested_by="孙志远", grounds="听证员陈红梅曾担任第三人的法律顾问", at=at)
    case.decide_recusal(1, granted=True, decided_by="临江县人民政府信访局局长", capacity=DeciderCapacity.ORGAN_HEAD,
                        at=at)
    case.replace_member(2, Nominee(120, "赵晓燕", Affiliation.EXPERT, pool_entry_id=5120))
    slot = Slot(datetime.combine(HEARING_DAY, time(9, 30)), datetime.combine(HEARING_DAY, time(12)), venue=VENUE)
    case.schedule_hearing(slot, today=date(2025, 3, 1), rules=RULES, calc=CALC, public=public,
                          closed_reason=None if public else "privacy")
    methods = [ServiceMethod.IN_PERSON, ServiceMethod.REGISTERED_POST, ServiceMethod.IN_PERSON]
    for target, method in zip(notice_targets(case.participants), methods, strict=True):
        case.serve(DocumentKind.HEARING_NOTICE, recipient_no=target.recipient_nos[-1], method=method,
                   served_on=date(2025, 3, 3), proof_ref=f"送达回证第{target.recipient_nos[-1]}号")
    if public:
        case.announce(published_on=date(2025, 3, 4), channel="临江县人民政府网站", reference="临信听公〔2025〕12号")
    return case


def concluded_case(*, suspend: bool = False) -> HearingCase:
    """The prepared case heard through every phase, concluded on the spot and signed."""
    case = prepared_case()
    clock = Clock(datetime.combine(HEARING_DAY, time(9, 30)))
    case.open_session(clock(0), rules=RULES, calc=CALC)
    for p in case.participants:
        case.record_attendance(p.no, True)

    def say(who: str, role: str, text: str) -> None:
        case.record_entry(speaker_name=who, speaker_role=role, text=text, at=clock())

    def advance() -> None:
        case.advance(clock(), rules=RULES)

    say("孙丽", "clerk", "经核对，信访人张建国及其委托代理人钱明律师、第三人李秀英及其委托代理人孙志远、承办人李承办、证人周德兴均已到场。")
    advance()
    say("王立新", "presiding_officer", "现在宣布听证开始。本次听证由王立新主持，听证员刘志强、赵晓燕，记录员孙丽。当事人是否申请回避？")
    say("张建国", "petitioner", "不申请回避。")
    advance()
    say("王立新", "presiding_officer", "告知当事人的权利义务和听证纪律。")
    advance()
    say("钱明律师", "agent", "信访人房屋加建部分约三十平方米，征收时未计入补偿面积，补偿单价亦低于同期市场价。")
    case.submit_evidence(submitted_by_no=AGENT, kind=EvidenceKind.DOCUMENT, title="房屋所有权证",
                         attachments=[sha("产权证.pdf")], at=clock())
    case.submit_evidence(submitted_by_no=PETITIONER, kind=EvidenceKind.PHOTO, title="房屋现状照片",
                         attachments=[sha("照片1.jpg"), sha("照片2.jpg")], at=clock())
    advance()
    say("李承办", "handling_unit_officer", "补偿依据为县政府批准的征收补偿方案，加建部分未取得规划许可。")
    case.submit_evidence(submitted_by_no=UNIT, kind=EvidenceKind.SITE_SURVEY, title="房屋测绘报告",
                         attachments=[sha("测绘.pdf")], at=clock())
    if suspend:
        case.suspend(SuspendReason.NEW_WITNESS, "需通知测绘单位人员到场说明", clock())
        resume_day = datetime.combine(HEARING_DAY + timedelta(days=7), time(9, 30))
        case.set_resumption(Slot(resume_day, resume_day + timedelta(hours=3), venue=VENUE))
        for target in notice_targets(case.participants):
            case.serve(DocumentKind.RESUMPTION_NOTICE, recipient_no=target.recipient_nos[0],
                       method=ServiceMethod.SMS, served_on=HEARING_DAY + timedelta(days=1), proof_ref="短信回执")
        clock.at = resume_day
        case.resume(clock(0))
    advance()
    for item, sides in ((1, (UNIT, THIRD_AGENT)), (2, (UNIT, THIRD)), (3, (AGENT, THIRD_AGENT))):
        for by in sides:
            authenticity = Assessment(Stance.DISPUTE, "测绘时间早于加建完成") if (item, by) == (3, AGENT) else OK
            case.cross_examine(item, by_no=by, authenticity=authenticity, relevance=OK, legality=OK, at=clock())
    advance()
    say("钱明律师", "agent", "加建部分已实际使用十年，应当纳入补偿。")
    say("李承办", "handling_unit_officer", "加建未经批准，不属于合法建筑。")
    case.define_issue("加建部分是否应予补偿")
    case.define_issue("补偿单价是否合理")
    advance()
    say("赵晓燕", "hearing_officer", "加建部分于何时完成？")
    say("周德兴", "witness", "2015年夏天完成。")
    advance()
    say("张建国", "petitioner", "请求依法补偿。")
    say("李承办", "handling_unit_officer", "坚持原处理意见。")
    advance()  # deliberation
    case.find_evidence(1, admitted=True, reason="", at=clock())
    case.find_evidence(2, admitted=True, reason="", at=clock())
    case.find_evidence(3, admitted=False, reason="测绘早于加建完成，不能反映房屋现状", at=clock())
    votes = {100: VoteValue.REASONABLE, 102: VoteValue.REASONABLE, 120: VoteValue.NOT_REASONABLE}
    opinions = {100: "加建已长期使用，应适当补偿", 102: "加建事实清楚，应予补偿", 120: "加建未经批准，不应补偿"}
    for voter, value in votes.items():
        case.cast_vote(voter_person_id=voter, issue_no=1, value=value, opinion=opinions[voter], at=clock(1))
        case.cast_vote(voter_person_id=voter, issue_no=2, value=VoteValue.PARTLY_REASONABLE,
                       opinion="单价偏低但有评估依据", at=clock(1))
    case.conclude(facts_found="信访人房屋加建部分于2015年完成，未经规划许可但已实际使用至今",
                  basis="《国有土地上房屋征收与补偿条例》第二十四条", recommendation="建议对加建部分给予适当补偿",
                  at=clock())
    advance()  # resumption
    say("王立新", "presiding_officer", "宣布听证结论：加建部分应予适当补偿，补偿单价部分合理。")
    advance()  # closed
    for signatory in case.signatories():
        if signatory.key == f"participant:{THIRD}":
            case.note_refusal_to_sign(signatory.key, "第三人以不认可结论为由拒绝签名", clock(1))
        else:
            case.sign_record(signatory.key, clock(1))
    for target in notice_targets(case.participants):
        case.serve(DocumentKind.HEARING_REPORT, recipient_no=target.recipient_nos[0], method=ServiceMethod.IN_PERSON,
                   served_on=HEARING_DAY + timedelta(days=5), proof_ref="报告送达回证")
    return case


def phase_headings() -> list[str]:
    from hearing_core.hearings.documents.labels import PHASE

    return [PHASE[p.value] for p in Phase if p is not Phase.ABANDONED]
