#!/usr/bin/env bash
# start-servers.sh - a private mail stack for one test run, on loopback addresses only.
#
#   Dovecot  IMAP  BASE+43 (STARTTLS)  IMAPS BASE+93 (implicit TLS)
#            POP3  BASE+10 (STLS)      POP3S BASE+95 (implicit TLS)
#            POP3 without STLS on 127.0.0.5:BASE+11 (for "STLS required" tests)
#            LMTP  BASE+24             auth  BASE+12 (SASL for Postfix)
#   Postfix  submission BASE+87 (STARTTLS required, AUTH required)
#            submissions BASE+65 (implicit TLS, AUTH required)
#            inbound SMTP BASE+25 (no AUTH, @example.test only); delivers over LMTP into Dovecot
#   D-Bus session bus + gnome-keyring's Secret Service (unlocked) for keytar
#   OAuth 2.0 / OpenID Connect authorization server (oidc-provider) http://127.0.0.1:BASE+80;
#            Dovecot (and Postfix through it) accept its tokens with XOAUTH2 and OAUTHBEARER
#   The same Dovecot ports on 127.0.0.2 (self-signed certificate), 127.0.0.3 (expired),
#   127.0.0.4 (wrong host), and the STARTTLS ports on 127.0.0.5 without STARTTLS; Postfix
#   submission(s) on 127.0.0.2 (self-signed), 127.0.0.3 (expired), 127.0.0.4 (wrong host) and
#   submission on 127.0.0.5 (no STARTTLS). 127.0.0.6: Dovecot's ports and Postfix submission(s) with a
#   certificate issued by a private CA that nothing trusts (tls/private-ca.pem).
#
# Env: MAILTEST_ROOT (instance folder, required), MAILTEST_PORT_BASE (default 20000).
# Writes $MAILTEST_ROOT/env.sh and env.json with everything a test needs. Stop with stop-servers.sh.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=${MAILTEST_ROOT:?set MAILTEST_ROOT to an instance folder}
BASE=${MAILTEST_PORT_BASE:-20000}
case $ROOT in /|/tmp|/tmp/|/root|"") echo "refusing MAILTEST_ROOT=$ROOT" >&2; exit 2 ;; esac

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
T_START=$(now_ms)
log() { echo "[start-servers +$(( $(now_ms) - T_START ))ms] $*"; }
die() { echo "[start-servers] ERROR: $*" >&2; exit 1; }

"$HERE/check-packages.sh" || exit 1
[ "$(id -u)" = 0 ] || die "run as root (Dovecot and Postfix drop privileges to their own users)"

IMAP=$((BASE + 43)) IMAPS=$((BASE + 93)) POP3=$((BASE + 10)) POP3S=$((BASE + 95))
POP3NOSTLS=$((BASE + 11))
LMTP=$((BASE + 24)) AUTH=$((BASE + 12)) SMTP=$((BASE + 25))
SUBMISSION=$((BASE + 87)) SUBMISSIONS=$((BASE + 65))
PORTS="$IMAP $IMAPS $POP3 $POP3S $LMTP $AUTH $SMTP $SUBMISSION $SUBMISSIONS"
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in $PORTS; do port_open "$p" && die "port $p is already in use (another run? stop it, or set MAILTEST_PORT_BASE)"; done

rm -rf "$ROOT/mail" "$ROOT/state" "$ROOT/postfix" "$ROOT/run" "$ROOT/keyring"
mkdir -p "$ROOT"/{run,log,state,mail,tls,postfix/etc,postfix/spool,postfix/data}
# Dovecot's unprivileged processes must be able to reach the instance folder.
chmod 755 "$ROOT" "$ROOT/run"
MAILUID=$(id -u nobody) MAILGID=$(getent group nogroup | cut -d: -f3)
chown "$MAILUID:$MAILGID" "$ROOT/mail"
chown postfix:postfix "$ROOT/postfix/data"
[ -s "$ROOT/tls/server.key" ] && [ -s "$ROOT/tls/privateca2.key" ] || "$HERE/gen-certs.sh" "$ROOT/tls"
printf '%s\n' 'alice@example.test:{PLAIN}alice-pw::::::' 'bob@example.test:{PLAIN}bob-pw::::::' > "$ROOT/users"
render() {
  sed -e "s#@ROOT@#$ROOT#g" -e "s#@BASE@#$BASE#g" -e "s#@MAILUID@#$MAILUID#g" -e "s#@MAILGID@#$MAILGID#g" \
      -e "s#@IMAP@#$IMAP#g" -e "s#@IMAPS@#$IMAPS#g" -e "s#@POP3@#$POP3#g" -e "s#@POP3S@#$POP3S#g" -e "s#@POP3NOSTLS@#$POP3NOSTLS#g" \
      -e "s#@LMTP@#$LMTP#g" -e "s#@AUTH@#$AUTH#g" -e "s#@SMTP@#$SMTP#g" \
      -e "s#@SUBMISSION@#$SUBMISSION#g" -e "s#@SUBMISSIONS@#$SUBMISSIONS#g" "$1" > "$2"
}
render "$HERE/dovecot.conf.in" "$ROOT/dovecot.conf"
render "$HERE/postfix-main.cf.in" "$ROOT/postfix/etc/main.cf"
render "$HERE/postfix-master.cf.in" "$ROOT/postfix/etc/master.cf"

