/**
 * The one mapper per library (imapflow, nodemailer, the app's POP3 client, Node's sockets) fed
 * with the errors those libraries really raise: a refused login, a closed port, a certificate
 * nobody trusts, a server without STARTTLS, TLS spoken to a plain-text port. The same mapper serves
 * sync, sending and account verification, so each failure reads the same on every path.
 */
import { createServer } from 'node:net'
import type { ConnectionOptions } from 'node:tls'
import { ImapFlow } from 'imapflow'
import nodemailer from 'nodemailer'
import { describe, expect, it } from 'vitest'
import { AppError, type AppErrorData } from '../../src/shared/errors'
import { mapImapError } from '../../src/main/core/imap/imap-errors'
import { tlsOptionsFor } from '../../src/main/core/net/tls'
import { Pop3Client } from '../../src/main/core/pop3/pop3-client'
import { mapSmtpError } from '../../src/main/core/smtp/smtp-errors'
import { verifyImapLogin } from '../../src/main/core/accounts/verify/imap-login'
import { verifySmtpLogin } from '../../src/main/core/accounts/verify/smtp-login'
import { createTestUser, mailStack, testCa } from '../servers/mail-env'

const TIMEOUT = 15_000
const tlsFor = (host: string): ConnectionOptions => tlsOptionsFor(host, { extraCa: [testCa()] })

/** A port on 127.0.0.1 that nothing listens on (bound once, then released). */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (typeof address !== 'object' || address === null) throw new Error('no port')
  return address.port
}

/** What a promise rejected with (the library's own error object, unmapped). */
async function rawError(p: Promise<unknown>): Promise<unknown> {
  const outcome = await p.then(
    () => undefined,
    (e: unknown) => e ?? new Error('rejected without a reason'),
  )
  expect(outcome, 'the operation should have failed').toBeDefined()
  return outcome
}

function imapConnect(opts: {
  host: string
  port: number
  secure: boolean
  starttls?: boolean
  user: string
  pass: string
}): Promise<unknown> {
  const client = new ImapFlow({
    host: opts.host,
    port: opts.port,
    secure: opts.secure,
    doSTARTTLS: opts.starttls ? true : opts.secure ? undefined : false,
    tls: tlsFor(opts.host),
    auth: { user: opts.user, pass: opts.pass },
    logger: false,
    verifyOnly: true,
    connectionTimeout: TIMEOUT,
    greetingTimeout: TIMEOUT,
    socketTimeout: TIMEOUT,
  })
  client.on('error', () => undefined)
  return rawError(client.connect().finally(() => client.close()))
}

function smtpVerify(opts: {
  host: string
  port: number
  secure: boolean
  user: string
  pass: string
}): Promise<unknown> {
  const transport = nodemailer.createTransport({
    host: opts.host,
    port: opts.port,
    secure: opts.secure,
    requireTLS: !opts.secure,
    auth: { user: opts.user, pass: opts.pass },
    tls: tlsFor(opts.host),
    connectionTimeout: TIMEOUT,
    greetingTimeout: TIMEOUT,
    socketTimeout: TIMEOUT,
    logger: false,
  })
  return rawError(transport.verify().finally(() => transport.close()))
}

async function pop3Login(opts: {
  host: string
  port: number
  security: 'tls' | 'starttls'
  user: string
  pass: string
}): Promise<AppErrorData> {
  const err = await rawError(
    (async () => {
      const client = await Pop3Client.connect({
        host: opts.host,
        port: opts.port,
        security: opts.security,
        tls: tlsFor(opts.host),
        timeoutMs: TIMEOUT,
      })
      try {
        await client.login(opts.user, opts.pass, 'auto')
      } finally {
        await client.quit().catch(() => undefined)
      }
    })(),
  )
  // The POP3 client maps inside (its mapper is the only way its errors leave it).
  expect(err).toBeInstanceOf(AppError)
  return (err as AppError).toData()
}

