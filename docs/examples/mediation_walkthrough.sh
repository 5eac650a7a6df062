#!/usr/bin/env bash
# A petition service centre's day (信访服务中心的一天), end to end through the CLI.
#
# Creates a fresh SQLite instance in a temporary directory, sets up a centre with its
# staff and mediation committee, receives six visit batches and disposes of each one
# differently (explained on the spot, transferred, assigned, routed to a statutory
# procedure, leader reception, joint reception) and a seventh that goes to mediation;
# runs that mediation to a signed agreement, prints the agreement as a PDF and shows the
# 30-day window for judicial confirmation; then prints the year's tally as JSON.
#
# Needs `hearing` on PATH (CI: the venv's bin). Usage: bash docs/examples/mediation_walkthrough.sh
set -euo pipefail

HEARING_DATA_DIR=$(mktemp -d)
export HEARING_DATA_DIR
trap 'rm -rf "$HEARING_DATA_DIR"' EXIT
# Only the mediation plugin, so the walkthrough shows exactly what it needs.
export HEARING_LOAD_PLUGINS=mediation
PW=walkthrough-password-1
json() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }
step() { printf '\n== %s\n' "$*"; }

step "Instance and accounts"
hearing init --username admin --password "$PW" --display-name 王主任 --non-interactive
hearing users add desk1 --role centre_staff --display-name 李前台 --password "$PW"
hearing users add chen --role mediator --display-name 陈明 --password "$PW"

step "The centre, its staff and its mediation committee (3-9 members, a chair, a woman)"
hearing mediation centres add CGZ --name 城关镇信访服务中心 --committee 城关镇人民调解委员会 --doc-prefix 城调 \
  --address 城关镇人民路1号 --phone 0760-88881234
hearing mediation staff add CGZ desk1 --role staff
hearing mediation mediators add --centre CGZ --name 陈明 --sex male --committee-role chair --speciality 土地权属 \
  --speciality 邻里纠纷 --username chen
hearing mediation mediators add --centre CGZ --name 林芳 --sex female --committee-role member --speciality 婚姻家庭
hearing mediation mediators add --centre CGZ --name 黄伟 --sex male --committee-role member --speciality 劳资纠纷
hearing mediation mediators list --centre CGZ
CHEN=$(hearing mediation mediators list --centre CGZ --json | json '[0]["id"]')
LIN=$(hearing mediation mediators list --centre CGZ --json | json '[1]["id"]')

step "The reception desk (as desk1): each batch is also a visit item in the register"
desk() { hearing --as desk1 mediation reception add --centre CGZ "$@"; }
desk --persons 2 --petitioner "张秀英,440106196503122011,13812345678" --petitioner 张伟 \
  --matter 咨询城乡居民养老保险补缴政策 --dispose explain --note 讲解补缴条件和办理流程，当事人表示理解
desk --persons 3 --petitioner "刘建国,,13900001111" --matter 反映某建筑公司拖欠农民工工资 \
  --category migrant_worker_wages --dispose transfer --unit 县人力资源和社会保障局
desk --persons 1 --petitioner 陈桂兰 --matter 反映村道路灯损坏多月无人维修 --dispose assign --unit 城关镇人民政府 \
  --due "$(date -d "+20 days" +%F)"
desk --persons 1 --petitioner 何志强 --matter 对交通事故赔偿判决不服 --dispose route --route litigation \
  --note 已告知依法申请再审
desk --persons 5 --petitioner 周永福 --petitioner 周永贵 --matter 反映征地补偿款分配不公 \
  --dispose refer_to_leader --leader 县委副书记刘强
desk --persons 8 --petitioner 吴海涛 --matter 反映小区开发商逾期交房 --dispose joint_reception \
  --unit 县住房和城乡建设局 --unit 县自然资源局
BATCH=$(desk --persons 2 --petitioner "李德明,440106197806051526,13700002222,城关镇东街5号" \
  --matter 与邻居因宅基地围墙位置发生纠纷 --dispose mediate \
  --respondent "王建华,440106199001203042,13600003333,城关镇东街7号" --json)
CASE=$(echo "$BATCH" | json '["case_id"]')
hearing --as desk1 mediation reception list --centre CGZ
hearing --as desk1 mediation reception show "$(echo "$BATCH" | json '["id"]')"

step "The mediation case (as the mediator chen)"
med() { hearing --as chen mediation "$@"; }
med cases respond "$CASE" --party 王建华 --agree
med cases assign "$CASE" --mediator "$CHEN" --mediator "$LIN" --chosen-by parties
med cases accept "$CASE"
med cases helper "$CASE" --name 赵德胜 --relation 村民小组组长 --parties-consent
med sessions add "$CASE" --place 城关镇人民调解室 --party 李德明 --party 王建华 --mediator 陈明 --mediator 林芳 \
  --other 赵德胜 --notes "双方陈述围墙位置争议；调解员查看宅基地证和现场，释明相关规定；双方同意以宅基地证界址为准"
med cases show "$CASE"

step "The agreement (调解协议书): draft, signatures, PDF"
AGREEMENT=$(med agreements draft "$CASE" \
  --facts "李德明与王建华系城关镇东街相邻住户。王建华于今年新建围墙，李德明认为围墙越过两户宅基地界址约三十厘米，双方多次发生争吵" \
  --disputes "围墙是否越过宅基地界址；拆除、重建费用由谁承担" \
  --responsibilities "王建华建墙前未与相邻方确认界址，应负主要责任" \
  --term "王建华按宅基地证界址拆除越界部分围墙并在原界址重建|王建华|自行拆除重建" \
  --term "李德明补偿王建华重建围墙材料费人民币伍佰元|李德明|现金当面支付" \
  --term "双方今后互相尊重，不再因此事发生争执" --json | json '["id"]')
for signer in 李德明 王建华 陈明; do med agreements sign "$AGREEMENT" --signer "$signer"; done
med agreements pdf "$AGREEMENT" -o "$HEARING_DATA_DIR/agreement.pdf"
test -s "$HEARING_DATA_DIR/agreement.pdf"
med agreements show "$AGREEMENT"

step "Judicial confirmation (司法确认): the 30-day window and the joint application"
med agreements show "$AGREEMENT" --json | json '["judicial_confirmation"]["explanation_zh"]'
med agreements confirm-apply "$AGREEMENT" --applicant 李德明 --applicant 王建华 --court 临江县人民法院
med agreements perform "$AGREEMENT" --term 2 --note 已当面支付
med agreements follow-up "$AGREEMENT" --by 陈明 --finding performing --note 围墙正在拆除

step "The tally (as the administrator)"
hearing mediation report --year "$(date +%Y)"
hearing mediation report --year "$(date +%Y)" --json
