import type { ConnectionOptions } from 'node:tls'
import { ImapFlow } from 'imapflow'
import type { IncomingSettings } from '../../../../shared/model/account'
import { mapImapError } from '../../imap/imap-errors'
import { isBearer, type LoginSecret } from '../../sasl/oauth-sasl'

const LOGIN_METHODS = { plain: 'AUTH=PLAIN', login: 'AUTH=LOGIN', auto: undefined } as const

/** Logs in to an IMAP server with imapflow and logs out again (verifyOnly). */
export async function verifyImapLogin(
  settings: IncomingSettings,
  password: LoginSecret,
  tls: ConnectionOptions,
  timeoutMs: number,
): Promise<void> {
  const loginMethod = LOGIN_METHODS[settings.authMethod]
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    // STARTTLS in its required form: a server that does not offer it fails (never plain text).
    doSTARTTLS: settings.security === 'starttls' ? true : settings.security === 'none' ? false : undefined,
    tls,
    auth: isBearer(password)
      ? { user: settings.username, accessToken: password.accessToken }
      : { user: settings.username, pass: password, ...(loginMethod ? { loginMethod } : {}) },
    verifyOnly: true,
    logger: false,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  })
  client.on('error', () => undefined) // errors also reject connect(); this keeps them from being unhandled
  try {
    await client.connect()
  } catch (err) {
    // The same mapper as sync: a verification says what sync would say of the same failure,
    // only with the reply's response code quoted for the person setting the account up.
    throw mapImapError(err, settings, { withResponseCode: true })
  } finally {
    client.close()
  }
}
