import type { ConnectionOptions } from 'node:tls'
import { presentedCertificateOf, type PresentedCertificate } from '../connect'
import { probeServer, type ProbeTarget } from './server-probe'

/**
 * After a library's connection failed TLS verification without telling which certificate it saw
 * (nodemailer does its STARTTLS upgrade on its own socket, which no option reaches), this
 * reconnects with the same trust options, exactly as far as the handshake (greeting, capabilities,
 * STARTTLS: the probe never logs in, so no credential is ever sent), and reads the certificate the
 * server presents. Undefined when this second connection fails otherwise or now verifies.
 *
 * Sound because it is only information: the person compares the fingerprint with what their
 * provider publishes, and a certificate exception made from it is checked against the certificate
 * actually presented on every later connection (tlsOptionsFor), so a server that presents another
 * certificate the second time gains nothing.
 */
export async function probeFailedCertificate(
  target: ProbeTarget,
  tls: ConnectionOptions,
  timeoutMs = 10_000,
): Promise<PresentedCertificate | undefined> {
  try {
    await probeServer(target, { tls, timeoutMs })
    return undefined
  } catch (err) {
    return presentedCertificateOf(err)
  }
}
