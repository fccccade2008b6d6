import { X509Certificate } from 'node:crypto'
import { checkServerIdentity, type PeerCertificate } from 'node:tls'
import type { AppErrorDetail, TlsReason } from '../../../shared/errors'

/** The certificate a server presented, also when it failed verification. */
export interface PresentedCertificate {
  /** SHA-256, upper-case hex pairs joined by colons. */
  fingerprint: string
  pem: string
  /** Distinguished names, one attribute after another ("CN=mail.example.org, O=Example"). */
  subject: string
  issuer: string
  /** ISO 8601. */
  validFrom: string
  validTo: string
  /** Subject alternative names as Node writes them ("DNS:a.example, IP Address:192.0.2.1"), or ''. */
  subjectAltName: string
  /** The subject's common name (checked as the host name only when there are no alternative names). */
  commonName: string | undefined
  /** Issued by itself (its own issuer, signed with its own key): no authority vouches for it. */
  selfSigned: boolean
}

/** What a person (and the pin they may make) needs to know about a certificate. */
export function describeCertificate(raw: Buffer | string): PresentedCertificate {
  const x509 = new X509Certificate(raw)
  return {
    fingerprint: x509.fingerprint256,
    pem: x509.toString(),
    subject: oneLine(x509.subject),
    issuer: oneLine(x509.issuer),
    validFrom: isoDate(x509.validFrom),
    validTo: isoDate(x509.validTo),
    subjectAltName: x509.subjectAltName ?? '',
    commonName: /^CN=(.*)$/m.exec(x509.subject)?.[1],
    selfSigned: x509.checkIssued(x509) && x509.verify(x509.publicKey),
  }
}

/**
 * Whether the certificate is issued for `host`, by Node's own rule (the one the connection
 * applies: subject alternative names, else the common name; IP literals against IP names only).
 */
export function certificateNamesHost(cert: PresentedCertificate, host: string): boolean {
  const cn = cert.commonName
  const peer = { subject: cn ? { CN: cn } : {}, subjectaltname: cert.subjectAltName || undefined }
  return checkServerIdentity(host, peer as unknown as PeerCertificate) === undefined
}

/**
 * The reason a person should be told, from OpenSSL's verdict (`reported`) and the certificate
 * itself: OpenSSL names only one problem (and calls a private CA's chain SELF_SIGNED_CERT_IN_CHAIN),
 * so the dates come first (an expired certificate can never be trusted, pinned or not), then who
 * issued it: the server's certificate itself, or an authority this computer does not trust.
 */
export function refineTlsReason(
  reported: TlsReason,
  cert: PresentedCertificate,
  now: number = Date.now(),
): TlsReason {
  if (Date.parse(cert.validTo) < now) return 'expired'
  if (Date.parse(cert.validFrom) > now) return 'not-yet-valid'
  if (reported === 'self-signed' || reported === 'untrusted') {
    return cert.selfSigned ? 'self-signed' : 'untrusted'
  }
  return reported
}

/** The error detail that names the refused certificate (the PEM stays in main). */
export function certificateDetail(
  cert: PresentedCertificate,
  host: string | undefined,
): AppErrorDetail<'TLS_FAILED'> {
  return {
    fingerprint: cert.fingerprint,
    subject: cert.subject,
    issuer: cert.issuer,
    validFrom: cert.validFrom,
    validTo: cert.validTo,
    certificateNames: cert.subjectAltName.replace(/\b(?:DNS|IP Address):/g, ''),
    ...(host !== undefined ? { nameMatches: certificateNamesHost(cert, host) } : {}),
  }
}

function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ')
}

/** OpenSSL's "Jan  1 00:00:00 2030 GMT" as ISO 8601 (kept as given if it cannot be read). */
function isoDate(openssl: string): string {
  const t = Date.parse(openssl)
  return Number.isNaN(t) ? openssl : new Date(t).toISOString()
}
