#!/usr/bin/env bash
# One petition hearing (信访听证), application to signed record and report, through the CLI.
#
# Creates a fresh SQLite instance in a temporary directory, opens a petition matter in the
# register, and runs one complete hearing: the petitioner's application and the decision; a
# schedule with the notice served in time; a panel of three with one recusal and its
# replacement; two parties with agents; three evidence items with cross-examination; every
# session phase; a 2-1 vote; the conclusion; signatures (one refusal noted by the clerk). It
# writes the record (听证笔录) and the report (听证报告) as PDFs, checks they are not empty, and
# prints the case with its conclusion and vote tally as JSON.
#
# Needs `hearing` on PATH (CI: the venv's bin). Usage: bash docs/examples/hearing_walkthrough.sh
set -euo pipefail

HEARING_DATA_DIR=$(mktemp -d)
export HEARING_DATA_DIR
trap 'rm -rf "$HEARING_DATA_DIR"' EXIT
# The hearings are part of the core: no optional plugin is needed.
export HEARING_LOAD_PLUGINS=
PW=walkthrough-password-1
json() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }
step() { printf '\n== %s\n' "$*"; }

step "Instance, bureau name and accounts"
# The bureau's name and document numbering (临信听〔2025〕1号), read by every document.
cat >"$HEARING_DATA_DIR/config.toml" <<'TOML'
organ_name = "临江县人民政府信访局"

[documents]
abbreviation = "临"
contact_name = "周敏"
contact_phone = "0571-86021234"
address = "临江县人民路88号信访局一楼接待大厅"
TOML
hearing init --username admin --password "$PW" --display-name 周主任 --non-interactive
hearing users add lichb --role handling_officer --display-name 李承办 --password "$PW"
hearing users add wanglx --role presiding_officer --display-name 王立新 --password "$PW"
hearing users add sunli --role clerk --display-name 孙丽 --password "$PW"
for officer in chenhm:陈红梅 liuzq:刘志强 zhaoxy:赵晓燕; do
  hearing users add "${officer%%:*}" --role hearing_officer --display-name "${officer#*:}" --password "$PW"
done

step "The petition matter in the register"
hearing matters create LJ-2025-0042 --title 滨江路片区房屋征收补偿标准

# Dates are relative to today: the notice must be served hearing.notice (national: 7 days)
# before the hearing day, and the hearing held within hearing.hold_within of the decision.
TODAY=$(date +%F)
DAY=$(date -d "+14 days" +%F)
# The session's clock: every call of `at` is three minutes later (kept in a file, since
# "$(at)" runs in a subshell), so the record reads like a morning's hearing.
echo 0 >"$HEARING_DATA_DIR/minutes"
at() {
  local m; m=$(($(cat "$HEARING_DATA_DIR/minutes") + 3)); echo "$m" >"$HEARING_DATA_DIR/minutes"
  printf '%sT%02d:%02d' "$DAY" $((9 + (30 + m) / 60)) $(((30 + m) % 60))
}
hh() { hearing "$@"; }  # one place to add --debug when something fails

step "The expert pool (听证员库): hearing officers with their accounts"
POOL_CHEN=$(hh pool add --name 陈红梅 --affiliation lawyer --organisation 临江律师事务所 --user chenhm --json | json '["id"]')
POOL_LIU=$(hh pool add --name 刘志强 --affiliation npc_deputy --organisation 县人大代表 --user liuzq --json | json '["id"]')
POOL_ZHAO=$(hh pool add --name 赵晓燕 --affiliation expert --organisation 市城市规划研究院 --user zhaoxy --json | json '["id"]')
hh pool list

step "Application (听证申请) and decision (as the coordinator lichb)"
co() { hh --as lichb hearings "$@"; }
CASE=$(co apply --matter LJ-2025-0042 --applicant 张建国 --told-on "$TODAY" --applied-on "$TODAY" \
  --grounds 请求按市场评估价重新核定房屋征收补偿，并将加建部分纳入补偿范围 \
  --phone 13812345678 --id-number 330106197005153417 --json | json '["id"]')
co decide "$CASE" --accept --by 临江县人民政府信访局局长 --on "$TODAY"

