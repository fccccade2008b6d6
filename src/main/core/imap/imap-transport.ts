import { connect as netConnect } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import type { ImapTransport } from 'imapflow'
import { rememberFailedCertificate } from '../net/failed-certificates'

/**
 * imapflow's `transport` option over node:net and node:tls, doing exactly what imapflow does
 * without it (tls.connect with the client's `tls` options, host and SNI name, for implicit TLS and
 * for the STARTTLS upgrade), plus one thing: the certificate the server presents is recorded
 * before Node's own verification runs (`rememberFailedCertificate`), so a TLS failure can carry
 * its fingerprint (mapImapError). This reads the certificate of the very connection that failed:
 * no second connection, and verification is never relaxed. (A `checkServerIdentity` hook would
 * not do: Node calls it only after the chain verified, so never for a self-signed or expired
 * certificate.)
 */
export const certificateRecordingTransport: ImapTransport = {
  connect(options, onConnect) {
    const { host, port, servername, tls } = options
    if (!options.secure) return netConnect({ host, port }, onConnect)
    const socket = tlsConnect({ ...tls, host, port, ...(servername ? { servername } : {}) }, onConnect)
    rememberFailedCertificate(socket)
    return socket
  },
  upgrade(plain, options, onSecure) {
    const { host, port, servername, tls } = options
    // host is passed too: it is the name verified when there is no SNI name (an IP literal).
    const socket = tlsConnect(
      { ...tls, socket: plain, host, port, ...(servername ? { servername } : {}) },
      onSecure,
    )
    rememberFailedCertificate(socket)
    return socket
  },
}
