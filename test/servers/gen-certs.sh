#!/bin/sh
# gen-certs.sh DIR - a throw-away test CA and a server certificate signed by it.
# Tests trust ca.pem explicitly (tls: { ca }); verification is never turned off.
# Also makes the certificates the TLS tests need to be refused: self-signed, expired, not yet valid,
# wrong host, and issued by a private CA that nothing trusts.
set -eu
D=$1
mkdir -p "$D"
cd "$D"
q() { "$@" 2>/dev/null; }
q openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -sha256 -keyout ca.key -out ca.pem \
  -subj "/CN=Mailroom Test CA" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign"

# leaf NAME SAN [DAYS] [START]: a server certificate signed by the test CA
leaf() {
  name=$1 san=$2 days=${3:-825}
  cn=$(printf '%s' "$san" | sed 's/^DNS:\([^,]*\).*/\1/')
  q openssl req -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "/CN=$cn"
  printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" "subjectAltName=$san" > "$name.ext"
  if [ -n "${4:-}" ]; then
    # An already expired certificate: openssl x509 -req cannot backdate, 'openssl ca' can.
    mkdir -p ca-db && : > ca-db/index.txt && echo 1000 > ca-db/serial
    printf '%s\n' "[ca]" "default_ca=d" "[d]" "database=ca-db/index.txt" "serial=ca-db/serial" \
      "new_certs_dir=ca-db" "policy=p" "default_md=sha256" "[p]" "commonName=supplied" > ca-db/ca.cnf
    q openssl ca -batch -config ca-db/ca.cnf -cert ca.pem -keyfile ca.key -in "$name.csr" -out "$name.pem" \
      -startdate "$4" -enddate "$3" -extfile "$name.ext" -notext
  else
    q openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -out "$name.pem" \
      -days "$days" -sha256 -extfile "$name.ext"
  fi
  cat "$name.pem" ca.pem > "$name-chain.pem"
  rm -f "$name.csr" "$name.ext"
}
leaf server "DNS:localhost,DNS:mail.example.test,IP:127.0.0.1,IP:::1"
leaf wronghost "DNS:other.example.net"
leaf expired "DNS:localhost,IP:127.0.0.1" 20200101000000Z 20190101000000Z
leaf notyetvalid "DNS:localhost,IP:127.0.0.1" 20991231000000Z 20990101000000Z
# self-signed: not issued by the test CA at all (its names include the address that serves it)
q openssl req -x509 -newkey rsa:2048 -nodes -days 825 -sha256 -keyout selfsigned.key -out selfsigned.pem \
  -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:127.0.0.2"
cp selfsigned.pem selfsigned-chain.pem
# A private CA nobody trusts (an enterprise's own), and two leaves it issued for the same names
# (served on 127.0.0.6 with the chain, as such servers do; the second one is an impostor).
q openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -sha256 -keyout private-ca.key -out private-ca.pem \
  -subj "/CN=Mailroom Private CA (untrusted)" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign"
for name in privateca privateca2; do
  q openssl req -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "/CN=mail.private.test"
  printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" "subjectAltName=DNS:mail.private.test,IP:127.0.0.6,IP:127.0.0.1" > "$name.ext"
  q openssl x509 -req -in "$name.csr" -CA private-ca.pem -CAkey private-ca.key -CAcreateserial -out "$name.pem" \
    -days 825 -sha256 -extfile "$name.ext"
  cat "$name.pem" private-ca.pem > "$name-chain.pem"
  rm -f "$name.csr" "$name.ext"
done
rm -rf ca-db ca.srl private-ca.srl
chmod 600 ./*.key
chmod 644 ./*.pem
