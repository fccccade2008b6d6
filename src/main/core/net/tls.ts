import { X509Certificate } from 'node:crypto'
import { checkServerIdentity, rootCertificates } from 'node:tls'
import type { ConnectionOptions, PeerCertificate } from 'node:tls'
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
}

/**
 * TLS options for connecting to `host`: verified against system roots + extra CAs, TLS 1.2+.
 *
 * With `pinning`, the account's certificate exceptions for exactly this host and port apply (and
 * no other server's): a pinned certificate is accepted although its name does not match, and a
 * pinned self-signed certificate (whose PEM the pin carries) becomes its own trust anchor. The
 * chain is still verified by OpenSSL, so an expired certificate cannot be pinned: that is a
 * deliberate limit (an expired certificate's key is no longer looked after by anyone).
 */
export function tlsOptionsFor(host: string, trust: TlsTrust, pinning?: ServerPins): ConnectionOptions {
  const options: ConnectionOptions = { servername: serverNameFor(host), minVersion: 'TLSv1.2' }
  const pins = pinning ? pinsFor(pinning.pins, host, pinning.port) : []
  const anchors = pins.flatMap((p) => (p.pem ? [p.pem] : []))
  // Passing `ca` replaces Node's default roots, so add the extra CAs to them, never instead of them.
  if (trust.extraCa.length > 0 || anchors.length > 0) {
    options.ca = [...rootCertificates, ...trust.extraCa, ...anchors]
  }
  if (pins.length > 0) {
    const pinned = new Set(pins.map((p) => normalizeFingerprint(p.fingerprint)))
    options.checkServerIdentity = (name: string, cert: PeerCertificate) =>
      typeof cert.fingerprint256 === 'string' && pinned.has(normalizeFingerprint(cert.fingerprint256))
        ? undefined
        : checkServerIdentity(name, cert)
  }
  return options
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
