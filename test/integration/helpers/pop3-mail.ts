/**
 * POP3 test helpers: put messages into a test user's INBOX through Dovecot itself (`doveadm save`,
 * the same storage code LMTP delivery uses, but with the exact bytes a test needs), and connection
 * options for the app's POP3 client against the private stack.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import type { Pop3ConnectOptions } from '../../../src/main/core/pop3/pop3-client'
import { tlsOptionsFor } from '../../../src/main/core/net/tls'
import { createTestUser, mailStack, testCa, type TestUser } from '../../servers/mail-env'

/** Saves one raw message (CRLF line ends) into the user's INBOX. */
export function deliverRaw(user: TestUser, raw: string | Buffer): void {
  execFileSync('doveadm', ['-c', mailStack().dovecotConf, 'save', '-u', user.address], { input: raw })
}

/** A small RFC 5322 message; `body` lines are joined with CRLF. */
export function sampleMessage(subject: string, body: string[] = ['Hello.']): string {
  return [
    'From: Sender <sender@example.test>',
    'To: someone@example.test',
    `Subject: ${subject}`,
    `Message-ID: <${randomBytes(8).toString('hex')}@example.test>`,
    'Date: Mon, 2 Jun 2025 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    ...body,
    '',
  ].join('\r\n')
}

/** A message of about `bytes` octets: base64 lines of 76 characters, as mailers write them. */
export function largeMessage(subject: string, bytes: number): Buffer {
  const lines: string[] = []
  const lineCount = Math.ceil(bytes / 78)
  const seed = randomBytes(57 * 64)
  for (let i = 0; i < lineCount; i++) {
    const offset = (i * 57) % (seed.length - 57)
    lines.push(seed.subarray(offset, offset + 57).toString('base64'))
  }
  return Buffer.from(sampleMessage(subject, lines), 'utf8')
}

export type Pop3Mode = 'tls' | 'starttls'

/** Connection options for the stack's POP3 service: POP3S (BASE+95) or POP3 + STLS (BASE+10). */
export function pop3Options(mode: Pop3Mode): Pop3ConnectOptions {
  const { host, ports } = mailStack()
  return {
    host,
    port: mode === 'tls' ? ports.pop3s : ports.pop3,
    security: mode,
    tls: tlsOptionsFor(host, { extraCa: [testCa()] }),
    timeoutMs: 20_000,
  }
}

/**
 * A fresh user that Dovecot already knows. Dovecot re-reads its passwd-file at most once a second,
 * so a user appended right after another lookup can be unknown for up to a second: wait for it.
 */
/** A fresh POP3 test user (createTestUser waits until Dovecot knows it). */
export function newUser(prefix: string): TestUser {
  return createTestUser(prefix)
}
