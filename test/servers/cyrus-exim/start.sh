#!/usr/bin/env bash
# start.sh - the second server family for one test run: Cyrus IMAP/POP3 3.6 and Exim 4.96
# (Debian 12's packages), on loopback ports from MAILTEST_PORT_BASE:
#
#   Cyrus  IMAP  BASE+143 (STARTTLS; LOGINDISABLED before it)  IMAPS BASE+193 (implicit TLS)
#          POP3  BASE+110 (STLS)                                POP3S BASE+195 (implicit TLS)
#          LMTP  BASE+124 (no auth, loopback: how tests deliver)
#   Exim   submission BASE+187 (STARTTLS, then AUTH)   submissions BASE+165 (implicit TLS + AUTH)
#   The same IMAP, POP3 and submission ports on 127.0.0.2 present a self-signed certificate.
#
# They run chrooted in a per-run overlay ($MAILTEST_ROOT/cyrus-exim/root) over the shared read-only
# Debian root that build-root.sh caches (built once, about a minute): configs, certificates (the
# stack's own test CA, from gen-certs.sh), spools, users and logs of this run live in the overlay's
# upper layer, so concurrent runs share one cached root. stop.sh stops the daemons and unmounts.
#
# Env: MAILTEST_ROOT (instance folder, required), MAILTEST_PORT_BASE (default 20000),
#      MAILTEST_OWNER_PID (the process whose death means this run is abandoned; default: parent).
# Writes $MAILTEST_ROOT/cyrus-exim/env.json. Prints one clear line on stderr when it cannot start.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=${MAILTEST_ROOT:?set MAILTEST_ROOT to an instance folder}
BASE=${MAILTEST_PORT_BASE:-20000}
case $ROOT in /|/tmp|/tmp/|/root|"") echo "refusing MAILTEST_ROOT=$ROOT" >&2; exit 2 ;; esac
DIR="$ROOT/cyrus-exim"
M="$DIR/root"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
T_START=$(now_ms)
log() { echo "[cyrus-exim +$(( $(now_ms) - T_START ))ms] $*"; }
die() { echo "[cyrus-exim] ERROR: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (chroot and an overlay mount)"
IMAP=$((BASE + 143)) IMAPS=$((BASE + 193)) POP3=$((BASE + 110)) POP3S=$((BASE + 195))
LMTP=$((BASE + 124)) SUBMISSION=$((BASE + 187)) SUBMISSIONS=$((BASE + 165))
PORTS="$IMAP $IMAPS $POP3 $POP3S $LMTP $SUBMISSION $SUBMISSIONS"

# Runs whose owner died without stopping them (a killed test run) leave daemons and a mount behind.
"$HERE/stop.sh" --abandoned

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in $PORTS; do port_open "$p" && die "port $p is already in use (another run? stop it, or set MAILTEST_PORT_BASE)"; done
grep -q "^[^ ]* $M " /proc/mounts && die "$M is still mounted (run stop.sh with MAILTEST_ROOT=$ROOT)"

LOWER=$("$HERE/build-root.sh") || exit 1

rm -rf --one-file-system "$DIR"
mkdir -p "$DIR"/{upper,work,root,run,log}
echo "${MAILTEST_OWNER_PID:-$PPID}" >"$DIR/run/owner.pid"
echo "$LOWER" >"$DIR/run/lower"
mount -t overlay overlay -o "lowerdir=$LOWER,upperdir=$DIR/upper,workdir=$DIR/work" "$M" \
  || die "cannot mount an overlay at $M over $LOWER (overlayfs needed)"

in_root() { env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 TZ=UTC chroot "$M" "$@"; }
CYRUS_UID=$(in_root id -u cyrus) MAIL_GID=$(in_root getent group mail | cut -d: -f3)
EXIM_GID=$(in_root getent group Debian-exim | cut -d: -f3)

render() {
  sed -e "s#@IMAP@#$IMAP#g" -e "s#@IMAPS@#$IMAPS#g" -e "s#@POP3@#$POP3#g" -e "s#@POP3S@#$POP3S#g" \
      -e "s#@LMTP@#$LMTP#g" -e "s#@SUBMISSION@#$SUBMISSION#g" -e "s#@SUBMISSIONS@#$SUBMISSIONS#g" "$1" >"$2"
}
render "$HERE/imapd.conf.in" "$M/etc/imapd.conf"
render "$HERE/cyrus.conf.in" "$M/etc/cyrus.conf"
render "$HERE/exim4.conf.in" "$M/etc/exim4/exim4.conf"

# One CA for both families: the Dovecot stack's (made here if this family starts alone).
[ -s "$ROOT/tls/server.key" ] || "$HERE/../gen-certs.sh" "$ROOT/tls"
T="$M/etc/mailroom-tls"
install -d -m 755 "$T"
install -m 644 "$ROOT/tls/server-chain.pem" "$T/server-chain.pem"
install -m 600 -o "$CYRUS_UID" -g "$MAIL_GID" "$ROOT/tls/server.key" "$T/cyrus.key"
install -m 640 -o 0 -g "$EXIM_GID" "$ROOT/tls/server.key" "$T/exim.key"
install -m 644 "$ROOT/tls/selfsigned-chain.pem" "$T/selfsigned-chain.pem"
install -m 600 -o "$CYRUS_UID" -g "$MAIL_GID" "$ROOT/tls/selfsigned.key" "$T/selfsigned-cyrus.key"
install -m 640 -o 0 -g "$EXIM_GID" "$ROOT/tls/selfsigned.key" "$T/selfsigned-exim.key"

# Users: SASL (sasldb, read by Cyrus) and Exim's passwd file; add-user.sh adds test users to both.
printf '%s' "cyrus-admin-pw" | in_root saslpasswd2 -p -c -u mail.example.test cyrus
chown "$CYRUS_UID:$MAIL_GID" "$M/etc/sasldb2"
chmod 640 "$M/etc/sasldb2"
install -m 640 -o 0 -g "$EXIM_GID" /dev/null "$M/etc/exim4/passwd"

install -d -o "$CYRUS_UID" -g "$MAIL_GID" -m 750 "$M/run/cyrus" "$M/run/cyrus/socket"
install -d -o 0 -g "$EXIM_GID" -m 770 "$M/run/exim4"
install -d -m 755 "$M/var/log/exim4"
in_root chown Debian-exim:Debian-exim /var/log/exim4 /run/exim4

# ---- daemons, detached, with a clean environment; their PIDs go to run/ ----
launch() { # name cmd...
  local name=$1; shift
  setsid env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 TZ=UTC \
    chroot "$M" "$@" </dev/null >>"$DIR/log/$name.out" 2>&1 &
  echo $! >"$DIR/run/$name.pid"
}
alive() { local st; st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; st=${st##*) }; [ "${st%% *}" != Z ]; }
# Cyrus logs only through syslog: a busybox syslogd of this run's own (its /dev/log is in the overlay).
launch syslogd busybox syslogd -n -O /var/log/syslog
for _ in $(seq 1 100); do [ -S "$M/dev/log" ] && break; sleep 0.05; done
[ -S "$M/dev/log" ] || die "syslogd made no /dev/log in $M (see $DIR/log/syslogd.out)"
launch cyrus /usr/sbin/cyrmaster -C /etc/imapd.conf -M /etc/cyrus.conf
launch exim /usr/sbin/exim4 -bdf -q1m

greets() { # PORT PATTERN
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  local line=""; read -r -t 2 line <&3 || true; exec 3>&-
  [[ $line == $2 ]]
}
tls_greets() { # PORT PATTERN QUIT [HOST CAFILE]: the greeting over TLS, its certificate verified
  local line
  line=$(printf '%s\r\n' "$3" | timeout 5 openssl s_client -quiet -connect "${4:-127.0.0.1}:$1" -servername localhost \
    -CAfile "${5:-$ROOT/tls/ca.pem}" -verify_return_error -verify_hostname localhost 2>/dev/null | head -n1)
  [[ $line == $2 ]]
}
wait_for() { # what, command...
  local what=$1; shift
  for _ in $(seq 1 300); do
    "$@" 2>/dev/null && return 0
    for n in cyrus exim; do
      alive "$(cat "$DIR/run/$n.pid")" || die "$n died at start: $(tail -3 "$DIR/log/$n.out" "$M/var/log/syslog" 2>/dev/null | tr '\n' ' ')"
    done
    sleep 0.1
  done
  die "$what not ready after 30 s (logs: $DIR/log, $M/var/log/syslog, $M/var/log/exim4)"
}
wait_for "cyrus IMAP" greets "$IMAP" '\* OK*'
wait_for "cyrus IMAPS" tls_greets "$IMAPS" '\* OK*' 'a LOGOUT'
wait_for "cyrus POP3" greets "$POP3" '+OK*'
wait_for "cyrus POP3S" tls_greets "$POP3S" '+OK*' QUIT
wait_for "cyrus LMTP" greets "$LMTP" '220*'
wait_for "cyrus IMAPS (self-signed)" tls_greets "$IMAPS" '\* OK*' 'a LOGOUT' 127.0.0.2 "$ROOT/tls/selfsigned.pem"
log "cyrus ready ($(in_root dpkg-query -W -f '${Version}' cyrus-common), master pid $(cat "$DIR/run/cyrus.pid"))"
wait_for "exim submission" greets "$SUBMISSION" '220*'
wait_for "exim submissions" tls_greets "$SUBMISSIONS" '220*' QUIT
wait_for "exim submissions (self-signed)" tls_greets "$SUBMISSIONS" '220*' QUIT 127.0.0.2 "$ROOT/tls/selfsigned.pem"
log "exim ready ($(in_root dpkg-query -W -f '${Version}' exim4-daemon-heavy), pid $(cat "$DIR/run/exim.pid"))"

cat >"$DIR/env.json" <<EOT
{
  "dir": "$DIR",
  "root": "$M",
  "host": "127.0.0.1",
  "ca": "$ROOT/tls/ca.pem",
  "addUser": "$HERE/add-user.sh",
  "logs": { "syslog": "$M/var/log/syslog", "exim": "$M/var/log/exim4/mainlog" },
  "selfSigned": "127.0.0.2",
  "ports": { "imap": $IMAP, "imaps": $IMAPS, "pop3": $POP3, "pop3s": $POP3S, "lmtp": $LMTP,
             "submission": $SUBMISSION, "submissions": $SUBMISSIONS }
}
EOT
log "all up; settings in $DIR/env.json"
