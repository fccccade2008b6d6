#!/usr/bin/env bash
# check-packages.sh [--install] - the Debian packages the test servers and browser tests need.
# Without --install: prints the missing ones on one line and exits 1 if any are missing.
# With --install (as root): installs what is missing (apt-get update first), non-interactively.
set -euo pipefail
# debootstrap builds the private Debian root of the second server family (cyrus-exim/build-root.sh).
PKGS="dovecot-imapd dovecot-pop3d dovecot-lmtpd postfix openssl dbus gnome-keyring libsecret-1-dev
      libsecret-tools chromium python3 make g++ iproute2 debootstrap"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "${1:-}" != "--install" ]; then
  echo "missing Debian packages:$missing (install: apt-get install -y$missing)" >&2
  exit 1
fi
[ "$(id -u)" = 0 ] || { echo "missing Debian packages:$missing (run as root to install them)" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
# Postfix asks how to configure the system-wide instance; we only ever run private instances.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "installed Debian packages:$missing"