step "Participants: the handling unit, two parties with an agent each, a witness"
co participant "$CASE" --role handling_unit_officer --name 李承办 --unit 临江县住房和城乡建设局 --user lichb
co participant "$CASE" --role agent --name 钱明 --principal 1 --power-of-attorney 授权委托书〔2025〕第11号
co participant "$CASE" --role third_party --name 李秀英 --phone 13900001111
co participant "$CASE" --role agent --name 孙志远 --principal 4 --power-of-attorney 授权委托书〔2025〕第12号
co participant "$CASE" --role witness --name 周德兴
# Numbers: 1 张建国 (petitioner), 2 李承办 (handling unit), 3 钱明 (agent of 1), 4 李秀英 (third party),
# 5 孙志远 (agent of 4), 6 周德兴 (witness).

step "The panel of three, one recusal and its replacement (回避)"
co panel "$CASE" --role presiding_officer --user wanglx
co panel "$CASE" --role hearing_officer --pool "$POOL_CHEN"
co panel "$CASE" --role hearing_officer --pool "$POOL_LIU"
co panel "$CASE" --role clerk --user sunli
co recusal request "$CASE" --seat 2 --by 孙志远 --grounds 听证员陈红梅曾担任第三人的法律顾问
co recusal decide "$CASE" 1 --grant --capacity organ_head --by 临江县人民政府信访局局长
co recusal replace "$CASE" --seat 2 --pool "$POOL_ZHAO"

step "Date and place, notices served in time, the public announcement"
co schedule "$CASE" --start "${DAY}T09:30" --end 12:00 --venue 临江县人民政府信访局三楼听证室
co serve "$CASE" --document hearing_notice --all --method in_person --proof 送达回证 --on "$TODAY"
co announce "$CASE" --channel 临江县人民政府网站 --reference "临信听公〔$(date +%Y)〕${CASE}号" --on "$TODAY"
hh hearings documents "$CASE" notice --participant 1 --output "$HEARING_DATA_DIR/听证通知书-张建国.pdf"
hh hearings docket --date "$DAY" --format csv --output "$HEARING_DATA_DIR/听证日程-$DAY.csv"

step "The session: attendance, opening and recusal inquiry, rights (as wanglx and the clerk sunli)"
po() { hh --as wanglx hearings "$@"; }        # the presiding officer
clerk() { hh --as sunli hearings "$@"; }      # the clerk
say() { clerk record "$CASE" --speaker "$1" --text "$2" --at "$(at)" >/dev/null; }
po session open "$CASE" --at "${DAY}T09:30"
clerk session attend "$CASE" 1 2 3 4 5 6
clerk record "$CASE" --speaker panel:4 --text 经核对，信访人及其委托代理人、第三人及其委托代理人、承办人、证人均已到场。 --at "$(at)"
po phase advance "$CASE" --at "$(at)"
say panel:1 现在宣布听证开始。本次听证由王立新主持，听证员刘志强、赵晓燕，记录员孙丽。当事人是否申请回避？
say participant:1 不申请回避。
po phase advance "$CASE" --at "$(at)"
say panel:1 告知当事人的权利义务和听证纪律。

step "Statements and evidence (举证), cross-examination (质证), debate, questions, final statements"
po phase advance "$CASE" --at "$(at)"
say participant:3 信访人房屋加建部分约三十平方米，征收时未计入补偿面积，补偿单价亦低于同期市场价。
co evidence "$CASE" --by 3 --kind document --title 房屋所有权证 --at "$(at)"
co evidence "$CASE" --by 1 --kind photo --title 房屋现状照片 --at "$(at)"
po phase advance "$CASE" --at "$(at)"
say participant:2 补偿依据为县政府批准的征收补偿方案，加建部分未取得规划许可。
co evidence "$CASE" --by 2 --kind site_survey --title 房屋测绘报告 --at "$(at)"
po phase advance "$CASE" --at "$(at)"
ok=(--authenticity accept --relevance accept --legality accept)
clerk cross-examine "$CASE" 1 --by 2 "${ok[@]}" --at "$(at)"
clerk cross-examine "$CASE" 1 --by 5 "${ok[@]}" --at "$(at)"
clerk cross-examine "$CASE" 2 --by 2 "${ok[@]}" --at "$(at)"
clerk cross-examine "$CASE" 2 --by 4 "${ok[@]}" --at "$(at)"
clerk cross-examine "$CASE" 3 --by 3 --authenticity dispute:测绘时间早于加建完成 --relevance accept --legality accept \
  --at "$(at)"
