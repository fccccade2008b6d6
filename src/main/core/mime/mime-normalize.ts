import { Transform, type TransformCallback } from 'node:stream'
import { LOSSLESS_UTF8_LABEL } from './charset'
import { CRLF, LF, blankContinues, classify, eolLength, eolOf, isWsp } from './header-lines'

/**
 * Puts a raw message into the shape mailparser (through mailsplit) reads correctly, before it
 * parses, keeping every byte of content. mailsplit ends a header block only at a line that is
 * exactly CRLF or LF, and reads every part without a Content-Type as text/plain, so:
 * - A header block ends where a reader such as Python's or Thunderbird's ends it (RFC 5322 §2.1):
 *   at an empty line, at a line of only spaces and tabs that is not followed by a header field or
 *   a folded line, and before the first line that is no header field at all (a body that follows
 *   its headers without the empty line). Otherwise the whole body is read as header lines and the
 *   person sees an empty message.
 * - A part of a multipart/digest without a Content-Type is message/rfc822 (RFC 2046 §5.1.5).
 * - With `relabel`, text parts labelled UTF-8 or US-ASCII, or not labelled (RFC 2045 §5.2:
 *   US-ASCII), get the lossless label (charset.ts): mailparser decodes those itself and turns
 *   every byte it cannot read into U+FFFD, where decodeUtf8Lenient loses only the broken
 *   character. parse-message asks for it only when a first parse met such bytes: the lossless
 *   decoder costs two more streams per text part, and most mail is valid.
 * Only header blocks are rewritten; bodies pass through untouched, scanned only for the delimiter
 * lines of the open multiparts (RFC 2046 §5.1.1). An attached message (message/rfc822 that is not
 * inline) is content: it is normalised when it is opened and parsed on its own.
 */

interface Multipart {
  boundary: Buffer
  digest: boolean
}

/** mailsplit's own limit: a longer header block fails the parse anyway. */
const MAX_HEAD = 1024 * 1024
/** A delimiter line is "--", the boundary (at most 70, RFC 2046), "--" and some white space. */
const MAX_DELIMITER_LINE = 2048
const DASH_LINE = Buffer.from('\n--')

const FIELD_PATTERNS = {
  'content-type': /^content-type[ \t]*:(.*)$/im,
  'content-disposition': /^content-disposition[ \t]*:(.*)$/im,
  'content-transfer-encoding': /^content-transfer-encoding[ \t]*:(.*)$/im,
}
type FieldName = keyof typeof FIELD_PATTERNS

function param(fieldValue: string, name: string): string | undefined {
  const m = new RegExp(String.raw`;\s*${name}\s*=\s*(?:"([^"]*)"|([^\s;()]+))`, 'i').exec(fieldValue)
  return m ? (m[1] ?? m[2]) : undefined
}

/** The rewriting itself, fed chunk by chunk; what it passes on goes to `push`. */
class Normalizer {
  private readonly open: Multipart[] = []
  private state: 'head' | 'body' | 'raw' = 'head'
  private head: Buffer[] = []
  private headSize = 0
  private headParent: Multipart | null = null
  private messageStart = true
  /** Still in the message's own header block. */
  private top = true
  /** A header line of only white space, waiting for the next line to tell what it is. */
  private blank: Buffer | null = null
  /** The incomplete last line of the input so far. */
  private carry: Buffer | null = null
  /** The carried line was long and already passed on: its rest is no delimiter line. */
  private midLine = false

  constructor(
    private readonly push: (bytes: Buffer) => void,
    private readonly relabelText: boolean,
  ) {}

  write(chunk: Buffer): void {
    if (this.state === 'raw') return this.push(chunk)
    const data = this.carry ? Buffer.concat([this.carry, chunk]) : chunk
    this.carry = null
    const complete = data.lastIndexOf(LF) + 1
    this.lines(data.subarray(0, complete))
    const rest = data.subarray(complete)
    if (rest.length) {
      if (this.isRaw()) this.push(rest)
      else if (this.state === 'body' && (rest.length > MAX_DELIMITER_LINE || this.midLine)) {
        this.push(rest)
        this.midLine = true
      } else if (this.state === 'head' && this.headSize + rest.length > MAX_HEAD) this.giveUp(rest)
      else this.carry = Buffer.from(rest)
    }
  }

  /** The state after a call that may have changed it (TypeScript keeps the narrowed one). */
  private isRaw(): boolean {
    return this.state === 'raw'
  }

