import type { ConnectionOptions } from 'node:tls'
import nodemailer from 'nodemailer'
import SMTPConnection from 'nodemailer/lib/smtp-connection'
import type { OutgoingSettings } from '../../../../shared/model/account'
import { isBearer, type BearerToken, type LoginSecret } from '../../sasl/oauth-sasl'
import { mapSmtpError } from '../../smtp/smtp-errors'
import { oauthCustomAuth, smtpOAuthMethod } from '../../smtp/smtp-oauth'

const METHODS = { plain: 'PLAIN', login: 'LOGIN', auto: undefined } as const

/** Authenticates to a submission server with nodemailer (connect, EHLO, STARTTLS, AUTH, QUIT). */
export async function verifySmtpLogin(
  settings: OutgoingSettings,
  password: LoginSecret,
  tls: ConnectionOptions,
  timeoutMs: number,
): Promise<void> {
  // A token logs in the way sending does (smtp-session.ts: OAUTHBEARER or XOAUTH2 by EHLO).
  if (isBearer(password)) return verifySmtpToken(settings, password, tls, timeoutMs)
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
    // The same mapper as sending: a verification says what a send would say of the same failure.
    throw mapSmtpError(err, settings)
  } finally {
    transport.close()
  }
}

async function verifySmtpToken(
  settings: OutgoingSettings,
  token: BearerToken,
  tls: ConnectionOptions,
  timeoutMs: number,
): Promise<void> {
  const conn = new SMTPConnection({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    tls,
    name: '[127.0.0.1]',
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    customAuth: oauthCustomAuth,
  })
  let failed: ((err: Error) => void) | undefined
  conn.on('error', (err: Error) => failed?.(err))
  const step = (run: (done: (err?: Error | null) => void) => void) =>
    new Promise<void>((resolve, reject) => {
      failed = reject
      run((err) => (err ? reject(err) : resolve()))
    })
  try {
    await step((done) => conn.connect((err) => done(err)))
    const { username: user, host, port } = settings
    await step((done) =>
      conn.login(
        {
          user,
          method: smtpOAuthMethod(conn.lastServerResponse || '', token),
          options: { accessToken: token.accessToken, host, port },
        },
        (err) => done(err),
      ),
    )
    conn.quit()
  } catch (err) {
    throw mapSmtpError(err, settings)
  } finally {
    failed = undefined
    conn.close()
  }
}