describe('a refused password', () => {
  it('is AUTH_FAILED with reason login-rejected and the server’s words, for IMAP, SMTP and POP3', async () => {
    const user = createTestUser('maperr')
    const { host, ports } = mailStack()
    const wrong = { user: user.address, pass: `${user.password}-wrong` }

    const imap = await imapConnect({ host, port: ports.imaps, secure: true, ...wrong })
    const where = { host, port: ports.imaps }
    expect(mapImapError(imap, where).toData()).toMatchObject({
      code: 'AUTH_FAILED',
      retryable: false,
      detail: { reason: 'login-rejected', serverResponse: expect.stringMatching(/failed/i) as unknown },
    })
    // Verification quotes the response code (RFC 5530) for the person setting the account up.
    const quoted = mapImapError(imap, where, { withResponseCode: true }).toData()
    expect(quoted.detail?.serverResponse).toMatch(/^\[AUTHENTICATIONFAILED\] /)
    expect(quoted.code).toBe('AUTH_FAILED')

    const smtp = await smtpVerify({ host, port: ports.submissions, secure: true, ...wrong })
    expect(mapSmtpError(smtp, { host, port: ports.submissions }).toData()).toMatchObject({
      code: 'AUTH_FAILED',
      retryable: false,
      detail: {
        reason: 'login-rejected',
        responseCode: 535,
        serverResponse: expect.stringMatching(/^535/) as unknown,
      },
    })

    expect(await pop3Login({ host, port: ports.pop3s, security: 'tls', ...wrong })).toMatchObject({
      code: 'AUTH_FAILED',
      retryable: false,
      detail: { reason: 'login-rejected', serverResponse: expect.stringMatching(/^-ERR/) as unknown },
    })
  })

  it('reads the same through account verification as through sync and sending', async () => {
    const user = createTestUser('maperr')
    const { host, ports } = mailStack()
    const settings = {
      host,
      username: user.address,
      authMethod: 'auto' as const,
    }
    const pass = `${user.password}-wrong`
    const viaVerify = await rawError(
      verifyImapLogin(
        { ...settings, protocol: 'imap', port: ports.imaps, security: 'tls' },
        pass,
        tlsFor(host),
        TIMEOUT,
      ),
    )
    expect(viaVerify).toBeInstanceOf(AppError)
    expect((viaVerify as AppError).toData()).toMatchObject({
      code: 'AUTH_FAILED',
      retryable: false,
      detail: { reason: 'login-rejected' },
    })
    const smtpVia = await rawError(
      verifySmtpLogin({ ...settings, port: ports.submissions, security: 'tls' }, pass, tlsFor(host), TIMEOUT),
    )
    expect((smtpVia as AppError).toData()).toMatchObject({
      code: 'AUTH_FAILED',
      retryable: false,
      detail: { reason: 'login-rejected', responseCode: 535 },
    })
  })
})

describe('a closed port', () => {
  it('is a retryable CONNECTION_FAILED with reason refused, for every library', async () => {
    const port = await closedPort()
    const where = { host: '127.0.0.1', port }
    const creds = { user: 'nobody@example.test', pass: 'x' }
    const expected = { code: 'CONNECTION_FAILED', retryable: true, detail: { reason: 'refused', port } }

    const imap = await imapConnect({ host: where.host, port, secure: true, ...creds })
    expect(mapImapError(imap, where).toData()).toMatchObject(expected)
    const smtp = await smtpVerify({ host: where.host, port, secure: true, ...creds })
    expect(mapSmtpError(smtp, where).toData()).toMatchObject(expected)
    expect(await pop3Login({ host: where.host, port, security: 'tls', ...creds })).toMatchObject(expected)
  })
})

describe('a certificate nobody trusts', () => {
  it.each([
    ['selfSigned', 'self-signed'],
    ['expired', 'expired'],
    ['wrongHost', 'wrong-host'],
    ['privateCa', 'untrusted'],
  ] as const)('(%s) is TLS_FAILED with tlsReason %s, never retryable', async (kind, tlsReason) => {
    const host = mailStack().badTls[kind]
    const { ports } = mailStack()
    const creds = { user: 'nobody@example.test', pass: 'x' }
    const expected = { code: 'TLS_FAILED', retryable: false, detail: { tlsReason } }

    const imap = await imapConnect({ host, port: ports.imaps, secure: true, ...creds })
    expect(mapImapError(imap, { host, port: ports.imaps }).toData()).toMatchObject(expected)
    const smtp = await smtpVerify({ host, port: ports.submissions, secure: true, ...creds })
    expect(mapSmtpError(smtp, { host, port: ports.submissions }).toData()).toMatchObject(expected)
    expect(await pop3Login({ host, port: ports.pop3s, security: 'tls', ...creds })).toMatchObject(expected)
  })
})

describe('a server that does not offer STARTTLS', () => {
  it('is TLS_FAILED with tlsReason no-starttls, for IMAP, SMTP and POP3', async () => {
    const host = mailStack().badTls.noStarttls
    const { ports } = mailStack()
    const creds = { user: 'nobody@example.test', pass: 'x' }
    const expected = { code: 'TLS_FAILED', retryable: false, detail: { tlsReason: 'no-starttls' } }

    const imap = await imapConnect({ host, port: ports.imap, secure: false, starttls: true, ...creds })
    expect(mapImapError(imap, { host, port: ports.imap }).toData()).toMatchObject(expected)
    const smtp = await smtpVerify({ host, port: ports.submission, secure: false, ...creds })
    expect(mapSmtpError(smtp, { host, port: ports.submission }).toData()).toMatchObject(expected)
    expect(await pop3Login({ host, port: ports.pop3, security: 'starttls', ...creds })).toMatchObject(
      expected,
    )
  })
})

describe('TLS spoken to a plain-text port', () => {
  it('is TLS_FAILED (other), not a connection failure to retry', async () => {
    const { host, ports } = mailStack()
    const creds = { user: 'nobody@example.test', pass: 'x' }
    const expected = { code: 'TLS_FAILED', retryable: false, detail: { tlsReason: 'other' } }

    const imap = await imapConnect({ host, port: ports.imap, secure: true, ...creds })
    expect(mapImapError(imap, { host, port: ports.imap }).toData()).toMatchObject(expected)
    const smtp = await smtpVerify({ host, port: ports.submission, secure: true, ...creds })
    expect(mapSmtpError(smtp, { host, port: ports.submission }).toData()).toMatchObject(expected)
    expect(await pop3Login({ host, port: ports.pop3, security: 'tls', ...creds })).toMatchObject(expected)
  })
})
