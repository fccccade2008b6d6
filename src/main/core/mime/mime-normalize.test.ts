import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { LOSSLESS_UTF8_LABEL } from './charset'
import { MimeNormalizer } from './mime-normalize'

async function normalize(chunks: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = []
  for await (const c of Readable.from(chunks).pipe(new MimeNormalizer({ relabel: true })))
    out.push(c as Buffer)
  return Buffer.concat(out)
}
const split = (b: Buffer, size: number) =>
  Array.from({ length: Math.ceil(b.length / size) }, (_, i) => b.subarray(i * size, (i + 1) * size))

const dir = new URL('../../../../test/fixtures/mime/', import.meta.url)
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.eml'))
  .map((f) => [f, readFileSync(join(dir.pathname, f))] as const)

const multipart = Buffer.from(
  [
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: application/octet-stream',
    ' ',
    `${'x'.repeat(5000)}`,
    '--b-not-a-delimiter',
    '--b',
    'Content-Type: text/plain',
    '',
    'text',
    '--b--',
    'epilogue',
    '',
  ].join('\r\n'),
)

describe('MimeNormalizer', () => {
  it.each(fixtures)('gives the same bytes however %s is cut into chunks', async (_name, source) => {
    const whole = await normalize([source])
    for (const size of [1, 2, 7, 64]) expect(await normalize(split(source, size))).toEqual(whole)
  })

  it('finds a delimiter line cut anywhere, and never mistakes a longer line for one', async () => {
    const whole = await normalize([multipart])
    for (let at = 1; at < multipart.length; at += 97) {
      expect(await normalize([multipart.subarray(0, at), multipart.subarray(at)])).toEqual(whole)
    }
    const text = whole.toString('latin1')
    // The white-space line ended the part's header block; its body is untouched.
    expect(text).toContain(`application/octet-stream\r\n\r\n${'x'.repeat(5000)}\r\n--b-not-a-delimiter\r\n`)
    expect(text).toContain(`Content-Type: text/plain; charset=${LOSSLESS_UTF8_LABEL}\r\n\r\ntext\r\n--b--`)
    expect(text.endsWith('epilogue\r\n')).toBe(true)
  })

  it('passes a message without text parts through byte for byte, and keeps LF line ends', async () => {
    const pdf = Buffer.from('Subject: x\nContent-Type: application/pdf\n\n%PDF \n \n\n--x\n')
    expect(await normalize(split(pdf, 3))).toEqual(pdf)
    const lf = await normalize([Buffer.from('Subject: y\n  \nbody\n')])
    expect(lf.toString()).toBe(
      `Subject: y\nContent-Type: text/plain; charset=${LOSSLESS_UTF8_LABEL}\n\nbody\n`,
    )
  })

  it('bounds a header block that never ends and passes the rest on', async () => {
    const huge = Buffer.concat([Buffer.from('Subject: '), Buffer.alloc(3 * 1024 * 1024, 0x61)])
    expect((await normalize(split(huge, 64 * 1024))).equals(huge)).toBe(true)
  })
})
