#!/usr/bin/env bash
# add-user.sh RUN_DIR ADDRESS < PASSWORD - a mail user of this Cyrus/Exim run: a SASL secret in
# Cyrus's sasldb (IMAP, POP3) and a SHA-512 crypt line in Exim's passwd file (submission AUTH, and
# the list of deliverable recipients). Cyrus makes the INBOX and special-use folders itself at the
# first login or delivery. Writers take a lock: sasldb (Berkeley DB) has none of its own.
set -euo pipefail
DIR=$1 ADDRESS=$2
PASSWORD=$(cat)
M="$DIR/root"
exec 9>"$DIR/run/users.lock"
flock -w 30 9
printf '%s' "$PASSWORD" | env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin chroot "$M" \
  saslpasswd2 -p -c -u "${ADDRESS#*@}" "${ADDRESS%@*}"
printf '%s:%s\n' "$ADDRESS" "$(printf '%s' "$PASSWORD" | openssl passwd -6 -stdin)" >>"$M/etc/exim4/passwd"
