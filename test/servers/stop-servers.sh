#!/usr/bin/env bash
# stop-servers.sh - stops what start-servers.sh started under $MAILTEST_ROOT, by PID only.
set -uo pipefail
ROOT=${MAILTEST_ROOT:?set MAILTEST_ROOT}
BASE=${MAILTEST_PORT_BASE:-20000}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
T_START=$(now_ms)
log() { echo "[stop-servers +$(( $(now_ms) - T_START ))ms] $*"; }

# PIDs still running. A zombie counts as gone: daemons re-parented to PID 1 stay zombies for a
# second or two here, and kill -0 succeeds on a zombie.
alive() {
  local out="" p st
  for p in "$@"; do
    st=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null | cut -d' ' -f1) || continue
    [ -n "$st" ] && [ "$st" != Z ] && out="$out $p"
  done
  echo "$out"
}
wait_gone() { # SECONDS PID... -> PIDs still alive afterwards
  local end=$(( $(now_ms) + $1 * 1000 )); shift
  while [ -n "$(alive "$@")" ] && [ "$(now_ms)" -lt "$end" ]; do sleep 0.05; done
  alive "$@"
}
# TERM a master, then its children that outlive it (Dovecot's auth/log/anvil can linger ~30 s
# and keep listening sockets), KILL whatever ignores TERM.
stop_tree() {
  local name=$1 m=$2 kids left
  [ -n "$(alive "$m")" ] || return 0
  kids=$(ps --ppid "$m" -o pid= | tr '\n' ' ')
  kill -TERM "$m" 2>/dev/null
  left=$(wait_gone 10 "$m"); [ -n "$left" ] && kill -KILL "$m" 2>/dev/null
  # shellcheck disable=SC2086
  left=$(alive $kids)
  if [ -n "$left" ]; then
    # shellcheck disable=SC2086
    kill -TERM $left 2>/dev/null; left=$(wait_gone 3 $left)
    # shellcheck disable=SC2086
    [ -n "$left" ] && kill -KILL $left 2>/dev/null
  fi
  log "$name stopped"
}
[ -f "$ROOT/postfix/spool/pid/master.pid" ] && stop_tree postfix "$(tr -d ' ' < "$ROOT/postfix/spool/pid/master.pid")"
[ -f "$ROOT/run/dovecot/master.pid" ] && stop_tree dovecot "$(cat "$ROOT/run/dovecot/master.pid")"
bash "$(dirname "${BASH_SOURCE[0]}")/stop-oidc.sh"
for f in gnome-keyring dbus; do
  [ -f "$ROOT/run/$f.pid" ] || continue
  p=$(cat "$ROOT/run/$f.pid")
  if [ -n "$(alive "$p")" ]; then
    kill -TERM "$p" 2>/dev/null; left=$(wait_gone 5 "$p"); [ -n "$left" ] && kill -KILL "$p" 2>/dev/null
    log "$f stopped"
  fi
  rm -f "$ROOT/run/$f.pid"
done
busy=""
for off in 10 12 24 25 43 65 87 93 95; do
  p=$((BASE + off)); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && busy="$busy $p"
done
[ -n "$busy" ] && { log "WARNING: ports still open:$busy"; exit 1; }
log "done"