  end(): void {
    if (this.carry) this.lines(this.carry, true)
    this.carry = null
    if (this.blank) this.addHead(this.blank)
    this.blank = null
    if (this.state === 'head') this.endHead(null)
  }

  /** Complete lines (each ends with LF, but for the last one of the input when `final`). */
  private lines(data: Buffer, final = false): void {
    let pos = 0
    while (pos < data.length) {
      if (this.state === 'raw') {
        this.push(data.subarray(pos))
        return
      }
      if (this.state === 'body') {
        pos = this.bodyLines(data, pos)
        continue
      }
      const nl = data.indexOf(LF, pos)
      const end = nl === -1 ? data.length : nl + 1
      this.headLine(data.subarray(pos, end), final && end === data.length)
      pos = end
    }
  }

  /** Passes body bytes on up to the next line that starts with "--", which it then reads. */
  private bodyLines(data: Buffer, pos: number): number {
    const atStart = !this.midLine && data[pos] === 0x2d && data[pos + 1] === 0x2d
    this.midLine = false
    const dash = atStart ? pos : data.indexOf(DASH_LINE, pos)
    if (dash === -1) {
      this.push(data.subarray(pos))
      return data.length
    }
    const start = atStart ? pos : dash + 1
    if (start > pos) this.push(data.subarray(pos, start))
    const nl = data.indexOf(LF, start)
    const end = nl === -1 ? data.length : nl + 1
    const line = data.subarray(start, end)
    if (!this.delimiter(line)) this.push(line)
    return end
  }

  private headLine(line: Buffer, last: boolean): void {
    if (this.blank) {
      const blank = this.blank
      this.blank = null
      if (blankContinues(line)) this.addHead(blank)
      else {
        this.endHead(eolOf(blank))
        this.afterHead(line)
        return
      }
    }
    if (this.open.length > 0 && line[0] === 0x2d && this.isDelimiter(line)) {
      this.endHead(null) // a part with headers and no body
      this.delimiter(line)
      return
    }
    const kind = classify(line, this.messageStart)
    this.messageStart = false
    if (kind === 'end') this.endHead(line)
    else if (kind === 'blank' && !last) this.blank = line
    else if (kind === 'field' || kind === 'blank') this.addHead(line)
    else {
      // A line that is no header field: the block ended without its empty line.
      this.endHead(eolOf(line))
      this.afterHead(line)
    }
  }

  /** The first body line, read after a header block that ended without an empty line. */
  private afterHead(line: Buffer): void {
    if (this.state === 'head') this.headLine(line, false)
    else if (this.state === 'raw' || line[0] !== 0x2d || !this.delimiter(line)) this.push(line)
  }

  private addHead(line: Buffer): void {
    this.head.push(line)
    this.headSize += line.length
    if (this.headSize > MAX_HEAD) this.giveUp(Buffer.alloc(0))
  }

  private giveUp(rest: Buffer): void {
    for (const l of this.head) this.push(l)
    if (this.blank) this.push(this.blank)
    this.blank = null
    this.push(rest)
    this.head = []
    this.headSize = 0
    this.state = 'raw'
  }

  private isDelimiter(line: Buffer): { index: number; close: boolean } | null {
    if (line.length > MAX_DELIMITER_LINE || line[0] !== 0x2d || line[1] !== 0x2d) return null
    for (let k = this.open.length - 1; k >= 0; k--) {
      const b = this.open[k]!.boundary
      if (line.length < b.length + 2 || !line.subarray(2, 2 + b.length).equals(b)) continue
      let i = 2 + b.length
      const close = line[i] === 0x2d && line[i + 1] === 0x2d
      if (close) i += 2
      while (isWsp(line[i])) i++
      if (i === line.length - eolLength(line)) return { index: k, close }
    }
    return null
  }

  /** Reads a delimiter line of an open multipart; false when it is none. */
  private delimiter(line: Buffer): boolean {
    const found = this.isDelimiter(line)
    if (!found) return false
    this.push(line)
    if (found.close) {
      this.open.length = found.index
      // The epilogue, still scanned for the delimiters of outer multiparts if there are any.
      this.state = this.open.length > 0 ? 'body' : 'raw'
    } else {
      this.open.length = found.index + 1
      this.state = 'head'
      this.headParent = this.open[found.index]!
    }
    return true
  }

