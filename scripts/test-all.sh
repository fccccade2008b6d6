#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what the tests need, then runs every check and
# test: format, lint, typecheck + build, unit and DOM tests, integration tests against the private
# mail servers, and browser tests in Chromium. Ends with one line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
T0=$(date +%s)
step() { echo "== $* (+$(( $(date +%s) - T0 ))s)"; }

step "Debian packages"
bash test/servers/check-packages.sh --install

step "npm dependencies"
# Electron's binary cannot be downloaded everywhere (and the tests never run it): skip it here.
# Installed once per lock file content (a stamp in node_modules), not by file dates, which a fresh
# checkout or a git worktree resets.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -L node_modules ]; then
  # A shared node_modules (a git worktree's symlink): never reinstall it from here.
  echo "node_modules is a symlink: using it as it is"
elif [ "$(cat node_modules/.mailroom-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.mailroom-lock-hash
fi
# `npm start` rebuilds better-sqlite3 for Electron's ABI; the tests run it in Node.
node -e "new (require('better-sqlite3'))(':memory:').close()" 2>/dev/null || npm rebuild better-sqlite3

step "format, lint"
npm run --silent format:check
npm run --silent lint

step "typecheck and build"
npm run --silent build >.build.log 2>&1 || { cat .build.log; exit 1; }

step "electronegativity on out/ (advisory: findings are printed for review, never fail the run)"
bash scripts/electronegativity.sh

step "tests (servers start once, in vitest's global setup)"
MAILTEST_ROOT=$(mktemp -d /tmp/mailroom-test.XXXXXX)
export MAILTEST_ROOT
# Stops the servers even if vitest itself dies before its teardown.
cleanup() {
  bash test/servers/cyrus-exim/stop.sh >/dev/null 2>&1
  [ -f "$MAILTEST_ROOT/env.json" ] && bash test/servers/stop-servers.sh >/dev/null 2>&1
  rm -rf "$MAILTEST_ROOT"
}
trap cleanup EXIT
rc=0
NO_COLOR=1 npx vitest run --reporter=default --reporter=json --outputFile.json=.vitest-report.json || rc=$?
cleanup
trap - EXIT
step "done"
# vitest's own summary is not a line CI recognizes: print ours last.
node scripts/test-summary.mjs .vitest-report.json || rc=1
exit $rc
