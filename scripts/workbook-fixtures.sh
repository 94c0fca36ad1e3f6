#!/usr/bin/env bash
# Writes the workbook fixtures of the loading tests to tests/fixtures/workbooks/ (see
# benches/reference/workbook_fixtures.py): youzan.xlsx with openpyxl, orders.xls with
# xlwt, orders.ods with odfpy, in a venv with pinned versions under target/.
source "$(dirname "$0")/lib.sh"
ensure_venv workbooks

step "workbook fixtures"
"$VENV/bin/python" benches/reference/workbook_fixtures.py tests/fixtures/workbooks
