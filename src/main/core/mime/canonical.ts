/**
 * What "canonical" means for every message this app writes (submission, the Sent and Drafts
 * copies, the local store, exported .eml files): RFC 5322 §2.1 and §2.3 (CRLF is the only line
 * break; a bare CR or LF is not allowed; no line over 998 octets without its CRLF) and RFC 2045
 * §2.7–2.8 with RFC 6532 (a byte above 127 only in a part whose Content-Transfer-Encoding says
 * 8bit or binary, and in headers only when the message is meant for SMTPUTF8; NUL never).
 *
 * Written by hand: the checks are a few loops, and no library walks a message's MIME tree with
 * the octet-level view these rules need (parsers decode and normalise on the way in).
 */
import { parseHeaderValue } from 'nodemailer/lib/mime-funcs'

/** RFC 5322 §2.1.1: each line must be no more than 998 characters, excluding the CRLF. */
export const MAX_LINE_OCTETS = 998

/** Any line break (CRLF, a bare LF or a bare CR) becomes CRLF. */
export function canonicalText(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r\n')
}

/** The same for bytes (a message another program wrote with LF endings, say). */
export function canonicalLineBreaks(bytes: Uint8Array): Buffer {
  const src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let extra = 0
  for (let i = 0; i < src.length; i++) {
    const b = src[i]
    if ((b === 0x0d && src[i + 1] !== 0x0a) || (b === 0x0a && src[i - 1] !== 0x0d)) extra++
  }
  if (extra === 0) return src
  const out = Buffer.allocUnsafe(src.length + extra)
  let o = 0
  for (let i = 0; i < src.length; i++) {
    const b = src[i]!
    if (b === 0x0d && src[i + 1] !== 0x0a) {
      out[o++] = 0x0d
      out[o++] = 0x0a
    } else if (b === 0x0a && src[i - 1] !== 0x0d) {
      out[o++] = 0x0d
      out[o++] = 0x0a
    } else out[o++] = b
  }
  return out
}

/** Bytes that can travel as a message/rfc822 body labelled 7bit or 8bit: no NUL, no long line. */
export function fitsEightBit(bytes: Uint8Array): boolean {
  let length = 0
  for (const b of bytes) {
    if (b === 0) return false
    if (b === 0x0a) length = 0
    else if (b !== 0x0d && ++length > MAX_LINE_OCTETS) return false
  }
  return true
}

export type CanonicalReason = 'bare-lf' | 'bare-cr' | 'long-line' | 'nul' | 'undeclared-8bit'

export interface CanonicalProblem {
  reason: CanonicalReason
  /** 1-based line of the message where it was found. */
  line: number
}

interface Line {
  /** Without its CRLF. */
  bytes: Buffer
  number: number
}

/** Splits on CRLF after checking that no other line break, long line or NUL is present. */
function splitLines(raw: Buffer): Line[] | CanonicalProblem {
  const lines: Line[] = []
  let start = 0
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]
    const number = lines.length + 1
    if (b === 0) return { reason: 'nul', line: number }
    if (b === 0x0a) return { reason: 'bare-lf', line: number }
    if (b !== 0x0d) continue
    if (raw[i + 1] !== 0x0a) return { reason: 'bare-cr', line: number }
    if (i - start > MAX_LINE_OCTETS) return { reason: 'long-line', line: number }
    lines.push({ bytes: raw.subarray(start, i), number })
    start = i + 2
    i++
  }
  if (raw.length - start > MAX_LINE_OCTETS) return { reason: 'long-line', line: lines.length + 1 }
  if (start < raw.length) lines.push({ bytes: raw.subarray(start), number: lines.length + 1 })
  return lines
}

const has8bit = (b: Buffer) => b.some((x) => x > 0x7f)

interface Entity {
  contentType: string
  boundary: string | null
  encoding: string
}

/** Reads an entity's header block (RFC 5322 §2.2, unfolded); returns where its body starts. */
function readHeaders(
  lines: Line[],
  from: number,
  to: number,
  allow8bit: boolean,
): { entity: Entity; body: number } | CanonicalProblem {
  const fields: string[] = []
  let i = from
  for (; i < to; i++) {
    const line = lines[i]!
    if (line.bytes.length === 0) break
    if (!allow8bit && has8bit(line.bytes)) return { reason: 'undeclared-8bit', line: line.number }
    const text = line.bytes.toString('latin1')
    if (/^[ \t]/.test(text) && fields.length > 0) fields[fields.length - 1] += text
    else fields.push(text)
  }
  const field = (name: string) => {
    const f = fields.find((x) => x.toLowerCase().startsWith(`${name}:`))
    return f === undefined ? '' : f.slice(name.length + 1).trim()
  }
  const type = parseHeaderValue(field('content-type') || 'text/plain')
  const contentType = (type.value || 'text/plain').toLowerCase()
  const boundary = type.params['boundary']
  return {
    entity: {
      contentType,
      boundary: contentType.startsWith('multipart/') && boundary ? boundary : null,
      encoding: (field('content-transfer-encoding') || '7bit').toLowerCase(),
    },
    body: Math.min(i + 1, to),
  }
}

/** Checks one entity (lines [from, to)) and, for multiparts, each of its parts. */
function checkEntity(lines: Line[], from: number, to: number, headers8bit: boolean): CanonicalProblem | null {
  const head = readHeaders(lines, from, to, headers8bit)
  if ('reason' in head) return head
  const { entity, body } = head
  const eightBitBody = entity.encoding === '8bit' || entity.encoding === 'binary'
  if (entity.boundary === null) {
    if (eightBitBody) return null
    for (let i = body; i < to; i++) {
      if (has8bit(lines[i]!.bytes)) return { reason: 'undeclared-8bit', line: lines[i]!.number }
    }
    return null
  }
  // RFC 2046 §5.1.1: a delimiter is "--boundary" at the start of a line, the last one "--boundary--".
  const delimiter = `--${entity.boundary}`
  let partStart = -1
  for (let i = body; i < to; i++) {
    const text = lines[i]!.bytes.toString('latin1')
    const isDelimiter = text.startsWith(delimiter) && /^(--)?[ \t]*$/.test(text.slice(delimiter.length))
    if (!isDelimiter) {
      // Preamble and epilogue are not part of any entity: 7-bit only.
      if (partStart < 0 && has8bit(lines[i]!.bytes))
        return { reason: 'undeclared-8bit', line: lines[i]!.number }
      continue
    }
    if (partStart >= 0) {
      const problem = checkEntity(lines, partStart, i, false)
      if (problem) return problem
    }
    partStart = text.slice(delimiter.length).startsWith('--') ? -1 : i + 1
    if (partStart < 0) {
      for (let j = i + 1; j < to; j++) {
        if (has8bit(lines[j]!.bytes)) return { reason: 'undeclared-8bit', line: lines[j]!.number }
      }
      return null
    }
  }
  return partStart >= 0 ? checkEntity(lines, partStart, to, false) : null
}

/**
 * The first way `raw` is not canonical, or null. `utf8Headers`: the message is sent with SMTPUTF8
 * (RFC 6531/6532), so its top-level header fields may carry UTF-8.
 */
export function findCanonicalProblem(
  raw: Uint8Array,
  opts: { utf8Headers?: boolean } = {},
): CanonicalProblem | null {
  const lines = splitLines(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength))
  if (!Array.isArray(lines)) return lines
  return checkEntity(lines, 0, lines.length, opts.utf8Headers ?? false)
}