# ---- OAuth 2.0 authorization server, before Dovecot (whose oauth2 passdb introspects at it) ----
"$HERE/start-oidc.sh"

# ---- Dovecot: ready when imap-login greets with "ready." (it only does once auth is up) ----
greets() { # PORT PATTERN
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  local line=""; read -r -t 2 line <&3 || true; exec 3>&-
  [[ $line == $2 ]]
}
greets_at() { # HOST PORT PATTERN
  exec 3<>"/dev/tcp/$1/$2" || return 1
  local line=""; read -r -t 2 line <&3 || true; exec 3>&-
  [[ $line == $3 ]]
}
wait_for() { # what, command...
  local what=$1; shift
  for _ in $(seq 1 300); do "$@" 2>/dev/null && return 0; sleep 0.05; done
  die "$what not ready after 15 s (logs in $ROOT/log)"
}
# Daemons must not inherit our stdout/stderr, or a caller reading our output never sees EOF.
dovecot -c "$ROOT/dovecot.conf" </dev/null >>"$ROOT/log/dovecot.stderr" 2>&1 \
  || die "dovecot failed to start: $(tail -3 "$ROOT/log/dovecot.stderr" "$ROOT/log/dovecot.log" 2>/dev/null)"
wait_for "dovecot IMAP" greets "$IMAP" '*ready.*'
doveadm -c "$ROOT/dovecot.conf" auth test alice@example.test alice-pw >/dev/null || die "dovecot auth test failed"
for p in $IMAPS $POP3 $POP3S $LMTP $AUTH; do wait_for "dovecot port $p" port_open "$p"; done
wait_for "dovecot POP3 without STLS" greets_at 127.0.0.5 "$POP3NOSTLS" '+OK*'
log "dovecot ready (master pid $(cat "$ROOT/run/dovecot/master.pid"))"

# ---- Postfix: the queue tree by hand ('postfix check' makes it too but costs over a second) ----
Q="$ROOT/postfix/spool"
for d in active bounce corrupt defer deferred flush hold incoming private saved trace; do
  install -d -o postfix -g root -m 700 "$Q/$d"
done
install -d -o postfix -g postdrop -m 730 "$Q/maildrop"
install -d -o postfix -g postdrop -m 710 "$Q/public"
install -d -o root -g root -m 755 "$Q/pid"
/usr/lib/postfix/sbin/master -c "$ROOT/postfix/etc" -w </dev/null >>"$ROOT/log/postfix.stderr" 2>&1 \
  || die "postfix failed to start: $(tail -3 "$ROOT/log/postfix.log" 2>/dev/null)"
wait_for "postfix submission" greets "$SUBMISSION" '220*'
wait_for "postfix inbound" greets "$SMTP" '220*'
log "postfix ready (master pid $(tr -d ' ' < "$Q/pid/master.pid"))"

# ---- Secret Service: gnome-keyring on a private session bus, unlocked, no prompts ----
K="$ROOT/keyring"
mkdir -p -m 700 "$K" "$K/run"
dbus-daemon --session --fork --nopidfile --address="unix:path=$K/run/bus" --print-pid=1 \
  </dev/null >"$ROOT/run/dbus.pid" 2>"$ROOT/log/dbus.log" || die "dbus-daemon failed to start"
export DBUS_SESSION_BUS_ADDRESS="unix:path=$K/run/bus"
# --unlock reads a password on stdin and creates the "login" keyring as the default collection.
(printf '%s' "mailroom-test-keyring" | HOME="$K" XDG_RUNTIME_DIR="$K/run" \
   gnome-keyring-daemon --foreground --unlock --components=secrets >"$ROOT/log/gnome-keyring.log" 2>&1 &
 echo $! >"$ROOT/run/gnome-keyring.pid")
has_secrets() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q 'boolean true'
}
wait_for "gnome-keyring" has_secrets
log "secret service ready (dbus pid $(cat "$ROOT/run/dbus.pid"), keyring pid $(cat "$ROOT/run/gnome-keyring.pid"))"

cat >"$ROOT/env.json" <<EOT
{
  "root": "$ROOT",
  "host": "127.0.0.1",
  "ca": "$ROOT/tls/ca.pem",
  "tlsDir": "$ROOT/tls",
  "usersFile": "$ROOT/users",
  "dovecotConf": "$ROOT/dovecot.conf",
  "lmtpSocket": "$ROOT/run/dovecot/lmtp",
  "logDir": "$ROOT/log",
  "ports": { "imap": $IMAP, "imaps": $IMAPS, "pop3": $POP3, "pop3s": $POP3S, "lmtp": $LMTP,
             "auth": $AUTH, "smtp": $SMTP, "submission": $SUBMISSION, "submissions": $SUBMISSIONS },
  "dbusAddress": "$DBUS_SESSION_BUS_ADDRESS",
  "pop3NoStls": { "host": "127.0.0.5", "port": $POP3NOSTLS },
  "badTls": { "selfSigned": "127.0.0.2", "expired": "127.0.0.3", "wrongHost": "127.0.0.4", "noStarttls": "127.0.0.5",
              "privateCa": "127.0.0.6" }
}
EOT
cat >"$ROOT/env.sh" <<EOT
export MAILTEST_ROOT='$ROOT' MAILTEST_PORT_BASE=$BASE
export DBUS_SESSION_BUS_ADDRESS='$DBUS_SESSION_BUS_ADDRESS'
EOT
log "all up; settings in $ROOT/env.json"
