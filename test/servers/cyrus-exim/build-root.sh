#!/usr/bin/env bash
# build-root.sh - the Debian 12 root that Cyrus IMAP/POP3 3.6 and Exim 4.96 run from in tests.
#
# Their packages conflict with the host's dovecot/postfix, so they live in a private root made once
# with debootstrap and cached OUTSIDE the repository, keyed by a stamp of the recipe (suite, package
# list, RECIPE below): a changed list builds a new root beside the old one. Runs never write into it:
# start.sh mounts it read-only under a per-run overlay. Several test runs (other worktrees) may start
# at once, so the build is guarded by flock and published by an atomic rename.
#
# Prints the root's path on stdout (everything else goes to stderr). Needs root and a Debian mirror
# (read from the host's apt sources; MAILTEST_DEBIAN_MIRROR overrides). On failure: one line saying
# why, and the log to read.
# Env: MAILTEST_CACHE (default /var/cache/mailroom-test).
set -euo pipefail
CACHE=${MAILTEST_CACHE:-/var/cache/mailroom-test}
SUITE=bookworm
PKGS="cyrus-imapd cyrus-pop3d sasl2-bin libsasl2-modules exim4-daemon-heavy busybox"
# Bump when the steps below change what a root contains.
RECIPE=1
STAMP=$(printf '%s\n' "$RECIPE" "$SUITE" "$PKGS" | sha256sum | cut -c1-12)
ROOT="$CACHE/cyrus-exim-root-$STAMP"
BUILD="$ROOT.build"
LOG="$CACHE/cyrus-exim-root-$STAMP.log"
T0=$(date +%s)

log() { echo "[cyrus-exim root +$(($(date +%s) - T0))s] $*" >&2; }
die() {
  echo "[cyrus-exim root] ERROR: cannot build the Cyrus/Exim test root: $*" >&2
  exit 1
}

[ "$(id -u)" = 0 ] || die "run as root (debootstrap and chroot)"
[ -f "$ROOT/.mailroom-root-ready" ] && { echo "$ROOT"; exit 0; }
command -v debootstrap >/dev/null || die "debootstrap is not installed (test/servers/check-packages.sh --install)"
mkdir -p "$CACHE"
exec 9>"$CACHE/cyrus-exim-root.lock"
if ! flock -n 9; then
  log "another run is building it; waiting for $CACHE/cyrus-exim-root.lock"
  flock -w 900 9 || die "another build held $CACHE/cyrus-exim-root.lock for 15 minutes"
fi
# Someone else may have built it while we waited.
[ -f "$ROOT/.mailroom-root-ready" ] && { echo "$ROOT"; exit 0; }

# The first URI of the host's apt sources that serves suite $1 (one-line and deb822 formats).
host_mirror() {
  local f
  if [ -f /etc/apt/sources.list ]; then
    awk -v s="$1" '$1 == "deb" { for (i = 2; i < NF; i++) if ($i ~ /^https?:/ && $(i + 1) == s) { print $i; exit } }' \
      /etc/apt/sources.list
  fi
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v s="$1" '
      function flush() {
        if (uri != "" && (" " suites " ") ~ (" " s " ") && types ~ /(^| )deb( |$)/) { print uri; done = 1 }
        uri = ""; suites = ""; types = ""
      }
      /^[[:space:]]*$/ { flush(); if (done) exit; next }
      /^Types:/ { types = $0; sub(/^Types:[[:space:]]*/, "", types) }
      /^URIs:/ { uri = $2 }
      /^Suites:/ { suites = $0; sub(/^Suites:[[:space:]]*/, "", suites) }
      END { if (!done) flush() }' "$f"
  done
}
MIRROR=${MAILTEST_DEBIAN_MIRROR:-$(host_mirror "$SUITE" | head -n1)}
[ -n "$MIRROR" ] || die "no Debian mirror for $SUITE in the host's apt sources (set MAILTEST_DEBIAN_MIRROR)"
SECURITY=$(host_mirror "$SUITE-security" | head -n1)

mounted() { awk -v m="$1" '$2 == m { f = 1 } END { exit !f }' /proc/mounts; }
unmount_build() {
  local m
  for m in "$BUILD/dev/pts" "$BUILD/proc"; do mounted "$m" && umount "$m"; done
  return 0
}
trap unmount_build EXIT
if [ -d "$BUILD" ]; then
  log "removing an unfinished build"
  unmount_build
  rm -rf --one-file-system "$BUILD"
fi

log "debootstrap $SUITE from $MIRROR (a few minutes; log: $LOG)"
debootstrap --variant=minbase "$SUITE" "$BUILD" "$MIRROR" >"$LOG" 2>&1 \
  || die "debootstrap $SUITE from $MIRROR failed (log: $LOG)"

# Package scripts must never start daemons: they would bind the host's real ports 25/143/...
printf '#!/bin/sh\nexit 101\n' >"$BUILD/usr/sbin/policy-rc.d"
chmod 755 "$BUILD/usr/sbin/policy-rc.d"
cp /etc/resolv.conf "$BUILD/etc/resolv.conf" 2>/dev/null || true
echo mail.example.test >"$BUILD/etc/hostname"
echo mail.example.test >"$BUILD/etc/mailname"
printf '127.0.0.1 localhost mail.example.test\n' >"$BUILD/etc/hosts"
{
  echo "deb $MIRROR $SUITE main"
  echo "deb $MIRROR $SUITE-updates main"
  [ -z "$SECURITY" ] || echo "deb $SECURITY $SUITE-security main"
} >"$BUILD/etc/apt/sources.list"

in_root() {
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
    chroot "$BUILD" "$@"
}
mount -t proc proc "$BUILD/proc"
mkdir -p "$BUILD/dev/pts"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$BUILD/dev/pts" 2>/dev/null || true
log "apt-get install (in the root): $PKGS"
in_root apt-get update -q >>"$LOG" 2>&1 || die "apt-get update in the root failed (log: $LOG)"
# shellcheck disable=SC2086
in_root apt-get install -y -q --no-install-recommends $PKGS >>"$LOG" 2>&1 \
  || die "apt-get install $PKGS in the root failed (log: $LOG)"
in_root apt-get clean
rm -rf "$BUILD/var/lib/apt/lists/"*
in_root dpkg-query -W -f '${Package} ${Version}\n' cyrus-common exim4-daemon-heavy libsasl2-2 >>"$LOG"
unmount_build
trap - EXIT

printf '%s\n' "$PKGS" >"$BUILD/.mailroom-root-ready"
mv "$BUILD" "$ROOT"
log "built $ROOT ($(du -sh --one-file-system "$ROOT" | cut -f1))"
echo "$ROOT"
