#!/usr/bin/env bash
# stop-oidc.sh - stops the authorization server start-oidc.sh started under $MAILTEST_ROOT, by PID.
set -uo pipefail
ROOT=${MAILTEST_ROOT:?set MAILTEST_ROOT}
f="$ROOT/run/oidc.pid"
[ -f "$f" ] || exit 0
p=$(cat "$f")
# Running and not a zombie (an orphan re-parented to PID 1 stays a zombie for a moment).
alive() { local st; st=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null | cut -d' ' -f1); [ -n "$st" ] && [ "$st" != Z ]; }
if alive; then
  kill -TERM "$p" 2>/dev/null
  for _ in $(seq 1 100); do alive || break; sleep 0.05; done
  alive && kill -KILL "$p" 2>/dev/null
  echo "[stop-oidc] oidc-provider stopped"
fi
rm -f "$f"
