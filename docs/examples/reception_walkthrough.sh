#!/usr/bin/env bash
# A quarter of leader reception (领导接访), end to end through the CLI.
#
# Creates a fresh SQLite instance in a temporary directory, sets the bureau's reply limit in
# an instance profile, registers the receiving leaders and their pairings, loads the county's
# reception scheme as data (county party secretary on the 15th of odd months, county head on
# the 15th of even months, county leaders and department heads on the 15th at their paired
# town, a Monday rota of standing-committee members and vice county heads, town leaders half
# a day a week in their villages), plans the fourth quarter of 2025 from it (National Day and
# weekends move receptions to the next working day), publishes notices (one of them late),
# renders the notice as HTML and PDF, swaps a leader, cancels a reception, holds a reception
# day with visitors (registered in the core register, with repeat suggestions), records
# outcomes, a leader's instructions, transfers, departments' replies and the petitioners'
# feedback, and prints the annual-report section as JSON.
#
# Needs `hearing` on PATH (CI: the venv's bin). Usage: bash docs/examples/reception_walkthrough.sh
set -euo pipefail

HEARING_DATA_DIR=$(mktemp -d)
export HEARING_DATA_DIR
trap 'rm -rf "$HEARING_DATA_DIR"' EXIT
unset HEARING_DATABASE_URL HEARING_RULE_PROFILE HEARING_USER
# Only the reception plugin (and the core), so the walkthrough shows exactly what it needs.
export HEARING_LOAD_PLUGINS=reception
PW=walkthrough-password-1
json() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }
step() { printf '\n== %s\n' "$*"; }

step "Instance, accounts and the bureau's own reply limit (instance profile)"
hearing init --username admin --password "$PW" --display-name 王局长 --non-interactive
hearing users add desk --role registrar --display-name 赵登记 --password "$PW"
hearing users add sec-li --role leader --display-name 李明 --password "$PW"
hearing users add officer --role handling_officer --display-name 钱办理 --password "$PW"
mkdir -p "$HEARING_DATA_DIR/profiles"
cat > "$HEARING_DATA_DIR/profiles/county.toml" <<'TOML'
name = "county"
title = "某县信访局规则"
extends = "national"

[rules.reception.department_reply]
length = 15
unit = "calendar_days"
source = "县委办公室关于领导接访批示件办理的通知（按时办结回复，15日）"
confidence = "D"
TOML
hearing profiles use county
hearing deadlines explain reception.department_reply --start 2025-10-16 | tail -n 3

step "Receiving leaders, their levels and pairings (挂钩镇/单位)"
cat > "$HEARING_DATA_DIR/leaders.toml" <<'TOML'
[[leader]]
code = "li-sec"
name = "李明"
post = "县委书记"
level = "county"
portfolio = "全面工作"
username = "sec-li"

[[leader]]
code = "zhao-head"
name = "赵强"
post = "县长"
level = "县领导"
portfolio = "县政府全面工作"

[[leader]]
code = "sun-sc"
name = "孙红"
post = "县委常委、政法委书记"
level = "county"
portfolio = "政法、维稳"
paired_unit = "东城镇"

[[leader]]
code = "zhou-vice"
name = "周平"
post = "副县长"
level = "county"
portfolio = "城乡建设、自然资源"
paired_unit = "西河镇"

[[leader]]
code = "wu-vice"
name = "吴刚"
post = "副县长"
level = "county"
portfolio = "农业农村"
paired_unit = "东城镇"

[[leader]]
code = "zheng-dept"
name = "郑伟"
post = "县住房和城乡建设局局长"
level = "县直部门领导"
portfolio = "住房城乡建设"
paired_unit = "西河镇"

[[leader]]
code = "chen-town"
name = "陈刚"
post = "东城镇党委书记"
level = "town"
portfolio = "镇党委全面工作"
paired_unit = "东城镇红星村"

[[leader]]
code = "lin-town"
name = "林丽"
post = "西河镇镇长"
level = "镇领导"
portfolio = "镇政府全面工作"
paired_unit = "西河镇新华村"
TOML
hearing reception leaders load "$HEARING_DATA_DIR/leaders.toml" > /dev/null
# One more, from the command line: a department head paired with a town.
hearing reception leaders add wang-dept --name 王芳 --post 县人力资源和社会保障局局长 --level department \
  --portfolio 人力资源社会保障 --paired-unit 东城镇
hearing reception leaders list

step "The reception scheme as data (接访规则)"
cat > "$HEARING_DATA_DIR/rules.toml" <<'TOML'
[[rule]]
code = "secretary"
title = "县委书记接访日"
kind = "每月定日"
day_of_month = 15
months = "单月"
place = "县信访局群众接待大厅"
leaders = ["li-sec"]

[[rule]]
code = "head"
title = "县长接访日"
kind = "monthly_day"
day_of_month = 15
months = "even"
place = "县信访局群众接待大厅"
leaders = ["zhao-head"]

[[rule]]
code = "paired-15th"
title = "县领导和县直部门领导挂钩镇定点接访"
kind = "monthly_day"
day_of_month = 15
place_mode = "paired"
place = "{unit}综治信访维稳中心"
levels = ["county", "department"]

[[rule]]
code = "monday-rota"
title = "常委、副县长周一轮值接访"
kind = "weekday"
weekday = "星期一"
place = "县信访局群众接待大厅"
rota = ["sun-sc", "zhou-vice", "wu-vice"]
rota_start = 2025-01-06

