#!/usr/bin/env bash
# The action's last step: fail the job with the scan's exit code (0 clean, 1 findings at or
# above fail-on, 2 input or usage error), after SARIF and the comment are out.
set -euo pipefail
code="${SCAN_EXIT_CODE:-}"
case "$code" in
  0) echo "stackaudit: nothing at or above the gate" ;;
  1) echo "::error title=stackaudit::findings at or above fail-on (see the scan step's log and the code-scanning alerts)" ;;
  2) echo "::error title=stackaudit::an input or usage error (see the scan step's log)" ;;
  *) echo "::error title=stackaudit::the scan did not run (exit code '${code}')"; code=2 ;;
esac
exit "$code"
