/**
 * The server families the interop tests run against, behind one shape: Dovecot 2.3 + Postfix 3.7
 * (start-servers.sh) and Cyrus IMAP/POP3 3.6 + Exim 4.96 (cyrus-exim/start.sh), both Debian 12's
 * packages, both on 127.0.0.1 with certificates from the one test CA (testCa()). A test written
 * against a ServerFamily, with users made by its createTestUser, runs unchanged against either:
 * the helpers find a user's servers from `user.family`.
 *
 * What differs, and why the second family exists: Cyrus says LOGINDISABLED until STARTTLS, offers
 * SCRAM and CRAM-MD5 before TLS, marks special-use folders in lower case (`\sent`), and refuses
 * an APPEND with a bare LF (RFC 5322 §2.3); Exim offers CHUNKING, SMTPUTF8 and PIPECONNECT and
 * words its replies its own way.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ImapFlow } from 'imapflow'
import {
  createTestUser as createDovecotUser,
  mailStack,
  testCa,
  type ServerFamilyName,
  type TestUser,
} from './mail-env'

export interface FamilyPorts {
  imap: number
  imaps: number
  pop3: number
  pop3s: number
  /** LMTP (RFC 2033) without authentication: how tests deliver mail. */
  lmtp: number
  submission: number
  submissions: number
}

export interface ServerFamily {
  readonly name: ServerFamilyName
  /** For test names: "Dovecot + Postfix", "Cyrus + Exim". */
  readonly title: string
  readonly host: string
  readonly ports: FamilyPorts
  /** A fresh user (its own mailbox) that IMAP, POP3 and submission know at once. */
  createTestUser(prefix?: string): TestUser
  /** Puts exactly these bytes into the user's INBOX (no headers added, unlike a delivery). */
  deliverRaw(user: TestUser, raw: string | Buffer): Promise<void>
  /** A recipient the submission server refuses at RCPT TO, and the words it refuses it with. */
  readonly refusedRecipient: { address: string; response: RegExp }
  /**
   * A loopback address where the same servers, on the same ports, present the self-signed
   * certificate tls/selfsigned.pem (for certificate exceptions).
   */
  readonly selfSigned: string
}

export const dovecotFamily: ServerFamily = {
  name: 'dovecot',
  title: 'Dovecot + Postfix',
  get host() {
    return mailStack().host
  },
  get ports() {
    return mailStack().ports
  },
  createTestUser: (prefix) => ({ ...createDovecotUser(prefix), family: 'dovecot' }),
  // `doveadm save`: the storage code LMTP delivery uses, with the exact bytes.
  deliverRaw: (user, raw) => {
    execFileSync('doveadm', ['-c', mailStack().dovecotConf, 'save', '-u', user.address], { input: raw })
    return Promise.resolve()
  },
  refusedRecipient: { address: 'rejected@example.test', response: /^550 5\.1\.1 .*Mailbox unavailable/ },
  get selfSigned() {
    return mailStack().badTls.selfSigned
  },
}

/** What cyrus-exim/start.sh wrote for this run. */
interface CyrusStack {
  dir: string
  root: string
  host: string
  addUser: string
  logs: { syslog: string; exim: string }
  ports: FamilyPorts
  selfSigned: string
}

let cyrusCached: CyrusStack | undefined
export function cyrusStack(): CyrusStack {
  if (cyrusCached) return cyrusCached
  const root = process.env['MAILTEST_ROOT']
  const file = root && join(root, 'cyrus-exim', 'env.json')
  if (!file || !existsSync(file))
    throw new Error(
      'The Cyrus/Exim servers are not running: run through the vitest integration project (its global setup starts them)',
    )
  cyrusCached = JSON.parse(readFileSync(file, 'utf8')) as CyrusStack
  return cyrusCached
}

export const cyrusFamily: ServerFamily = {
  name: 'cyrus',
  title: 'Cyrus + Exim',
  get host() {
    return cyrusStack().host
  },
  get ports() {
    return cyrusStack().ports
  },
  createTestUser(prefix = 'user') {
    const user: TestUser = {
      address: `${prefix}-${randomBytes(5).toString('hex')}@example.test`,
      password: `pw-${randomBytes(9).toString('hex')}`,
      family: 'cyrus',
    }
    // sasldb and Exim's passwd file are written before this returns: known at once.
    execFileSync(cyrusStack().addUser, [cyrusStack().dir, user.address], { input: user.password })
    return user
  },
  // Cyrus's lmtpd adds Return-Path and Received: an APPEND (RFC 3501 §6.3.11) keeps the bytes.
  async deliverRaw(user, raw) {
    const client = new ImapFlow({
      host: cyrusStack().host,
      port: cyrusStack().ports.imaps,
      secure: true,
      tls: { ca: testCa() },
      auth: { user: user.address, pass: user.password },
      logger: false,
    })
    client.on('error', () => undefined)
    await client.connect()
    try {
      await client.append('INBOX', raw)
    } finally {
      await client.logout()
    }
  },
  // Exim's own words for a recipient no router accepts (`verify = recipient` in the RCPT ACL).
  refusedRecipient: { address: 'rejected@example.test', response: /^550 Unrouteable address/ },
  get selfSigned() {
    return cyrusStack().selfSigned
  },
}

/** Every family, for `describe.each(SERVER_FAMILIES)('... ($title)', (family) => ...)`. */
export const SERVER_FAMILIES: readonly ServerFamily[] = [dovecotFamily, cyrusFamily]

/** The family whose servers hold this user's mailbox (users made by mail-env are Dovecot's). */
export function familyOf(user: TestUser): ServerFamily {
  return user.family === 'cyrus' ? cyrusFamily : dovecotFamily
}
