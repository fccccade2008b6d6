/**
 * Hostile and broken messages for the parser robustness tests: generators for the heavy shapes
 * (huge headers, deep multipart nesting, very long lines, random bytes) and fast-check arbitraries
 * that mutate well-formed messages (byte flips, truncation, insertions, MIME tokens spliced in).
 */
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'

const CRLF = '\r\n'
const MiB = 1024 * 1024

function head(extra: string[] = [], contentType = 'text/plain; charset=utf-8', subject = 'hostile'): string {
  return [
    'From: Fuzz <fuzz@example.test>',
    'To: reader@example.test',
    ...(subject ? [`Subject: ${subject}`] : []),
    'Date: Mon, 2 Jan 2023 10:00:00 +0000',
    'Message-ID: <fuzz@example.test>',
    'MIME-Version: 1.0',
    ...extra,
    `Content-Type: ${contentType}`,
  ].join(CRLF)
}

/** `depth` multiparts, each the only part of the one around it, with a text part at the bottom. */
export function nestedMultipart(depth: number): Buffer {
  const parts: string[] = [head([], 'multipart/mixed; boundary="b0"'), '', '']
  for (let i = 0; i < depth; i++) {
    const inner = i + 1 < depth ? `multipart/mixed; boundary="b${i + 1}"` : 'text/plain'
    parts.push(`--b${i}${CRLF}Content-Type: ${inner}${CRLF}`)
  }
  parts.push(`the innermost text${CRLF}`)
  for (let i = depth - 1; i >= 0; i--) parts.push(`--b${i}--${CRLF}`)
  return Buffer.from(parts.join(CRLF))
}

/** A body that is one line of `bytes` bytes (no line break anywhere in it). */
export function longBodyLine(bytes: number): Buffer {
  return Buffer.concat([Buffer.from(`${head()}${CRLF}${CRLF}`), Buffer.alloc(bytes, 'A')])
}

/** A Subject header that is one line of `bytes` bytes. */
export function longHeaderLine(bytes: number): Buffer {
  return Buffer.concat([
    Buffer.from(`${head([], 'text/plain', '')}${CRLF}Subject: `),
    Buffer.alloc(bytes, 'S'),
    Buffer.from(`${CRLF}${CRLF}body${CRLF}`),
  ])
}

/** Tens of thousands of header fields and a folded To with thousands of addresses. */
export function hugeHeaders(fields: number, recipients: number): Buffer {
  const junk = Array.from({ length: fields }, (_, i) => `X-Junk-${i}: ${'v'.repeat(40)}`)
  const to = Array.from({ length: recipients }, (_, i) => `"R ${i}" <r${i}@example.test>`).join(`,${CRLF} `)
  return Buffer.from(`${head([...junk, `Cc: ${to}`])}${CRLF}${CRLF}body${CRLF}`)
}

export function randomMessage(bytes: number): Buffer {
  return randomBytes(bytes)
}

/** A multipart message cut in the middle of a base64 attachment, and again in a boundary. */
export function truncatedMultipart(): Buffer[] {
  const attachment = randomBytes(300 * 1024)
    .toString('base64')
    .replace(/.{76}/g, `$&${CRLF}`)
  const whole = Buffer.from(
    [
      head([], 'multipart/mixed; boundary="cut"'),
      '',
      '--cut',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Hello <img src="cid:x"></p>',
      '--cut',
      'Content-Type: application/octet-stream; name="a.bin"',
      'Content-Transfer-Encoding: base64',
      '',
      attachment,
      '--cut--',
      '',
    ].join(CRLF),
  )
  const boundary = whole.lastIndexOf('--cut--')
  return [whole.subarray(0, Math.floor(whole.length / 2)), whole.subarray(0, boundary + 4)]
}

export const HEAVY_CASES = {
  'nested-multipart-10000': () => nestedMultipart(10_000),
  'line-50mb-body': () => longBodyLine(50 * MiB),
  'line-50mb-header': () => longHeaderLine(50 * MiB),
  'line-20mb-body-parsed': () => longBodyLine(20 * MiB),
  'huge-headers': () => hugeHeaders(50_000, 20_000),
  'random-bytes-4mb': () => randomMessage(4 * MiB),
} as const
export type HeavyCase = keyof typeof HEAVY_CASES

/** Well-formed and broken messages we wrote (test/fixtures), plus a few made here. */
export function seedMessages(): Buffer[] {
  const dir = join(import.meta.dirname, '..', 'fixtures')
  const files = ['mime', 'compose'].flatMap((sub) =>
    readdirSync(join(dir, sub))
      .filter((f) => f.endsWith('.eml'))
      .map((f) => readFileSync(join(dir, sub, f))),
  )
  return [...files, nestedMultipart(5), ...truncatedMultipart(), hugeHeaders(20, 20)]
}

const TOKENS = [
  '\r\n\r\n',
  '\r\n--',
  '\r\nContent-Type: multipart/mixed; boundary="x"\r\n',
  '\r\nContent-Type: message/rfc822\r\n\r\n',
  '\r\nContent-Transfer-Encoding: base64\r\n',
  '\r\nContent-Transfer-Encoding: quoted-printable\r\n',
  '=?utf-8?B?',
  '=?x-unknown?Q?=FF=FE?=',
  '; charset=utf-7',
  '; charset=',
  '=\r\n',
  '\0',
  '\xff\xfe\xfd',
  '<<<>>>',
  ':',
  ' ',
].map((t) => Buffer.from(t, 'latin1'))

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'repeat'; at: number; len: number; times: number }
  | { kind: 'token'; at: number; token: number }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 64 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.nat({ max: 512 }) }),
  fc.record({
    kind: fc.constant('repeat' as const),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 200 }),
    times: fc.integer({ min: 2, max: 200 }),
  }),
  fc.record({ kind: fc.constant('token' as const), at: fc.nat(), token: fc.nat({ max: TOKENS.length - 1 }) }),
)

function apply(source: Buffer, m: Mutation): Buffer {
  const at = source.length === 0 ? 0 : m.at % (source.length + 1)
  switch (m.kind) {
    case 'flip': {
      const out = Buffer.from(source)
      if (out.length > 0) out[at % out.length] = m.byte
      return out
    }
    case 'truncate':
      return source.subarray(0, at)
    case 'insert':
      return Buffer.concat([source.subarray(0, at), m.bytes, source.subarray(at)])
    case 'delete':
      return Buffer.concat([source.subarray(0, at), source.subarray(at + m.len)])
    case 'repeat': {
      const slice = source.subarray(at, at + m.len)
      return Buffer.concat([
        source.subarray(0, at),
        ...Array<Buffer>(m.times).fill(slice),
        source.subarray(at),
      ])
    }
    case 'token':
      return Buffer.concat([source.subarray(0, at), TOKENS[m.token]!, source.subarray(at)])
  }
}

/** Seeds with up to 8 mutations each, and now and then plain random bytes. */
export function mutatedMessage(seeds: readonly Buffer[]): fc.Arbitrary<Buffer> {
  return fc
    .oneof(
      { weight: 9, arbitrary: fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { maxLength: 8 })) },
      {
        weight: 1,
        arbitrary: fc.tuple(
          fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b)),
          fc.constant([]),
        ),
      },
    )
    .map(([seed, mutations]) => mutations.reduce<Buffer>((b, m) => apply(b, m), Buffer.from(seed)))
}
