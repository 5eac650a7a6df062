#!/usr/bin/env bash
# Review, re-review and three-level termination (复查、复核、三级终结), end to end through the CLI.
#
# Creates a fresh SQLite instance in a temporary directory, loads the county's organ hierarchy,
# registers two matters in the core register and serves their handling opinions, then:
#   * a review application that arrives one day after its window is refused, the rule named,
#     and the written non-acceptance notice is printed;
#   * a timely one (received on the last day: the window ended in the National Day holidays and
#     rolled to 9 October) is accepted, heard (a hearing case opened through the hearings
#     service; its two days are not counted in the decision clock), decided and served;
#   * the petitioner asks for re-review; the re-review opinion is served and the matter is
#     terminated (三级终结);
#   * a new petition on the matter is refused by the register with the termination message,
#     while a follow-up persuasion record is still accepted;
#   * the annual-report section is printed.
#
# Needs `hearing` on PATH (CI: the venv's bin). Usage: bash docs/examples/review_walkthrough.sh
set -euo pipefail

HEARING_DATA_DIR=$(mktemp -d)
export HEARING_DATA_DIR
trap 'rm -rf "$HEARING_DATA_DIR"' EXIT
unset HEARING_DATABASE_URL HEARING_RULE_PROFILE HEARING_USER
# Only the review plugin (and the core: register, hearings), so the walkthrough shows what it needs.
export HEARING_LOAD_PLUGINS=review
PW=walkthrough-password-1
OUT="$HEARING_DATA_DIR/out"
mkdir -p "$OUT"
json() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }
step() { printf '\n== %s\n' "$*"; }
# expect_failure FILE CMD...: CMD must fail; its stderr is kept in FILE for the checks that follow.
expect_failure() {
  local file=$1; shift
  if "$@" >"$file.out" 2>"$file"; then
    echo "expected failure, but it succeeded: $*" >&2
    exit 1
  fi
  cat "$file"
}

step "Instance, accounts, the bureau's review settings"
hearing init --username admin --password "$PW" --display-name 王局长 --non-interactive
hearing users add registrar --role registrar --display-name 赵登记 --password "$PW"
hearing users add officer --role handling_officer --display-name 钱办理 --password "$PW"
hearing users add reviewer --role review_officer --display-name 孙复查 --password "$PW"
hearing users add head --role leader --display-name 李县长 --password "$PW"
cat >> "$HEARING_DATA_DIR/config.toml" <<'TOML'

[review]
organ = "county-gov"
handling_organ = "county-xfj"
doc_prefix = "临"
contact = "临江县信访局复查复核科，联系电话：0000-1234567"
TOML

step "The organ hierarchy (机关层级): who reviews whom"
cat > "$HEARING_DATA_DIR/organs.toml" <<'TOML'
[[organ]]
code = "city-gov"
name = "某市人民政府"
level = "city"

[[organ]]
code = "county-gov"
name = "临江县人民政府"
level = "county"
parent = "city-gov"

[[organ]]
code = "county-xfj"
name = "临江县信访局"
level = "county"
parent = "county-gov"

[[organ]]
code = "east-town"
name = "东城镇人民政府"
level = "township"
parent = "county-gov"
TOML
hearing reviews organs load "$HEARING_DATA_DIR/organs.toml"
hearing reviews organs list

step "Two matters in the register, each with a served handling opinion (信访处理意见书)"
hearing --as registrar petitions register --ref XF-2025-00101 --received-on 2025-08-04 --channel visit \
  --petitioner "张三;440106198001010019;13812345678;东城镇红星村" --summary 反映房屋征收补偿标准偏低 \
  --request 要求按市场价补偿 --new-matter --matter M-2025-017 >/dev/null
hearing --as officer petitions accept XF-2025-00101 --on 2025-08-05 >/dev/null
hearing --as officer petitions assign XF-2025-00101 --unit 东城镇人民政府 --due 2025-08-29 --on 2025-08-06 >/dev/null
hearing --as officer petitions report-completion XF-2025-00101 --report 已核实补偿标准 --on 2025-08-25 >/dev/null
hearing --as officer petitions issue-opinion XF-2025-00101 --outcome 不予支持 --on 2025-08-28 --served-on 2025-09-01 >/dev/null

hearing --as registrar petitions register --ref XF-2025-00088 --received-on 2025-04-01 --channel letter \
  --petitioner 王五 --summary 反映宅基地审批问题 --new-matter --matter M-2025-009 >/dev/null
hearing --as officer petitions accept XF-2025-00088 --on 2025-04-02 >/dev/null
hearing --as officer petitions issue-opinion XF-2025-00088 --outcome explain --on 2025-05-26 --served-on 2025-05-28 >/dev/null

step "The review window (复查期限) crosses National Day: served 1 September, due 9 October"
hearing deadlines explain review.request_window --start 2025-09-01 | tail -n 4
# And one that ends in the Spring Festival: served 30 December 2024, due 5 February 2025.
hearing deadlines explain review.request_window --start 2024-12-30 | tail -n 2

