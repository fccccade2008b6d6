/**
 * A small MIME walker for delivery reports. mailparser (which reads every other message) folds a
 * message/delivery-status part into the text body and keeps no part tree, but a report is read by
 * its structure (RFC 3462/6522 multipart/report, RFC 3464 message/delivery-status, the returned
 * message or headers), so the parts are split here. It covers what reports use: multipart bodies
 * (RFC 2046 §5.1.1), encapsulated messages (message/rfc822, message/global), and the 7bit, 8bit,
 * base64 and quoted-printable encodings; nesting is bounded.
 */
import libmime from 'libmime'

export interface MimePart {
  /** Header fields by lower-case name, unfolded, first occurrence (RFC 5322 §2.2.3). */
  headers: Map<string, string>
  /** Lower-case "type/subtype"; text/plain when absent (RFC 2045 §5.2). */
  type: string
  params: Record<string, string>
  /** The body with its transfer encoding undone. */
  body: Buffer
  /** Sub-parts of a multipart, or the one message of message/rfc822 and message/global. */
  parts: MimePart[]
}

const MAX_DEPTH = 6

function headEnd(raw: Buffer): { head: string; bodyStart: number } {
  const crlf = raw.indexOf('\r\n\r\n')
  const lf = raw.indexOf('\n\n')
  if (crlf >= 0 && (lf < 0 || crlf < lf))
    return { head: raw.toString('latin1', 0, crlf), bodyStart: crlf + 4 }
  if (lf >= 0) return { head: raw.toString('latin1', 0, lf), bodyStart: lf + 2 }
  return { head: raw.toString('latin1'), bodyStart: raw.length }
}

/** Header fields of a block, unfolded; a second field of the same name is ignored. */
export function readHeaders(head: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const m = /^([!-9;-~]+)[ \t]*:(.*)$/.exec(line)
    if (!m) continue
    const name = m[1]!.toLowerCase()
    if (!out.has(name)) out.set(name, Buffer.from(m[2]!, 'latin1').toString('utf8').trim())
  }
  return out
}

function decodeQuotedPrintable(body: Buffer): Buffer {
  const text = body.toString('latin1').replace(/=\r?\n/g, '')
  return Buffer.from(
    text.replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  )
}

function decodeBody(body: Buffer, encoding: string | undefined): Buffer {
  const e = (encoding ?? '').toLowerCase()
  if (e === 'base64') return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64')
  if (e === 'quoted-printable') return decodeQuotedPrintable(body)
  return body
}

/** The parts between the delimiter lines of `boundary` (RFC 2046 §5.1.1); the preamble is dropped. */
function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const text = body.toString('latin1')
  const delimiter = `--${boundary}`
  const parts: Buffer[] = []
  let start = -1
  let pos = 0
  while (pos <= text.length) {
    const next = text.indexOf('\n', pos)
    const end = next < 0 ? text.length : next + 1
    const line = text.slice(pos, end).replace(/[ \t]*\r?\n?$/, '')
    if (line === delimiter || line === `${delimiter}--`) {
      if (start >= 0) parts.push(Buffer.from(text.slice(start, pos).replace(/\r?\n$/, ''), 'latin1'))
      if (line.endsWith('--') && line !== delimiter) return parts
      start = end
    }
    if (next < 0) break
    pos = end
  }
  // No closing delimiter (a truncated report): what follows the last delimiter is still a part.
  if (start >= 0 && start < text.length) parts.push(Buffer.from(text.slice(start), 'latin1'))
  return parts
}

export function parseMime(raw: Buffer, depth = 0): MimePart {
  const { head, bodyStart } = headEnd(raw)
  const headers = readHeaders(head)
  const ct = libmime.parseHeaderValue(headers.get('content-type') ?? 'text/plain')
  const type = ct.value.toLowerCase() || 'text/plain'
  const params: Record<string, string> = {}
  for (const [k, v] of Object.entries(ct.params)) params[k.toLowerCase()] = String(v)
  const body = decodeBody(raw.subarray(bodyStart), headers.get('content-transfer-encoding'))
  const part: MimePart = { headers, type, params, body, parts: [] }
  if (depth >= MAX_DEPTH) return part
  if (type.startsWith('multipart/') && params.boundary) {
    part.parts = splitMultipart(body, params.boundary).map((p) => parseMime(p, depth + 1))
  } else if (type === 'message/rfc822' || type === 'message/global') {
    part.parts = [parseMime(body, depth + 1)]
  }
  return part
}

/** Every part of the tree, depth first, the root included. */
export function allParts(root: MimePart): MimePart[] {
  return [root, ...root.parts.flatMap(allParts)]
}

/** The part's body as text (reports are ASCII or UTF-8, RFC 6533). */
export function textOf(part: MimePart): string {
  return part.body.toString('utf8')
}
