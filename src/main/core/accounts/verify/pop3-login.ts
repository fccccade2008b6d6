import type { ConnectionOptions } from 'node:tls'
import type { IncomingSettings } from '../../../../shared/model/account'
import { Pop3Client } from '../../pop3/pop3-client'
import type { LoginSecret } from '../../sasl/oauth-sasl'

/**
 * Logs in to a POP3 server with the app's POP3 client and quits (no message is touched). The
 * client maps its errors itself: a refused login is AUTH_FAILED with the server's words.
 */
export async function verifyPop3Login(
  settings: IncomingSettings,
  password: LoginSecret,
  tls: ConnectionOptions,
  timeoutMs: number,
): Promise<void> {
  const client = await Pop3Client.connect({
    host: settings.host,
    port: settings.port,
    security: settings.security,
    tls,
    timeoutMs,
  })
  try {
    await client.login(settings.username, password, settings.authMethod)
  } finally {
    await client.quit().catch(() => undefined)
  }
}
