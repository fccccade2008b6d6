import type { ConnectionOptions } from 'node:tls'
import { ImapFlow } from 'imapflow'
import { AppError } from '../../../../shared/errors'
import type { IncomingSettings } from '../../../../shared/model/account'
import { mapNetworkError } from '../../net/network-errors'

const LOGIN_METHODS = { plain: 'AUTH=PLAIN', login: 'AUTH=LOGIN', auto: undefined } as const

/** Logs in to an IMAP server with imapflow and logs out again (verifyOnly). */
export async function verifyImapLogin(
  settings: IncomingSettings,
  password: string,
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
    auth: { user: settings.username, pass: password, ...(loginMethod ? { loginMethod } : {}) },
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
    throw mapImapLoginError(err, settings)
  } finally {
    client.close()
  }
}

/** imapflow's errors → AppError, with the server's words in detail.serverResponse. */
export function mapImapLoginError(err: unknown, where: { host: string; port: number }): AppError {
  if (err instanceof AppError) return err
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    authenticationFailed?: boolean
    responseText?: string
    serverResponseCode?: string
    tlsFailed?: boolean
    code?: string
    message?: string
  }
  const serverResponse = [e.serverResponseCode && `[${e.serverResponseCode}]`, e.responseText]
    .filter(Boolean)
    .join(' ')
  if (e.authenticationFailed) {
    return new AppError('AUTH_FAILED', `${where.host} did not accept the login`, {
      cause: err,
      retryable: false,
      detail: { reason: 'login-rejected', serverResponse: serverResponse || undefined },
    })
  }
  const network = mapNetworkError(err, where)
  if (network) return network
  if (e.code === 'CONNECT_TIMEOUT' || e.code === 'GREETING_TIMEOUT' || e.code === 'UPGRADE_TIMEOUT') {
    return new AppError('TIMEOUT', `${where.host}:${where.port} did not answer in time`, {
      cause: err,
      detail: { host: where.host, port: where.port },
    })
  }
  if (e.tlsFailed) {
    return new AppError('TLS_FAILED', `No secure connection with ${where.host}:${where.port}`, {
      cause: err,
      retryable: false,
      detail: { tlsReason: /STARTTLS/i.test(e.message ?? '') ? 'no-starttls' : 'other' },
    })
  }
  return new AppError('SERVER_REJECTED', `${where.host} refused the connection`, {
    cause: err,
    retryable: true,
    detail: { serverResponse: serverResponse || e.message?.slice(0, 300) },
  })
}
