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
