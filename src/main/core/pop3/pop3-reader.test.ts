import { PassThrough } from 'node:stream'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Pop3Reader } from './pop3-reader'

/** Lines as a POP3 server sends them (RFC 1939 §3): dot-stuffed, then the "." terminator. */
function stuff(lines: string[]): string {
  return lines.map((l) => `${l.startsWith('.') ? '.' : ''}${l}\r\n`).join('') + '.\r\n'
}

/** Feeds `wire` in pieces cut at `cuts`, reads one block, then the line after it. */
async function decode(wire: Buffer, cuts: number[]): Promise<{ body: string; rest: string }> {
  const socket = new PassThrough()
  const reader = new Pop3Reader(socket)
  const bounds = [...new Set([0, ...cuts.filter((c) => c < wire.length), wire.length])].sort((a, b) => a - b)
  for (let i = 1; i < bounds.length; i++) socket.write(wire.subarray(bounds[i - 1], bounds[i]))
  const chunks: Buffer[] = []
  for await (const c of reader.readBlock()) chunks.push(c)
  return { body: Buffer.concat(chunks).toString('latin1'), rest: await reader.readLine() }
}

describe('Pop3Reader.readBlock', () => {
  it('undoes dot-stuffing and stops at the terminator, wherever the chunks are cut', async () => {
    const line = fc.stringMatching(/^[.a-z ]{0,12}$/)
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 12 }),
        fc.array(fc.nat({ max: 200 }), { maxLength: 8 }),
        async (lines, cuts) => {
          const wire = Buffer.from(`${stuff(lines)}+OK next\r\n`, 'latin1')
          const { body, rest } = await decode(wire, cuts)
          expect(body).toBe(lines.map((l) => `${l}\r\n`).join(''))
          expect(rest).toBe('+OK next')
        },
      ),
    )
  })

  it('keeps 8-bit bytes and long lines intact', async () => {
    const long = 'x'.repeat(300_000)
    const body = Buffer.concat([Buffer.from([0xff, 0xfe, 0x0d, 0x0a]), Buffer.from(`${long}\r\n..\r\n`)])
    const wire = Buffer.concat([body, Buffer.from('.\r\n+OK\r\n')])
    const { body: got } = await decode(wire, [1, 3, 70_000])
    expect(Buffer.from(got, 'latin1')).toEqual(
      Buffer.concat([Buffer.from([0xff, 0xfe, 0x0d, 0x0a]), Buffer.from(`${long}\r\n.\r\n`)]),
    )
  })

  it('reads what arrived while a slow consumer held the previous chunk (no lost wake-up)', async () => {
    const socket = new PassThrough()
    const reader = new Pop3Reader(socket)
    socket.write('first line\r\n')
    const got: string[] = []
    for await (const chunk of reader.readBlock()) {
      got.push(chunk.toString())
      // The rest of the reply, terminator included, arrives while this consumer is busy.
      if (got.length === 1) socket.write('second line\r\n.\r\n')
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(got.join('')).toBe('first line\r\nsecond line\r\n')
  })

  it('fails when the connection ends inside a block', async () => {
    const socket = new PassThrough()
    const reader = new Pop3Reader(socket)
    socket.end('partial line\r\nmore')
    const read = async (): Promise<void> => {
      for await (const _ of reader.readBlock()) void _
    }
    await expect(read()).rejects.toMatchObject({ code: 'ECONNRESET' })
  })
})