clerk cross-examine "$CASE" 3 --by 5 "${ok[@]}" --at "$(at)"
po phase advance "$CASE" --at "$(at)"
say participant:3 加建部分已实际使用十年，应当纳入补偿。
say participant:2 加建未经批准，不属于合法建筑。
po issue "$CASE" --title 加建部分是否应予补偿
po issue "$CASE" --title 补偿单价是否合理
po phase advance "$CASE" --at "$(at)"
say panel:2 加建部分于何时完成？
say participant:6 2015年夏天完成。
po phase advance "$CASE" --at "$(at)"
say participant:1 请求依法补偿。
say participant:2 坚持原处理意见。

step "Deliberation (评议): findings on the evidence, secret votes 2-1, the conclusion on the spot"
po phase advance "$CASE" --at "$(at)"
po finding "$CASE" 1 --admitted --at "$(at)"
po finding "$CASE" 2 --admitted --at "$(at)"
po finding "$CASE" 3 --rejected --reason 测绘早于加建完成，不能反映房屋现状 --at "$(at)"
vote() { hh --as "$1" hearings vote "$CASE" "$2" --value "$3" --opinion "$4" --at "$(at)" >/dev/null; }
vote wanglx 1 reasonable 加建已长期使用，应适当补偿
vote liuzq 1 reasonable 加建事实清楚，应予补偿
vote zhaoxy 1 not_reasonable 加建未经批准，不应补偿
for voter in wanglx liuzq zhaoxy; do vote "$voter" 2 partly_reasonable 单价偏低但有评估依据; done
hh --as zhaoxy hearings votes "$CASE"  # an officer sees only their own votes until the conclusion
po conclude "$CASE" --facts 信访人房屋加建部分于2015年完成，未经规划许可但已实际使用至今 \
  --basis 《国有土地上房屋征收与补偿条例》第二十四条 --recommendation 建议对加建部分给予适当补偿 --at "$(at)"
po phase advance "$CASE" --at "$(at)"
say panel:1 宣布听证结论：加建部分应予适当补偿，补偿单价部分合理。
po phase advance "$CASE" --at "$(at)"

step "The record is read back and signed; the third party refuses, the clerk notes it (笔录签字)"
clerk refuse-sign "$CASE" participant:4 --note 第三人以不认可结论为由拒绝签名 --at "$(at)"
# One by one, each at the moment it was given (`sign ID all` signs everyone left at once).
for signatory in participant:1 participant:2 participant:3 participant:5 participant:6 panel:1 panel:2 panel:3 panel:4; do
  clerk sign "$CASE" "$signatory" --at "$(at)" >/dev/null
done
clerk finalise "$CASE"

step "Documents: the record (听证笔录) and the report (听证报告) as PDF"
RECORD="$HEARING_DATA_DIR/听证笔录-$CASE.pdf"
REPORT="$HEARING_DATA_DIR/听证报告-$CASE.pdf"
hh --as sunli hearings documents "$CASE" record --format pdf --output "$RECORD"
hh --as wanglx hearings documents "$CASE" report --format pdf --output "$REPORT"
for pdf in "$RECORD" "$REPORT"; do
  [ -s "$pdf" ] && head -c 5 "$pdf" | grep -q '%PDF-' || { echo "error: $pdf is empty or not a PDF" >&2; exit 1; }
done
ls -l "$HEARING_DATA_DIR"/*.pdf
# To keep the documents: WALKTHROUGH_OUTPUT=/some/dir bash docs/examples/hearing_walkthrough.sh
if [ -n "${WALKTHROUGH_OUTPUT:-}" ]; then mkdir -p "$WALKTHROUGH_OUTPUT" && cp "$HEARING_DATA_DIR"/*.pdf "$WALKTHROUGH_OUTPUT"/; fi

step "The report is served on every party; the case closes (送达)"
co serve "$CASE" --document hearing_report --all --method in_person --proof 报告送达回证 --on "$DAY"
co serve-report "$CASE"

step "The conclusion with its vote tally, as JSON"
hh hearings show "$CASE" --json | python3 -c '
import json, sys
case = json.load(sys.stdin)
print(json.dumps({"id": case["id"], "state": case["state"], "conclusion": case["conclusion"]},
                 ensure_ascii=False, indent=2))'
