#!/usr/bin/env bash
# The action's cost step: the monthly estimate as Markdown for the pull-request comment.
# Never fails the step; the exit code (1 over budget, 2 input error) goes to $GITHUB_OUTPUT.
#   STACKAUDIT_BIN, INPUT_PATH (or INPUT_COST_PATH), INPUT_USAGE, INPUT_BUDGET, COST_FILE (default stackaudit-cost.md)
set -uo pipefail
bin="${STACKAUDIT_BIN:?STACKAUDIT_BIN is not set}"
read -r -a paths <<< "${INPUT_COST_PATH:-${INPUT_PATH:-.}}"
[ "${#paths[@]}" -gt 0 ] || paths=(.)
out="${COST_FILE:-stackaudit-cost.md}"
args=(cost "${paths[@]}" --format markdown --output "$out")
if [ -n "${INPUT_USAGE:-}" ]; then args+=(--usage "$INPUT_USAGE"); fi
if [ -n "${INPUT_BUDGET:-}" ]; then args+=(--budget "$INPUT_BUDGET"); fi
status=0
node "$bin" "${args[@]}" || status=$?
echo "exit-code=$status" >> "${GITHUB_OUTPUT:-/dev/null}"
if [ -f "$out" ]; then echo "file=$out" >> "${GITHUB_OUTPUT:-/dev/null}"; fi
exit 0
