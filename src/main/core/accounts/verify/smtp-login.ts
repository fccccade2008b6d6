import type { ConnectionOptions } from 'node:tls'
import nodemailer from 'nodemailer'
import { AppError } from '../../../../shared/errors'
import type { OutgoingSettings } from '../../../../shared/model/account'
import { mapNetworkError } from '../../net/network-errors'

const METHODS = { plain: 'PLAIN', login: 'LOGIN', auto: undefined } as const

/** Authenticates to a submission server with nodemailer (connect, EHLO, STARTTLS, AUTH, QUIT). */
export async function verifySmtpLogin(
  settings: OutgoingSettings,
  password: string,
  tls: ConnectionOptions,
  timeoutMs: number,
): Promise<void> {
  const method = METHODS[settings.authMethod]
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    // STARTTLS in its required form: never go on in plain text when it is not offered.
    requireTLS: settings.security === 'starttls',
    auth: { user: settings.username, pass: password, ...(method ? { method } : {}) },
    tls,
    name: '[127.0.0.1]',
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
  })
  try {
    await transport.verify()
  } catch (err) {
    throw mapSmtpLoginError(err, settings)
  } finally {
    transport.close()
  }
}

/** nodemailer's errors → AppError, with the server's reply in detail.serverResponse. */
export function mapSmtpLoginError(err: unknown, where: { host: string; port: number }): AppError {
  if (err instanceof AppError) return err
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    code?: string
    originalCode?: string
    response?: string
    responseCode?: number
    message?: string
  }
  const serverResponse = e.response?.trim().slice(0, 500)
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH') {
    return new AppError('AUTH_FAILED', `${where.host} did not accept the login`, {
      cause: err,
      retryable: false,
      detail: { reason: 'login-rejected', serverResponse },
    })
  }
  const network =
    mapNetworkError(err, where) ?? (e.originalCode ? mapNetworkError({ code: e.originalCode }, where) : null)
  if (network) return network
  if (e.code === 'ETIMEDOUT') {
    return new AppError('TIMEOUT', `${where.host}:${where.port} did not answer in time`, {
      cause: err,
      detail: { host: where.host, port: where.port },
    })
  }
  if (e.code === 'ETLS') {
    return new AppError('TLS_FAILED', `No secure connection with ${where.host}:${where.port}`, {
      cause: err,
      retryable: false,
      detail: { tlsReason: /STARTTLS/i.test(e.message ?? '') ? 'no-starttls' : 'other', serverResponse },
    })
  }
  return new AppError('SERVER_REJECTED', `${where.host} refused the connection`, {
    cause: err,
    retryable: e.responseCode === undefined || e.responseCode < 500,
    detail: { serverResponse: serverResponse ?? e.message?.slice(0, 300) },
  })
}