step "A late application is refused, the rule named, with a written notice (不予受理告知书)"
LATE=$(hearing --as reviewer reviews apply --item XF-2025-00088 --applicant 王五 \
  --request 撤销处理意见，重新审批宅基地 --reasons 审批程序违法 --received-on 2025-07-10 --json | json '["ref"]')
expect_failure "$OUT/late.err" hearing --as head reviews accept "$LATE" --on 2025-07-11
grep -q "review.request_window" "$OUT/late.err"
grep -q "2025-06-27" "$OUT/late.err"
hearing --as head reviews refuse "$LATE" --on 2025-07-11
hearing --as reviewer reviews document "$LATE" notice -o "$OUT/notice.pdf"
hearing --as reviewer reviews document "$LATE" notice --format html -o "$OUT/notice.html"
grep -q "超过自信访处理意见送达之日" "$OUT/notice.html"

step "A timely review (复查): received on the last day, accepted"
REVIEW=$(hearing --as reviewer reviews apply --item XF-2025-00101 --applicant 张三 \
  --id-number 440106198001010019 --phone 13812345678 \
  --request 撤销东城镇人民政府的处理意见，按市场价补偿 --reasons 评估机构未实地测量房屋面积 \
  --evidence "房屋测绘报告;4" --evidence "征收补偿协议;2" --received-on 2025-10-09 --json | json '["ref"]')
hearing --as reviewer reviews examine "$REVIEW"
hearing --as head reviews accept "$REVIEW" --on 2025-10-10

step "A hearing on the matter at the review stage, opened through the hearings commands"
# Opened by the organ (依职权) at stage "review": the review plugin links it to the application
# under examination on the matter, and its days will not count in the decision clock
# (听证时间不计入复查期限) once it sits: the pause follows the hearing's recorded start and end.
HEARING_ID=$(hearing hearings initiate --matter M-2025-017 --stage review --petitioner 张三 \
  --grounds 复查中对房屋面积的认定存在争议 --on 2025-10-13 --json | json '["id"]')
[ "$(hearing reviews show "$REVIEW" --json | json '["pauses"][0]["hearing_case"]')" = "$HEARING_ID" ]
hearing reviews show "$REVIEW"
# The sitting itself is run with the hearings commands (docs/examples/hearing_walkthrough.sh); they
# check notices against today's date, so a 2025 sitting cannot be replayed here. Had it sat 20-22
# October, the decision clock would run to 11 November instead of 10 November:
hearing deadlines explain review.decision --start 2025-10-09 --pause 2025-10-20:2025-10-22 | tail -n 3

step "The review opinion (复查意见书): uphold, served"
hearing --as head reviews decide "$REVIEW" --outcome 维持 --on 2025-11-05 \
  --findings "经实地测量，房屋面积与评估报告一致，补偿按市场评估价计算，并无不当。"
hearing --as reviewer reviews serve "$REVIEW" --on 2025-11-07
hearing --as reviewer reviews document "$REVIEW" opinion -o "$OUT/review-opinion.pdf"

step "Re-review (复核) by the city government; its service terminates the matter (三级终结)"
REREVIEW=$(hearing --as reviewer reviews apply --kind rereview --review "$REVIEW" --applicant 张三 \
  --request 撤销复查意见 --reasons 复查未考虑装修附属物补偿 --received-on 2025-11-20 --organ city-gov --json | json '["ref"]')
hearing --as head reviews accept "$REREVIEW" --on 2025-11-21
hearing --as head reviews decide "$REREVIEW" --outcome uphold --on 2025-12-10 \
  --findings "装修附属物已按评估单价计入补偿，复查意见认定事实清楚。"
hearing --as reviewer reviews serve "$REREVIEW" --on 2025-12-12
hearing --as reviewer reviews document "$REREVIEW" opinion -o "$OUT/rereview-opinion.pdf"
hearing reviews matter M-2025-017
[ "$(hearing reviews matter M-2025-017 --json | json '["termination"]["reason"]')" = rereview_served ]

step "A new petition on the terminated matter is refused by the register"
expect_failure "$OUT/refused.err" hearing --as registrar petitions register --received-on 2025-12-20 --channel visit \
  --petitioner 张三 --summary 再次反映房屋征收补偿问题 --matter M-2025-017
grep -q "该事项已于2025年12月12日复核终结（三级终结），同一事实和理由不再受理" "$OUT/refused.err"

step "Follow-up persuasion is still recorded (教育疏导), as the review plugin's own record"
hearing --as reviewer reviews followup M-2025-017 --kind 教育疏导 --staff 孙复查 --contact 张三 --on 2025-12-22 \
  --note 上门解释复核意见及法律救济途径，当事人表示理解

step "The annual-report section (复查复核情况)"
hearing reviews report 2025
[ "$(hearing reviews report 2025 --json | json '["review"]["not_accepted"]')" = 1 ]
echo
echo "walkthrough completed"
