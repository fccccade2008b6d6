import { AppError } from '../../../../shared/errors'
import type { Endpoint } from '../connect'
import type { LineSession } from './line-session'

/**
 * The few commands each protocol needs to learn what a server offers before logging in:
 * the greeting, the capability list, and STARTTLS. Written by hand because the protocol
 * libraries (imapflow, nodemailer) only expose capabilities after a login, and discovery must
 * read them from servers it has no password for yet (as Thunderbird's guessing does).
 */
export interface Dialog {
  /** Reads the greeting; throws SERVER_REJECTED when the server turns us away. */
  greeting(s: LineSession): Promise<string>
  capabilities(s: LineSession): Promise<string[]>
  /** True when the capability list offers STARTTLS. */
  offersStartTls(caps: readonly string[]): boolean
  /** Asks to start TLS; true when the server agreed. */
  startTls(s: LineSession): Promise<boolean>
  /** SASL mechanisms (upper case) offered in the capability list. */
  mechanisms(caps: readonly string[]): string[]
  quit(s: LineSession): void
}

function rejected(where: Endpoint, reply: string, what: string): AppError {
  return new AppError('SERVER_REJECTED', `${where.host}:${where.port} ${what}`, {
    retryable: true,
    detail: { serverResponse: reply.slice(0, 500), host: where.host, port: where.port },
  })
}

/** IMAP (RFC 9051 §7.1.1 greeting, §6.1.1 CAPABILITY, §6.2.1 STARTTLS). */
export function imapDialog(where: Endpoint): Dialog {
  let tag = 0
  async function command(s: LineSession, line: string): Promise<{ untagged: string[]; done: string }> {
    const t = `p${++tag}`
    s.write(`${t} ${line}`)
    const untagged: string[] = []
    for (;;) {
      const reply = await s.readLine()
      if (reply.startsWith(`${t} `)) return { untagged, done: reply.slice(t.length + 1) }
      untagged.push(reply)
    }
  }
  return {
    async greeting(s) {
      const line = await s.readLine()
      if (/^\* (OK|PREAUTH)\b/i.test(line)) return line
      throw rejected(where, line, /^\* BYE/i.test(line) ? 'refused the connection' : 'is not an IMAP server')
    },
    async capabilities(s) {
      const { untagged, done } = await command(s, 'CAPABILITY')
      if (!/^OK\b/i.test(done)) throw rejected(where, done, 'refused CAPABILITY')
      return untagged
        .filter((l) => /^\* CAPABILITY /i.test(l))
        .flatMap((l) => l.slice('* CAPABILITY '.length).split(' '))
        .filter(Boolean)
        .map((c) => c.toUpperCase())
    },
    offersStartTls: (caps) => caps.includes('STARTTLS'),
    async startTls(s) {
      return /^OK\b/i.test((await command(s, 'STARTTLS')).done)
    },
    mechanisms: (caps) => caps.filter((c) => c.startsWith('AUTH=')).map((c) => c.slice(5)),
    quit: (s) => s.write(`p${++tag} LOGOUT`),
  }
}

/** POP3 (RFC 1939 greeting, RFC 2449 CAPA, RFC 2595 §4 STLS, RFC 5034 SASL capability). */
export function pop3Dialog(where: Endpoint): Dialog {
  return {
    async greeting(s) {
      const line = await s.readLine()
      if (line.startsWith('+OK')) return line
      throw rejected(where, line, 'is not a POP3 server')
    },
    async capabilities(s) {
      s.write('CAPA')
      const status = await s.readLine()
      if (!status.startsWith('+OK')) return [] // CAPA is optional (RFC 2449 §5)
      const caps: string[] = []
      for (let line = await s.readLine(); line !== '.'; line = await s.readLine()) {
        caps.push(line.toUpperCase())
      }
      return caps
    },
    offersStartTls: (caps) => caps.includes('STLS'),
    async startTls(s) {
      s.write('STLS')
      return (await s.readLine()).startsWith('+OK')
    },
    mechanisms: (caps) =>
      caps.filter((c) => c.startsWith('SASL ')).flatMap((c) => c.slice(5).split(' ').filter(Boolean)),
    quit: (s) => s.write('QUIT'),
  }
}

/** SMTP submission (RFC 5321 §4.2 replies, §4.1.1.1 EHLO, RFC 3207 STARTTLS, RFC 4954 AUTH). */
export function smtpDialog(where: Endpoint): Dialog {
  async function reply(s: LineSession): Promise<{ code: number; lines: string[] }> {
    const lines: string[] = []
    for (;;) {
      const line = await s.readLine()
      lines.push(line.slice(4))
      // "250-..." continues a multi-line reply; "250 ..." (or a bare "250") ends it.
      if (line.charAt(3) !== '-') return { code: Number(line.slice(0, 3)), lines }
    }
  }
  return {
    async greeting(s) {
      const r = await reply(s)
      if (r.code === 220) return r.lines.join(' ')
      throw rejected(where, `${r.code} ${r.lines.join(' ')}`, 'refused the connection')
    },
    async capabilities(s) {
      // An address literal: we do not know (and must not reveal) the machine's name.
      s.write('EHLO [127.0.0.1]')
      const r = await reply(s)
      if (r.code !== 250) throw rejected(where, `${r.code} ${r.lines.join(' ')}`, 'refused EHLO')
      return r.lines.slice(1).map((l) => l.toUpperCase())
    },
    offersStartTls: (caps) => caps.includes('STARTTLS'),
    async startTls(s) {
      s.write('STARTTLS')
      return (await reply(s)).code === 220
    },
    mechanisms: (caps) =>
      caps
        .filter((c) => /^AUTH[ =]/.test(c))
        .flatMap((c) => c.slice(5).split(' '))
        .filter(Boolean),
    quit: (s) => s.write('QUIT'),
  }
}