  private endHead(terminator: Buffer | null): void {
    const block = this.head
    const text = Buffer.concat(block)
      .toString('latin1')
      .replace(/\r?\n(?=[ \t])/g, '')
    const field = (name: FieldName) => FIELD_PATTERNS[name].exec(text)?.[1]?.trim()
    const contentType = field('content-type')
    const eol = terminator ? eolOf(terminator) : CRLF
    let type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
    const extra: string[] = []
    if (!type) {
      type = this.headParent?.digest ? 'message/rfc822' : 'text/plain'
      if (type === 'message/rfc822') extra.push('Content-Type: message/rfc822')
    }
    // Without a Content-Type, mailsplit types an attachment by its file name: leave those to it.
    const named = !contentType && /attachment|name\s*=/i.test(field('content-disposition') ?? '')
    // A source without any header field is no message: parse-message shows it as it is.
    const headerless = this.top && block.length === 0
    this.top = false
    if (this.relabelText && type.startsWith('text/') && !named && !headerless) {
      const charset = contentType ? param(contentType, 'charset') : undefined
      if (!charset || /^(?:utf-?8|us-ascii|ascii)$/i.test(charset)) this.relabel(block, !!contentType, extra)
    }
    for (const l of block) this.push(l)
    for (const l of extra) this.push(Buffer.concat([Buffer.from(l, 'latin1'), eol]))
    if (terminator) this.push(terminator)
    this.head = []
    this.headSize = 0
    this.headParent = null
    const boundary = contentType ? param(contentType, 'boundary')?.trimEnd() : undefined
    if (type.startsWith('multipart/') && boundary && /^[\x20-\x7e]+$/.test(boundary)) {
      this.open.push({ boundary: Buffer.from(boundary, 'latin1'), digest: type === 'multipart/digest' })
      this.state = 'body'
    } else if (type === 'message/rfc822' && this.embeddedInline(field)) {
      this.messageStart = true // mailsplit reads an inline message's own header block: so do we
    } else {
      this.state = this.open.length > 0 ? 'body' : 'raw'
    }
  }

  /** mailsplit parses an inline, unencoded message/rfc822 part as part of this message. */
  private embeddedInline(field: (name: FieldName) => string | undefined): boolean {
    const disposition = (field('content-disposition') ?? '').split(';')[0]!.trim().toLowerCase()
    const encoding = (field('content-transfer-encoding') ?? '').toLowerCase()
    return disposition === 'inline' && ['', '7bit', '8bit', 'binary'].includes(encoding)
  }

  /** Points a text part's UTF-8, US-ASCII or missing charset at the lossless decoder. */
  private relabel(block: Buffer[], hasType: boolean, extra: string[]): void {
    if (!hasType) {
      extra.push(`Content-Type: text/plain; charset=${LOSSLESS_UTF8_LABEL}`)
      return
    }
    const at = block.findIndex((l) => /^content-type[ \t]*:/i.test(l.subarray(0, 64).toString('latin1')))
    if (at === -1) return
    let last = at
    while (last + 1 < block.length && isWsp(block[last + 1]![0])) last++
    const raw = Buffer.concat(block.slice(at, last + 1))
    const eol = raw.subarray(raw.length - eolLength(raw))
    let value = raw.subarray(0, raw.length - eol.length).toString('latin1')
    if (/;\s*charset\s*=/i.test(value)) {
      value = value.replace(/(;\s*charset\s*=\s*)(?:"[^"]*"|[^\s;()]+)/i, `$1${LOSSLESS_UTF8_LABEL}`)
    } else {
      value = `${value.replace(/[\s;]+$/, '')}; charset=${LOSSLESS_UTF8_LABEL}`
    }
    block.splice(at, last - at + 1, Buffer.concat([Buffer.from(value, 'latin1'), eol]))
  }
}

/** The normaliser as a stream, for sources read chunk by chunk. */
export class MimeNormalizer extends Transform {
  private readonly core: Normalizer

  constructor(opts: { relabel: boolean }) {
    super()
    this.core = new Normalizer((bytes) => {
      if (bytes.length) this.push(bytes)
    }, opts.relabel)
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.core.write(chunk)
    done()
  }

  override _flush(done: TransformCallback): void {
    this.core.end()
    done()
  }
}

/**
 * The normaliser over a source held in memory: the same rewriting without a stream's per-chunk
 * cost, which for a message of a few kilobytes is most of what normalising costs.
 */
export function normalizeMime(source: Buffer, opts: { relabel: boolean }): Buffer {
  const out: Buffer[] = []
  const core = new Normalizer((bytes) => out.push(bytes), opts.relabel)
  core.write(source)
  core.end()
  return out.length === 1 ? out[0]! : Buffer.concat(out)
}