[[rule]]
code = "village-half-day"
title = "镇领导包村定点接访"
kind = "每周半天"
weekdays = ["周三"]
session = "上午"
place_mode = "paired"
place = "{unit}村委会"
levels = ["town"]
TOML
hearing reception rules load "$HEARING_DATA_DIR/rules.toml"

step "Plan the fourth quarter of 2025 (holidays move to the next working day)"
hearing reception plan --from 2025-10-01 --to 2025-12-31 | tail -n 4
hearing reception plan --from 2025-10-01 --to 2025-12-31 | tail -n 1   # planning again creates nothing
hearing reception list --from 2025-10-01 --to 2025-10-10
HEAD_DAY=$(hearing reception list --from 2025-10-15 --to 2025-10-15 --state planned --leader zhao-head --json | json '["items"][0]["id"]')
MONDAY=$(hearing reception list --from 2025-10-27 --to 2025-10-27 --leader sun-sc --json | json '["items"][0]["id"]')
NOV_SEC=$(hearing reception list --from 2025-11-17 --to 2025-11-17 --leader li-sec --json | json '["items"][0]["id"]')

step "Swaps and cancellations (换班、取消)"
hearing reception swap "$MONDAY" --leaving sun-sc --coming zhou-vice --reason 孙红同志参加市政法工作会议
VILLAGE=$(hearing reception list --from 2025-12-31 --to 2025-12-31 --json | json '["items"][0]["id"]')
hearing reception cancel "$VILLAGE" --reason 元旦前安全生产大检查，改为入户走访

step "Public notices (接访公示): 5 days ahead under the profile rule reception.notice"
hearing reception notice publish "$HEAD_DAY" --on 2025-10-09 --doc-number 县信访〔2025〕21号
hearing reception notice publish "$MONDAY" --on 2025-10-24   # due 2025-10-22: flagged late
hearing reception notice publish "$NOV_SEC" --on 2025-11-10
hearing reception notice render "$HEAD_DAY" "$NOV_SEC" --html "$HEARING_DATA_DIR/notice.html" --pdf "$HEARING_DATA_DIR/notice.pdf"
head -c 4 "$HEARING_DATA_DIR/notice.pdf"; echo
grep -c 赵强 "$HEARING_DATA_DIR/notice.html"
hearing reception notice status --from 2025-10-01 --to 2025-10-31 --flagged

step "The reception day of the county head (as desk): visitors registered in the core register"
hearing --as desk reception open "$HEAD_DAY"
hearing --as desk reception participants "$HEAD_DAY" zhao-head zheng-dept chen-town
visit() { hearing --as desk reception visitors "$HEAD_DAY" "$@"; }
C1=$(visit --persons 3 --petitioner "张秀英,440106196503122011,13812345678,东城镇红星村3组" \
  --summary 反映征地补偿款至今未足额发放 --request 要求按标准补足补偿款 --category 土地征收 --new-matter --json | json '["id"]')
C2=$(visit --persons 1 --petitioner 刘建国 --summary 反映某建筑公司拖欠农民工工资 --category 农民工工资 --json | json '["id"]')
C3=$(visit --persons 2 --petitioner "陈桂兰,,13900001111" --summary 咨询城乡居民养老保险补缴政策 --json | json '["id"]')
# The same petitioner again on the same matter: the register suggests the earlier item.
visit --persons 1 --petitioner "张秀英,440106196503122011,13812345678" --summary 征地补偿款未足额发放 --category 土地征收
C4=$(hearing reception cases --reception "$HEAD_DAY" --json | json '["items"][3]["id"]')
hearing --as desk reception hear "$C1" --note 请县自然资源局核实补偿标准并限期答复 --outcome 限期解决
hearing --as desk reception hear "$C2" --note 请县人社局督促企业支付工资 --outcome by_deadline
hearing --as desk reception hear "$C3" --note 当场讲解补缴条件和流程，当事人表示理解 --outcome 当场解决
hearing --as desk reception withdraw "$C4"
hearing --as desk reception close "$HEAD_DAY"

step "Follow-up (访后交办、督办): instruction, transfer within 2 days, reply, feedback"
hearing --as sec-li reception instruct "$C1" --text 请县自然资源局十日内核实并答复群众 --on 2025-10-15
hearing --as sec-li reception instruct "$C2" --text 请县人社局依法督促支付 --on 2025-10-15
hearing --as desk reception transfer "$C1" --department 县自然资源局 --on 2025-10-16
hearing --as desk reception transfer "$C2" --department 县人力资源和社会保障局 --on 2025-10-20 --reply-due 2025-10-30
hearing --as officer reception reply "$C1" --text 经核实已补发补偿款差额 --resolved --on 2025-10-28
hearing --as officer reception reply "$C2" --text 已立案调查，企业承诺分期支付 --not-resolved --on 2025-11-05
hearing --as desk reception feedback "$C1" --grade 满意 --on 2025-11-02
hearing --as desk reception feedback "$C3" --grade satisfied --on 2025-10-15
hearing reception cases --reception "$HEAD_DAY"
hearing reception cases --overdue

step "The annual-report section (年度报告)"
hearing reception report --year 2025 --markdown
hearing reception report --year 2025 --json
