#!/usr/bin/env bash
# stop.sh - stops what start.sh started for $MAILTEST_ROOT (the recorded PIDs, then any process
# whose root directory is this run's overlay, and nothing else) and unmounts the overlay. The
# run's files stay in $MAILTEST_ROOT/cyrus-exim (its owner removes the folder).
#   stop.sh --abandoned   does the same for every run whose owner process is gone.
set -uo pipefail
CACHE=${MAILTEST_CACHE:-/var/cache/mailroom-test}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
T_START=$(now_ms)
log() { echo "[cyrus-exim stop +$(( $(now_ms) - T_START ))ms] $*"; }

# Alive and not a zombie (daemons re-parented to PID 1 stay zombies for a moment here).
alive() { local st; st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; st=${st##*) }; [ "${st%% *}" != Z ]; }
wait_gone() { # SECONDS PID... -> prints the PIDs still alive afterwards
  local end=$(( $(now_ms) + $1 * 1000 )) p left; shift
  while :; do
    left=""; for p in "$@"; do alive "$p" && left="$left $p"; done
    [ -z "$left" ] || [ "$(now_ms)" -ge "$end" ] && { echo "$left"; return; }
    sleep 0.05
  done
}
mounted() { awk -v m="$1" '$2 == m { f = 1 } END { exit !f }' /proc/mounts; }

stop_run() { # DIR
  local dir=$1 m name pid left
  m=$(readlink -f "$dir/root" 2>/dev/null) || return 0
  in_run() { [ "$(readlink "/proc/$1/root" 2>/dev/null)" = "$m" ]; }
  for name in exim cyrus syslogd; do
    [ -f "$dir/run/$name.pid" ] || continue
    pid=$(cat "$dir/run/$name.pid")
    if alive "$pid" && in_run "$pid"; then
      kill -TERM "$pid" 2>/dev/null
      left=$(wait_gone 10 "$pid"); [ -n "$left" ] && kill -KILL "$pid" 2>/dev/null
      log "$name stopped"
    fi
    rm -f "$dir/run/$name.pid"
  done
  # Children that outlive their master (imapd, pop3d, lmtpd, Exim deliveries).
  left=$(find /proc -mindepth 2 -maxdepth 2 -name root -lname "$m" 2>/dev/null | cut -d/ -f3 | tr '\n' ' ')
  if [ -n "${left// /}" ]; then
    # shellcheck disable=SC2086
    kill -TERM $left 2>/dev/null; left=$(wait_gone 5 $left)
    # shellcheck disable=SC2086
    [ -n "$left" ] && kill -KILL $left 2>/dev/null && wait_gone 5 $left >/dev/null
  fi
  if mounted "$m"; then
    for _ in 1 2 3 4 5; do umount "$m" 2>/dev/null && break; sleep 0.2; done
    mounted "$m" && { umount -l "$m"; log "WARNING: $m was busy; detached it lazily"; }
  fi
  rm -f "$dir/env.json"
  log "stopped $dir"
}

if [ "${1:-}" = "--abandoned" ]; then
  awk -v c="lowerdir=$CACHE/cyrus-exim-root-" '$3 == "overlay" && index($4, c) && $2 ~ /\/cyrus-exim\/root$/ { print $2 }' \
    /proc/mounts | while read -r mp; do
    dir=$(dirname "$mp")
    owner=$(cat "$dir/run/owner.pid" 2>/dev/null || echo "")
    if [ -z "$owner" ] || ! alive "$owner"; then
      log "stopping an abandoned run in $dir (owner ${owner:-unknown} is gone)"
      stop_run "$dir"
    fi
  done
  exit 0
fi

ROOT=${MAILTEST_ROOT:?set MAILTEST_ROOT}
[ -d "$ROOT/cyrus-exim" ] && stop_run "$ROOT/cyrus-exim"
exit 0
