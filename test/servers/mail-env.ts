/**
 * What tests know about the private mail stack: addresses, ports, the test CA, and helpers to
 * make fresh users (so test files never share a mailbox) and to deliver mail into Dovecot.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { appendFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface MailStack {
  root: string
  host: string
  ca: string
  tlsDir: string
  usersFile: string
  dovecotConf: string
  lmtpSocket: string
  logDir: string
  ports: {
    imap: number
    imaps: number
    pop3: number
    pop3s: number
    lmtp: number
    auth: number
    smtp: number
    submission: number
    submissions: number
  }
  /**
   * A POP3 listener of the same Dovecot that does not offer STLS (its own loopback address, with
   * `ssl = no` for that address only): for tests of the client's refusal to log in without TLS.
   */
  pop3NoStls: { host: string; port: number }
  dbusAddress: string
  /**
   * Loopback addresses where the same servers present bad certificates (privateCa: one issued by a
   * private CA that nothing trusts, tls/private-ca.pem; Dovecot: every port;
   * Postfix: submission and submissions) or do not offer STARTTLS (Dovecot's IMAP and POP3
   * STARTTLS ports, Postfix submission).
   */
  badTls: { selfSigned: string; expired: string; wrongHost: string; noStarttls: string; privateCa: string }
}

let cached: MailStack | undefined

/** The running stack's settings (global-setup exports MAILTEST_ROOT to every test worker). */
export function mailStack(): MailStack {
  if (cached) return cached
  const root = process.env['MAILTEST_ROOT']
  if (!root) throw new Error('MAILTEST_ROOT is not set: run through vitest (global-setup starts the servers)')
  cached = JSON.parse(readFileSync(join(root, 'env.json'), 'utf8')) as MailStack
  return cached
}

/** The test CA in PEM, to trust explicitly (never by turning verification off). */
export function testCa(): string {
  return readFileSync(mailStack().ca, 'utf8')
}

/** The servers a test user lives on (test/servers/families.ts); absent means Dovecot + Postfix. */
export type ServerFamilyName = 'dovecot' | 'cyrus'

export interface TestUser {
  address: string
  password: string
  family?: ServerFamilyName
}

export const ALICE: TestUser = { address: 'alice@example.test', password: 'alice-pw' }
export const BOB: TestUser = { address: 'bob@example.test', password: 'bob-pw' }

/**
 * Adds a new mailbox user to Dovecot's passwd-file (re-read on change) and returns it. Postfix
 * accepts any @example.test recipient, so the user can receive mail at once.
 */
export function createTestUser(prefix = 'user'): TestUser {
  const id = randomBytes(5).toString('hex')
  const user = { address: `${prefix}-${id}@example.test`, password: `pw-${randomBytes(9).toString('hex')}` }
  // One short append per user: O_APPEND keeps concurrent writers' lines whole.
  appendFileSync(mailStack().usersFile, `${user.address}:{PLAIN}${user.password}::::::\n`)
  waitUntilKnown(user.address)
  return user
}

/**
 * Dovecot re-reads the passwd-file when it changes, but notices a change at most about once a
 * second: wait until it knows the new user, so the first login or delivery never races it.
 */
function waitUntilKnown(address: string): void {
  for (let i = 0; ; i++) {
    try {
      execFileSync('doveadm', ['-c', mailStack().dovecotConf, 'user', address], { stdio: 'ignore' })
      return
    } catch (err) {
      if (i >= 50) throw err
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100)
    }
  }
}
