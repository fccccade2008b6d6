import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { mapImapError } from './imap-errors'

const where = { host: 'imap.example.test', port: 993 }

describe('mapImapError', () => {
  it('maps a refused login to AUTH_FAILED with the server words', () => {
    const err = Object.assign(new Error('Command failed'), {
      authenticationFailed: true,
      responseText: 'Authentication failed.',
      serverResponseCode: 'AUTHENTICATIONFAILED',
    })
    expect(mapImapError(err, where).toData()).toMatchObject({
      code: 'AUTH_FAILED',
      retryable: false,
      detail: { serverResponse: 'Authentication failed.' },
    })
  })

  it.each(['LIMIT', 'UNAVAILABLE', 'INUSE'])(
    'maps a login refused with [%s] (too many connections, RFC 5530) to a retryable refusal, not AUTH_FAILED',
    (serverResponseCode) => {
      // What Dovecot answers an eleventh session of one user (captured from the test server).
      const err = Object.assign(new Error('Command failed'), {
        authenticationFailed: true,
        responseStatus: 'NO',
        responseText: 'Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)',
        serverResponseCode,
      })
      expect(mapImapError(err, where).toData()).toMatchObject({
        code: 'SERVER_REJECTED',
        retryable: true,
        detail: { serverResponse: expect.stringMatching(/^Maximum number of connections/) as unknown },
      })
    },
  )

  it.each([
    ['NoConnection', 'CONNECTION_FAILED', true],
    ['EConnectionClosed', 'CONNECTION_FAILED', true],
    ['CONNECT_TIMEOUT', 'TIMEOUT', true],
    ['LiteralTooLarge', 'SERVER_REJECTED', false],
    ['ParserError7', 'SERVER_REJECTED', false],
  ])('maps imapflow code %s to %s', (code, expected, retryable) => {
    const mapped = mapImapError(Object.assign(new Error('x'), { code }), where)
    expect([mapped.code, mapped.retryable]).toEqual([expected, retryable])
  })

  it('maps socket errors through the shared network mapping', () => {
    const mapped = mapImapError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), where)
    expect(mapped.toData()).toMatchObject({ code: 'CONNECTION_FAILED', detail: { reason: 'refused' } })
  })

  it('maps a missing mailbox and a NO reply', () => {
    expect(mapImapError(Object.assign(new Error('x'), { mailboxMissing: true }), where).code).toBe(
      'MAILBOX_NOT_FOUND',
    )
    const no = mapImapError(
      Object.assign(new Error('Command failed'), {
        responseStatus: 'NO',
        responseText: 'Over quota',
        serverResponseCode: 'OVERQUOTA',
      }),
      where,
    )
    expect(no.toData()).toMatchObject({
      code: 'SERVER_REJECTED',
      retryable: true,
      detail: { serverResponse: 'Over quota' },
    })
  })

  it('maps a mailbox imapflow confirmed missing (a bare NO to STATUS, as Cyrus says it) with the server words', () => {
    // imapflow's own error after STATUS got a NO without a response code and LIST found nothing.
    const reply = Object.assign(new Error('Command failed'), {
      responseStatus: 'NO',
      responseText: 'Mailbox does not exist',
      executedCommand: '10 STATUS Doomed (UIDVALIDITY UIDNEXT)',
    })
    const err = Object.assign(new Error("Mailbox doesn't exist: Doomed"), {
      code: 'NotFound',
      response: reply,
    })
    expect(mapImapError(err, where).toData()).toMatchObject({
      code: 'MAILBOX_NOT_FOUND',
      retryable: false,
      detail: { serverResponse: 'Mailbox does not exist', imapCode: 'NotFound' },
    })
  })

  it('keeps AppErrors and never dresses a bug up as a network error', () => {
    const app = new AppError('CANCELLED', 'stop')
    expect(mapImapError(app, where)).toBe(app)
    expect(mapImapError(new TypeError('x is undefined'), where).code).toBe('INTERNAL')
  })

  it('calls a failed TLS upgrade no-starttls only when STARTTLS was the problem', () => {
    // imapflow's own words when a required STARTTLS is not offered, and a failed handshake it marks.
    const missing = Object.assign(new Error('Server does not support STARTTLS'), { tlsFailed: true })
    const handshake = Object.assign(
      new Error('Client network socket disconnected before secure TLS connection was established'),
      { tlsFailed: true },
    )
    const injected = Object.assign(new Error('Server sent data after the STARTTLS response'), {
      tlsFailed: true,
      code: 'STARTTLS_INJECTION',
    })
    const reasonOf = (e: Error) => mapImapError(e, where).toData().detail?.tlsReason
    expect([reasonOf(missing), reasonOf(handshake), reasonOf(injected)]).toEqual([
      'no-starttls',
      'other',
      'other',
    ])
  })

  it('quotes the response code in the server’s words only when asked (account verification)', () => {
    const err = Object.assign(new Error('Command failed'), {
      authenticationFailed: true,
      responseText: 'Authentication failed.',
      serverResponseCode: 'AUTHENTICATIONFAILED',
    })
    expect(mapImapError(err, where).toData().detail).toMatchObject({
      reason: 'login-rejected',
      serverResponse: 'Authentication failed.',
    })
    expect(mapImapError(err, where, { withResponseCode: true }).toData().detail).toMatchObject({
      reason: 'login-rejected',
      serverResponse: '[AUTHENTICATIONFAILED] Authentication failed.',
    })
  })
})
