import type { ConnectionOptions } from 'node:tls'
import nodemailer from 'nodemailer'
import type { OutgoingSettings } from '../../../../shared/model/account'
import { mapSmtpError } from '../../smtp/smtp-errors'

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
    // The same mapper as sending: a verification says what a send would say of the same failure.
    throw mapSmtpError(err, settings)
  } finally {
    transport.close()
  }
}
