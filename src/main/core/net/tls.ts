import { X509Certificate } from 'node:crypto'
import { checkServerIdentity, rootCertificates } from 'node:tls'
import type { ConnectionOptions, DetailedPeerCertificate, PeerCertificate } from 'node:tls'
import type { CertificatePin } from '../../../shared/model/account'

/**
 * Process-wide TLS trust: the system's roots plus any extra CAs the app was configured with (the
 * tests' throw-away CA; an enterprise CA). Certificates are always verified: there is no switch
 * to turn verification off.
 */
export interface TlsTrust {
  extraCa: readonly string[]
}

export const SYSTEM_TRUST: TlsTrust = { extraCa: [] }

/** The certificate exceptions of one account, for the one server being connected to. */
export interface ServerPins {
  port: number
  pins: readonly CertificatePin[]
  /** The account's own certificate authority (Account.trustedCa): for this account's servers only. */
  accountCa?: string | undefined
}

/**
 * TLS options for connecting to `host`: verified against system roots + extra CAs, TLS 1.2+.
 *
 * With `pinning`, the account's own certificate authority (if any) is trusted as a CA like the
 * others, for this connection only, and the account's certificate exceptions for exactly this
 * host and port apply (and no other server's). A pin trusts one certificate, whoever issued it:
 * - its certificate (the PEM main keeps with the pin) joins the trust anchors of this one
 *   connection, with OpenSSL's partial-chain flag (`allowPartialTrustChain`), so the chain is
 *   accepted when the server's own certificate is exactly the pinned one, self-signed or issued
 *   by a private CA alike. Nothing is switched off: OpenSSL still checks the handshake signature
 *   (the server holds that certificate's key) and the validity dates, so an expired or not yet
 *   valid certificate is refused even when pinned (deliberately: nobody looks after an expired
 *   certificate's key any more). Any other certificate must chain to a trusted root as ever.
 * - the host name is checked as for any certificate, unless the pin says `allowNameMismatch`
 *   (the person was shown the names it is issued for and accepted them).
 * - a pinned certificate vouches for itself only: a chain that uses it as the issuer of another
 *   certificate is refused (OpenSSL refuses it too for a non-CA certificate; BoringSSL, in
 *   Electron, checks CA flags only on untrusted certificates, so we do not rely on that).
 * Node applies both as the handshake completes, before 'secureConnect' (the moment protocol code
 * may write), and destroys a refused socket: a refused server never receives a command or a
 * credential (test/integration/tls-pins-private-ca.test.ts counts the bytes).
 */
export function tlsOptionsFor(host: string, trust: TlsTrust, pinning?: ServerPins): ConnectionOptions {
  const options: ConnectionOptions = { servername: serverNameFor(host), minVersion: 'TLSv1.2' }
  const pins = pinning ? pinsFor(pinning.pins, host, pinning.port) : []
  const anchors = pins.flatMap((p) => (p.pem ? [p.pem] : []))
  const accountCa = pinning?.accountCa ? [pinning.accountCa] : []
  // Passing `ca` replaces Node's default roots, so add the extra CAs to them, never instead of them.
  if (trust.extraCa.length > 0 || accountCa.length > 0 || anchors.length > 0) {
    options.ca = [...rootCertificates, ...trust.extraCa, ...accountCa, ...anchors]
  }
  if (anchors.length > 0) options.allowPartialTrustChain = true
  if (pins.length > 0) options.checkServerIdentity = pinnedIdentityCheck(pins)
  return options
}

/**
 * Node's host name check (called once the chain verified), with two rules for pinned
 * certificates: a pin with `allowNameMismatch` accepts its own certificate under any name, and no
 * pinned certificate may appear above the server's certificate in the chain it verified.
 */
export function pinnedIdentityCheck(
  pins: readonly CertificatePin[],
): (name: string, cert: PeerCertificate) => Error | undefined {
  const pinned = new Set(pins.map((p) => normalizeFingerprint(p.fingerprint)))
  const anyName = new Set(
    pins.filter((p) => p.allowNameMismatch === true).map((p) => normalizeFingerprint(p.fingerprint)),
  )
  const fingerprint = (c: PeerCertificate) =>
    typeof c.fingerprint256 === 'string' ? normalizeFingerprint(c.fingerprint256) : ''
  return (name, cert) => {
    const own = fingerprint(cert)
    for (const issuer of issuersOf(cert)) {
      const above = fingerprint(issuer)
      if (above !== own && pinned.has(above)) {
        return Object.assign(new Error(`A pinned certificate may not issue others (${name})`), {
          code: 'ERR_TLS_PIN_USED_AS_ISSUER',
        })
      }
    }
    return anyName.has(own) ? undefined : checkServerIdentity(name, cert)
  }
}

/** The certificates above `cert` in the chain Node reports (it ends with a self-reference). */
function issuersOf(cert: PeerCertificate): PeerCertificate[] {
  const chain: PeerCertificate[] = []
  let current = (cert as Partial<DetailedPeerCertificate>).issuerCertificate
  while (current && current !== cert && !chain.includes(current) && chain.length < 16) {
    chain.push(current)
    const next: DetailedPeerCertificate | undefined = current.issuerCertificate
    if (!next || next === current) break
    current = next
  }
  return chain
}

/** The pins that apply to one server: same host (case-insensitive) and same port. */
export function pinsFor(pins: readonly CertificatePin[], host: string, port: number): CertificatePin[] {
  const h = host.toLowerCase()
  return pins.filter((p) => p.host.toLowerCase() === h && p.port === port)
}

/** SHA-256 fingerprint of a PEM certificate, as upper-case hex pairs joined by colons. */
export function fingerprintOf(pem: string): string {
  return new X509Certificate(pem).fingerprint256
}

export function normalizeFingerprint(fingerprint: string): string {
  return fingerprint.replace(/[^0-9a-f]/gi, '').toUpperCase()
}

/** SNI must be a host name, never an IP literal (RFC 6066 §3). */
function serverNameFor(host: string): string | undefined {
  return /^[\d.]+$/.test(host) || host.includes(':') ? undefined : host
}
