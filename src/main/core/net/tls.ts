import { rootCertificates } from 'node:tls'
import type { ConnectionOptions } from 'node:tls'

/**
 * Process-wide TLS trust: the system's roots plus any extra CAs the app was configured with (the
 * tests' throw-away CA; an enterprise CA). Certificates are always verified: there is no switch
 * to turn verification off.
 */
export interface TlsTrust {
  extraCa: readonly string[]
}

export const SYSTEM_TRUST: TlsTrust = { extraCa: [] }

/** TLS options for connecting to `host`: verified against system roots + extra CAs, TLS 1.2+. */
export function tlsOptionsFor(host: string, trust: TlsTrust): ConnectionOptions {
  const options: ConnectionOptions = { servername: serverNameFor(host), minVersion: 'TLSv1.2' }
  // Passing `ca` replaces Node's default roots, so add the extra CAs to them, never instead of them.
  if (trust.extraCa.length > 0) options.ca = [...rootCertificates, ...trust.extraCa]
  return options
}

/** SNI must be a host name, never an IP literal (RFC 6066 §3). */
function serverNameFor(host: string): string | undefined {
  return /^[\d.]+$/.test(host) || host.includes(':') ? undefined : host
}
