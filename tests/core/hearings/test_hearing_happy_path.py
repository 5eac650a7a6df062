"""A whole hearing, application to served report, under each profile.

National: a panel of three (presiding officer + two hearing officers), votes 2-1.
Shandong: a panel of five, votes 3-2. In both, one officer is recused and replaced, the
petitioner and a third party each bring an agent, three evidence items are cross-examined,
every phase is held, the conclusion is reached at the session and the record is signed.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time

from hearing_story import APPLIED_ON, DECIDED_ON, HEARING_DAY, PRESIDING_ID, Profile, Story

from hearing_core.hearings.domain import (
    PHASES,
    Assessment,
    CaseState,
    CaseTransitioned,
    DeciderCapacity,
    DocumentKind,
    EvidenceKind,
    Nominee,
    PanelRole,
    ParticipantRole,
    Phase,
    ServiceMethod,
    SessionPhaseEntered,
    Stance,
    VoteValue,
    notice_targets,
)

OK = Assessment(Stance.ACCEPT)


def sha(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def test_a_full_hearing(profile: Profile) -> None:
    s = Story(profile)
    rules, calc = s.rules, s.calc

    # Application and decision.
    s.apply()
    s.accept()
    case = s.case

    # Participants: handling unit, the petitioner's agent, a third party and its agent, a witness, an observer.
    s.keep(case.add_participant(name="李承办", role=ParticipantRole.HANDLING_UNIT_OFFICER, rules=rules,
                                person_id=300, unit="县住建局"))
    s.keep(case.add_participant(name="钱律师", role=ParticipantRole.AGENT, rules=rules, person_id=301,
                                principal_no=1, power_of_attorney="授权委托书(2024)第11号"))
    s.keep(case.add_participant(name="李四", role=ParticipantRole.THIRD_PARTY, rules=rules, person_id=4))
    s.keep(case.add_participant(name="孙律师", role=ParticipantRole.AGENT, rules=rules, person_id=302,
                                principal_no=4, power_of_attorney="授权委托书(2024)第12号"))
    s.keep(case.add_participant(name="周证人", role=ParticipantRole.WITNESS, rules=rules, person_id=303))
    s.keep(case.add_participant(name="旁听群众", role=ParticipantRole.OBSERVER, rules=rules))
    petitioner, unit, agent, third, third_agent, witness = 1, 2, 3, 4, 5, 6

    # Panel: the smallest valid one; one officer is recused for a relationship and replaced.
    s.keep(case.assign_member(PanelRole.PRESIDING_OFFICER, Nominee(PRESIDING_ID, "王主持"), investigators={300}))
    officers = [s.pool(101 + i) for i in range(s.officer_count())]
    for nominee in officers:
        s.keep(case.assign_member(PanelRole.HEARING_OFFICER, nominee))
    s.keep(case.assign_member(PanelRole.CLERK, Nominee(150, "赵记录")))
    at = datetime(2024, 6, 6, 10)
    s.keep(case.request_recusal(seat=2, requested_by="钱律师", grounds="听证员与第三人系近亲属", at=at))
    s.keep(case.decide_recusal(1, granted=True, decided_by="县信访局局长", capacity=DeciderCapacity.ORGAN_HEAD, at=at))
    assert case.panel.vacant_seats() == [2]
    s.keep(case.replace_member(2, s.pool(120)))
    voters = [m.person_id for m in case.panel.voters(rules)]
    assert len(voters) == rules.panel_min and 101 not in voters and 120 in voters

    # Date, notices (by different methods, some via agents), announcement.
    s.schedule()
    methods = [ServiceMethod.IN_PERSON, ServiceMethod.EMAIL, ServiceMethod.REGISTERED_POST]
    for target, method in zip(notice_targets(case.participants), methods, strict=True):
        s.keep(case.serve(DocumentKind.HEARING_NOTICE, recipient_no=target.recipient_nos[-1], method=method,
                          served_on=date(2024, 6, 7), proof_ref=f"送达-{target.recipient_nos[-1]}"))
    s.keep(case.announce(published_on=date(2024, 6, 7), channel="县人民政府网站", reference="听证公告〔2024〕3号"))

    # The session: attendance, every phase, statements, evidence, cross-examination.
    s.keep(case.open_session(datetime.combine(HEARING_DAY, time(9)), rules=rules, calc=calc))
    for p in case.participants:
        s.keep(case.record_attendance(p.no, True))

    def say(who: str, role: str, text: str) -> None:
        s.keep(case.record_entry(speaker_name=who, speaker_role=role, text=text, at=s.now()))

    say("赵记录", "clerk", "到场人员核对无误")
    s.to(Phase.OPENING)
    say("王主持", "presiding_officer", "宣布听证开始，介绍听证人员，询问是否申请回避")
    s.to(Phase.RIGHTS_AND_RULES)
    say("王主持", "presiding_officer", "告知权利义务和听证纪律")
    s.to(Phase.PETITIONER_STATEMENT)
    say("钱律师", "agent", "陈述诉求：补偿面积少计")
    s.keep(case.submit_evidence(submitted_by_no=agent, kind=EvidenceKind.DOCUMENT, title="房屋所有权证",
                                attachments=[sha("产权证.pdf")], at=s.now()))
    s.keep(case.submit_evidence(submitted_by_no=petitioner, kind=EvidenceKind.PHOTO, title="房屋现状照片",
                                attachments=[sha("照片1.jpg"), sha("照片2.jpg")], at=s.now()))
    s.to(Phase.HANDLING_UNIT_STATEMENT)
    say("李承办", "handling_unit_officer", "说明征收补偿依据")
    s.keep(case.submit_evidence(submitted_by_no=unit, kind=EvidenceKind.SITE_SURVEY, title="测绘报告",
                                attachments=[sha("测绘.pdf")], at=s.now()))
    s.to(Phase.CROSS_EXAMINATION)
    for item, sides in ((1, (unit, third_agent)), (2, (unit, third)), (3, (agent, third_agent))):
        for by in sides:
            authenticity = Assessment(Stance.DISPUTE, "测绘时间早于加建") if (item, by) == (3, agent) else OK
            s.keep(case.cross_examine(item, by_no=by, authenticity=authenticity, relevance=OK, legality=OK,
                                      at=s.now()))
    s.to(Phase.DEBATE)
    say("钱律师", "agent", "加建部分应计入补偿")
    say("李承办", "handling_unit_officer", "加建未经批准")
    s.keep(case.define_issue("加建部分是否应予补偿"))
    s.keep(case.define_issue("补偿单价是否合理"))
    s.to(Phase.QUESTIONING)
    say("听证员120", "hearing_officer", "加建完成于何时？")
    say("周证人", "witness", "2015年完成")
    s.to(Phase.FINAL_STATEMENTS)
    say("张三", "petitioner", "请求依法补偿")
    say("李承办", "handling_unit_officer", "坚持原处理意见")

    # Deliberation: findings, secret votes (majority / minority), conclusion on the spot.
    s.to(Phase.DELIBERATION)
    s.keep(case.find_evidence(1, admitted=True, reason="", at=s.now()))
    s.keep(case.find_evidence(2, admitted=True, reason="", at=s.now()))
    s.keep(case.find_evidence(3, admitted=False, reason="测绘早于加建完成，不能反映现状", at=s.now()))
    majority = len(voters) // 2 + 1
    for i, voter in enumerate(voters):
        first = VoteValue.REASONABLE if i < majority else VoteValue.NOT_REASONABLE
        s.keep(case.cast_vote(voter_person_id=voter, issue_no=1, value=first, opinion=f"意见{i}", at=s.now()))
        s.keep(case.cast_vote(voter_person_id=voter, issue_no=2, value=VoteValue.PARTLY_REASONABLE,
                              opinion="单价偏低但有依据", at=s.now()))
    assert [v.voter_person_id for v in case.visible_votes(voters[0])] == [voters[0], voters[0]]
    s.keep(case.conclude(facts_found="加建部分于2015年完成，未经批准但已实际使用",
                         basis="《国有土地上房屋征收与补偿条例》第24条", recommendation="建议对加建部分给予适当补偿",
                         at=s.now()))
    s.to(Phase.RESUMPTION)
    say("王主持", "presiding_officer", "宣布听证结论")
    s.to(Phase.CLOSED)
    assert case.state is CaseState.CONCLUDED

    conclusion = case.conclusion
    assert conclusion is not None and conclusion.on_spot and conclusion.announced_at is not None
    issue1, issue2 = conclusion.results
    assert issue1.result is VoteValue.REASONABLE
    assert (issue1.tally["reasonable"], issue1.tally["not_reasonable"]) == (majority, len(voters) - majority)
    assert [d.voter_person_id for d in issue1.dissents] == voters[majority:]
    assert (issue2.result, issue2.dissents) == (VoteValue.PARTLY_REASONABLE, ())

    # Record: everyone present signs except the third party, whose refusal the clerk notes.
    for signatory in case.signatories():
        if signatory.key == f"participant:{third}":
            s.keep(case.note_refusal_to_sign(signatory.key, "第三人拒绝签字，已当场说明", s.now()))
        else:
            s.keep(case.sign_record(signatory.key, s.now()))
    assert case.record_final
    assert len(case.signatures) == len(case.participants) - 1 + len(case.panel.seated())  # observer excepted

    # Report served on every party within the on-the-spot period.
    for target in notice_targets(case.participants):
        s.keep(case.serve(DocumentKind.HEARING_REPORT, recipient_no=target.recipient_nos[0],
                          method=ServiceMethod.IN_PERSON, served_on=date(2024, 6, 28), proof_ref="报告送达回证"))
    s.keep(case.record_report_served(calc))
    assert case.state is CaseState.REPORT_SERVED
    assert not case.report_overdue(date(2024, 6, 28), calc)

    # The story, as the service layer would store it.
    path = [e.target for e in s.events if isinstance(e, CaseTransitioned)]
    assert path == ["applied", "accepted", "scheduled", "in_session", "concluded", "report_served"]
    assert [e.phase for e in s.events if isinstance(e, SessionPhaseEntered)] == [p.value for p in PHASES]
    kinds = [e.kind for e in s.events]
    for kind in ("hearing_applied", "hearing_accepted", "panel_member_recused", "panel_member_replaced",
                 "document_served", "hearing_announced", "session_opened", "evidence_submitted",
                 "cross_examination_recorded", "evidence_finding_made", "deliberation_opened", "vote_cast",
                 "conclusion_reached", "conclusion_announced", "session_closed", "record_signed",
                 "record_finalised", "report_served"):
        assert kind in kinds, kind
    assert kinds.count("cross_examination_recorded") == 6 and kinds.count("evidence_submitted") == 3
    assert case.application is not None and case.application.applied_on == APPLIED_ON
    assert case.decision is not None and case.decision.decided_on == DECIDED_ON
    assert case.session is not None and witness in case.session.present_nos()
