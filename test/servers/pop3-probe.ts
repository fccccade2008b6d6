/**
 * A few POP3 commands over implicit TLS, for the smoke test that proves the POP3 service works
 * (RFC 1939: USER/PASS, STAT, UIDL, RETR, QUIT). Test code only: the app's POP3 client lives in core.
 */
import { connect } from 'node:tls'

export async function pop3Retrieve(opts: {
  host: string
  port: number
  ca: string
  user: string
  password: string
}): Promise<{ count: number; uidls: string[]; messages: string[] }> {
  const socket = connect({ host: opts.host, port: opts.port, ca: opts.ca, servername: 'localhost' })
  socket.setEncoding('utf8')
  let buffer = ''
  const waiters: (() => void)[] = []
  socket.on('data', (chunk: string) => {
    buffer += chunk
    waiters.splice(0).forEach((w) => w())
  })
  const failed = new Promise<never>((_, reject) => socket.once('error', reject))
  async function read(multiline: boolean): Promise<string> {
    for (;;) {
      const lineEnd = buffer.indexOf('\r\n')
      if (lineEnd >= 0 && buffer.startsWith('-ERR')) throw new Error(buffer.slice(0, lineEnd))
      const end = multiline ? buffer.indexOf('\r\n.\r\n') : lineEnd
      if (end >= 0) {
        const size = end + (multiline ? 5 : 2)
        const reply = buffer.slice(0, size)
        buffer = buffer.slice(size)
        return reply
      }
      await Promise.race([new Promise<void>((r) => waiters.push(r)), failed])
    }
  }
  async function command(line: string, multiline = false): Promise<string> {
    socket.write(`${line}\r\n`)
    return read(multiline)
  }
  try {
    await read(false)
    await command(`USER ${opts.user}`)
    await command(`PASS ${opts.password}`)
    const stat = await command('STAT')
    const count = Number(stat.split(' ')[1])
    const uidl = await command('UIDL', true)
    const uidls = uidl
      .split('\r\n')
      .slice(1, -2)
      .map((l) => l.split(' ')[1] ?? '')
    const messages: string[] = []
    for (let i = 1; i <= count; i++) {
      const body = await command(`RETR ${i}`, true)
      // Drop the status line and the terminator; undo dot-stuffing.
      messages.push(
        body
          .slice(body.indexOf('\r\n') + 2, -5)
          .split('\r\n')
          .map((l) => (l.startsWith('..') ? l.slice(1) : l))
          .join('\r\n'),
      )
    }
    await command('QUIT')
    return { count, uidls, messages }
  } finally {
    socket.destroy()
  }
}
