#!/usr/bin/env bash
# The action's install step: stackaudit from the action's own checkout (no registry release is
# needed). `npm ci` installs from the lockfile and builds (the `prepare` script); the build is
# repeated only if dist is missing. Prints the CLI's path as `bin=…` to $GITHUB_OUTPUT.
set -euo pipefail
root="${1:-${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}}"
cd "$root"
if [ ! -f dist/bin/main.js ] || [ "${STACKAUDIT_REINSTALL:-}" = "1" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  [ -f dist/bin/main.js ] || npm run build --silent
fi
bin="$root/dist/bin/main.js"
node "$bin" --version >/dev/null
echo "bin=$bin" >> "${GITHUB_OUTPUT:-/dev/null}"
