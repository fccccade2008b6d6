#!/usr/bin/env bash
# start-oidc.sh - the run's OAuth 2.0 / OpenID Connect authorization server (oidc-provider.mjs) on
# http://127.0.0.1:BASE+80, and the config Dovecot's oauth2 passdb reads to introspect tokens at it.
# Called by start-servers.sh before Dovecot starts; stopped by stop-oidc.sh (by PID).
# Env: MAILTEST_ROOT, MAILTEST_PORT_BASE. Writes $MAILTEST_ROOT/oidc.json for the tests.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=${MAILTEST_ROOT:?set MAILTEST_ROOT}
BASE=${MAILTEST_PORT_BASE:-20000}
PORT=$((BASE + 80))
ISSUER="http://127.0.0.1:$PORT"
die() { echo "[start-oidc] ERROR: $*" >&2; exit 1; }
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && die "port $PORT is already in use"

# A fresh secret per run for the introspection client; Dovecot's auth process reads it, nobody else.
SECRET=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
sed -e "s#@OIDC_PORT@#$PORT#g" -e "s#@OIDC_SECRET@#$SECRET#g" \
  "$HERE/dovecot-oauth2.conf.ext.in" > "$ROOT/dovecot-oauth2.conf.ext"
chmod 640 "$ROOT/dovecot-oauth2.conf.ext"
chgrp dovecot "$ROOT/dovecot-oauth2.conf.ext"

# oidc-provider 9 warns that it wants Node 22; it works on Node 20 (the warning goes to the log).
( cd "$HERE/../.." && OIDC_PORT=$PORT USERS_FILE="$ROOT/users" OIDC_INTROSPECTION_SECRET=$SECRET \
    exec node "$HERE/oidc-provider.mjs" </dev/null >>"$ROOT/log/oidc.log" 2>&1 &
  echo $! >"$ROOT/run/oidc.pid" )
ready() { # the discovery document answers 200
  exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return 1
  printf 'GET /.well-known/openid-configuration HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n\r\n' "$PORT" >&3
  local line=""; read -r -t 2 line <&3 || true; exec 3>&-
  [[ $line == "HTTP/1.1 200"* ]]
}
for _ in $(seq 1 300); do ready 2>/dev/null && break; sleep 0.05; done
ready 2>/dev/null || die "oidc-provider not ready after 15 s: $(tail -5 "$ROOT/log/oidc.log")"

cat >"$ROOT/oidc.json" <<EOT
{
  "issuer": "$ISSUER",
  "port": $PORT,
  "clients": { "native": "mailroom", "shortLived": "mailroom-short" },
  "scope": "openid email offline_access mail",
  "log": "$ROOT/log/oidc.log"
}
EOT
echo "[start-oidc] oidc-provider ready at $ISSUER (pid $(cat "$ROOT/run/oidc.pid"))"
