#!/usr/bin/env bash
# The action's scan step: one scan writes SARIF (for code scanning) and prints the chosen format
# to the job log. It never fails the step itself: the exit code goes to $GITHUB_OUTPUT as
# exit-code, so SARIF is uploaded and the cost comment posted before the gate step decides.
# Inputs come through the environment, never through ${{ }} inside the script text, so a path
# or config value cannot inject shell.
#   STACKAUDIT_BIN  the CLI (dist/bin/main.js)
#   INPUT_PATH      paths separated by spaces (default .)
#   INPUT_FAIL_ON   the gate (default high)
#   INPUT_FORMAT    what the log shows (default text)
#   INPUT_SARIF_FILE  SARIF output ('' for none)
#   INPUT_CONFIG    config file ('' for the default)
#   INPUT_ARGS      extra scan options, separated by spaces (e.g. --skip-path legacy --check high)
set -uo pipefail
bin="${STACKAUDIT_BIN:?STACKAUDIT_BIN is not set}"
read -r -a paths <<< "${INPUT_PATH:-.}"
[ "${#paths[@]}" -gt 0 ] || paths=(.)
args=(scan "${paths[@]}" --fail-on "${INPUT_FAIL_ON:-high}" --output "${INPUT_FORMAT:-text}")
if [ -n "${INPUT_SARIF_FILE:-}" ]; then args+=(--output "sarif=${INPUT_SARIF_FILE}"); fi
if [ -n "${INPUT_CONFIG:-}" ]; then args+=(--config "$INPUT_CONFIG"); fi
if [ -n "${INPUT_ARGS:-}" ]; then
  read -r -a extra <<< "$INPUT_ARGS"
  args+=("${extra[@]}")
fi
status=0
node "$bin" "${args[@]}" || status=$?
echo "exit-code=$status" >> "${GITHUB_OUTPUT:-/dev/null}"
if [ -n "${INPUT_SARIF_FILE:-}" ] && [ -f "$INPUT_SARIF_FILE" ]; then
  echo "sarif-file=$INPUT_SARIF_FILE" >> "${GITHUB_OUTPUT:-/dev/null}"
fi
exit 0
