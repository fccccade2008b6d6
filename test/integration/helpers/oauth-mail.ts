/**
 * Logging in to the private stack's servers with an OAuth 2.0 access token through the app's own
 * protocol clients (createImapClient, Pop3Client, SmtpSession), a raw SASL exchange for what those
 * clients do not let a test choose, and the servers' logs that say which mechanism was used.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { connect as netConnect } from 'node:net'
import { connect as tlsConnect, type TLSSocket } from 'node:tls'
import { createImapClient } from '../../../src/main/core/imap/imap-client'
import { mapImapError } from '../../../src/main/core/imap/imap-errors'
import { tlsOptionsFor } from '../../../src/main/core/net/tls'
import { Pop3Client } from '../../../src/main/core/pop3/pop3-client'
import { bearer, type OAuthMechanism } from '../../../src/main/core/sasl/oauth-sasl'
import { SmtpSession } from '../../../src/main/core/smtp/smtp-session'
import type { Security } from '../../../src/shared/model/account'
import { mailStack, testCa } from '../../servers/mail-env'
import { stackAccount } from './sending'

const trust = () => ({ extraCa: [testCa()] })

/** Logs in over IMAP with the token (imapflow picks OAUTHBEARER), reads INBOX's status, logs out. */
export async function imapLoginWithToken(
  address: string,
  accessToken: string,
  security: 'tls' | 'starttls' = 'tls',
): Promise<{ messages: number }> {
  const { host, ports } = mailStack()
  const account = stackAccount('oauth-imap', { address, password: '' })
  account.incoming = { ...account.incoming, security, port: security === 'tls' ? ports.imaps : ports.imap }
  const client = createImapClient(account, bearer(accessToken), trust(), 'worker')
  client.on('error', () => undefined)
  try {
    await client.connect()
    const status = await client.status('INBOX', { messages: true })
    await client.logout()
    return { messages: status ? (status.messages ?? 0) : -1 }
  } catch (err) {
    client.close()
    throw mapImapError(err, { host, port: account.incoming.port })
  }
}

export async function pop3LoginWithToken(
  address: string,
  accessToken: string,
  mechanism: OAuthMechanism,
  security: 'tls' | 'starttls' = 'tls',
): Promise<{ count: number }> {
  const { host, ports } = mailStack()
  const client = await Pop3Client.connect({
    host,
    port: security === 'tls' ? ports.pop3s : ports.pop3,
    security,
    tls: tlsOptionsFor(host, trust()),
    timeoutMs: 20_000,
  })
  try {
    await client.login(address, bearer(accessToken, mechanism))
    const stat = await client.stat()
    await client.quit()
    return { count: stat.count }
  } finally {
    client.destroy()
  }
}

/** An authenticated submission session with the token (Postfix, SASL through Dovecot). */
export async function smtpSessionWithToken(
  address: string,
  accessToken: string,
  mechanism: OAuthMechanism,
  security: Exclude<Security, 'none'> = 'tls',
): Promise<SmtpSession> {
  const { host, ports } = mailStack()
  return SmtpSession.open({
    settings: {
      host,
      port: security === 'tls' ? ports.submissions : ports.submission,
      security,
      username: address,
      authMethod: 'auto',
    },
    password: bearer(accessToken, mechanism),
    trust: trust(),
    pins: [],
  })
}

/** The mechanism of the user's latest successful login in Dovecot's log (IMAP or POP3). */
export function lastDovecotLoginMethod(address: string, protocol: 'imap' | 'pop3'): string | undefined {
  const log = readFileSync(join(mailStack().logDir, 'dovecot.log'), 'utf8')
  const lines = log
    .split('\n')
    .filter((l) => l.includes(`${protocol}-login:`) && l.includes(`Login: user=<${address}>`))
  return /method=([A-Z0-9-]+)/.exec(lines.at(-1) ?? '')?.[1]
}

/**
 * The SASL mechanism of the user's latest authenticated submission in Postfix's log (written when
 * a message from the session is accepted into the queue).
 */
export function lastPostfixSaslMethod(address: string): string | undefined {
  const log = readFileSync(join(mailStack().logDir, 'postfix.log'), 'utf8')
  const lines = log.split('\n').filter((l) => l.includes(`sasl_username=${address}`))
  return /sasl_method=([A-Z0-9-]+)/.exec(lines.at(-1) ?? '')?.[1]
}

/**
 * One raw IMAP AUTHENTICATE over implicit TLS, for what imapflow does not let a test choose
 * (XOAUTH2 while OAUTHBEARER is offered; a password sent as a bearer token). Connects from
 * `localAddress` (a 127.0.0.N of its own), so a refused login never delays other tests' logins.
 * Returns the tagged reply and the decoded error challenge, if one came.
 */
export async function rawImapAuthenticate(
  mechanism: OAuthMechanism,
  initialResponse: string,
  localAddress = '127.0.0.1',
): Promise<{ ok: boolean; reply: string; challenge?: string }> {
  const { host, ports } = mailStack()
  const raw = netConnect({ host, port: ports.imaps, localAddress })
  const socket: TLSSocket = tlsConnect({ ...tlsOptionsFor(host, trust()), host, socket: raw })
  let buffer = ''
  const waiters: (() => void)[] = []
  socket.on('data', (d: Buffer) => {
    buffer += d.toString('utf8')
    waiters.splice(0).forEach((w) => w())
  })
  const until = (re: RegExp): Promise<string> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${re} in ${JSON.stringify(buffer)}`)), 10_000)
      const check = (): void => {
        const m = re.exec(buffer)
        if (!m) return void waiters.push(check)
        clearTimeout(timer)
        const out = buffer.slice(0, m.index + m[0].length)
        buffer = buffer.slice(m.index + m[0].length)
        resolve(out)
      }
      check()
    })
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', resolve)
      socket.once('error', reject)
    })
    await until(/\* OK.*\r\n/)
    socket.write(`A1 AUTHENTICATE ${mechanism} ${initialResponse}\r\n`)
    let out = await until(/^(A1 (OK|NO|BAD).*|\+ .*)\r\n/m)
    let challenge: string | undefined
    const plus = /^\+ (\S+)\r\n/m.exec(out)
    if (plus) {
      challenge = Buffer.from(plus[1]!, 'base64').toString('utf8')
      socket.write(mechanism === 'XOAUTH2' ? '\r\n' : 'AQ==\r\n')
      out = await until(/^A1 (OK|NO|BAD).*\r\n/m)
    }
    const reply = /^A1 .*$/m.exec(out)?.[0] ?? out
    return { ok: reply.startsWith('A1 OK'), reply, ...(challenge !== undefined ? { challenge } : {}) }
  } finally {
    socket.destroy()
  }
}
