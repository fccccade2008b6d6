/**
 * POP3 test helpers: put messages into a test user's INBOX with the exact bytes a test needs
 * (Dovecot: `doveadm save`, the storage code LMTP delivery uses; Cyrus: an APPEND), and connection
 * options for the app's POP3 client against a server family.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import type { Pop3ConnectOptions } from '../../../src/main/core/pop3/pop3-client'
import { tlsOptionsFor } from '../../../src/main/core/net/tls'
import { dovecotFamily, familyOf, SERVER_FAMILIES, type ServerFamily } from '../../servers/families'
import { mailStack, testCa, type TestUser } from '../../servers/mail-env'

/** Saves one raw message (CRLF line ends) into a Dovecot user's INBOX, synchronously. */
export function deliverRaw(user: TestUser, raw: string | Buffer): void {
  if (familyOf(user) !== dovecotFamily) throw new Error(`deliverRaw is for Dovecot users: use deliverTo`)
  execFileSync('doveadm', ['-c', mailStack().dovecotConf, 'save', '-u', user.address], { input: raw })
}

/** Saves one raw message (CRLF line ends) into the user's INBOX, on the user's servers. */
export function deliverTo(user: TestUser, raw: string | Buffer): Promise<void> {
  return familyOf(user).deliverRaw(user, raw)
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

/** Both ways in (POP3S, POP3 + STLS) to each server family, for `describe.each`. */
export const FAMILY_MODES = SERVER_FAMILIES.flatMap((family) =>
  (['tls', 'starttls'] as const).map((mode) => ({ family, mode, title: family.title })),
)

/** Connection options for a family's POP3 service: POP3S or POP3 + STLS. */
export function pop3Options(mode: Pop3Mode, family: ServerFamily = dovecotFamily): Pop3ConnectOptions {
  const { host, ports } = family
  return {
    host,
    port: mode === 'tls' ? ports.pop3s : ports.pop3,
    security: mode,
    tls: tlsOptionsFor(host, { extraCa: [testCa()] }),
    timeoutMs: 20_000,
  }
}

/** A fresh POP3 test user, known to its servers when this returns (Dovecot's is waited for). */
export function newUser(prefix: string, family: ServerFamily = dovecotFamily): TestUser {
  return family.createTestUser(prefix)
}
