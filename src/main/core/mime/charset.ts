import { Transform, type TransformCallback } from 'node:stream'
import { TextDecoder } from 'node:util'

const utf8Strict = new TextDecoder('utf-8', { fatal: true })
/** Names mail uses that WHATWG does not list (mailparser itself renames ks_c_5601-1987 to CP949). */
const ALIASES: Readonly<Record<string, string>> = { cp949: 'windows-949' }

/**
 * Windows-1252's 0x80-0x9F (WHATWG Encoding). Node 20's TextDecoder decodes 'windows-1252' as
 * ISO-8859-1, which turns € and friends into invisible C1 controls, so this range is mapped here.
 */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178'

export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c)
}

/**
 * Decodes text bytes without losing any of them. The declared charset is tried first (WHATWG
 * labels, which cover what mail uses, ISO-2022-JP included); when it is unknown, or the bytes are
 * not valid in it (a Latin-1 body labelled UTF-8 is the classic), valid UTF-8 is taken as such and
 * anything else as Windows-1252, which maps every byte to a character. A replacement character
 * (U+FFFD, what mailparser's own fallback produces) would lose the text it stands for.
 */
export function decodeText(bytes: Uint8Array, charset: string | undefined): string {
  const given = (charset ?? 'utf-8').trim().toLowerCase()
  const label = ALIASES[given] ?? given
  let declared: TextDecoder | null
  try {
    declared = new TextDecoder(label, { fatal: true })
  } catch {
    declared = null // a label TextDecoder does not know
  }
  if (/^(?:windows-1252|cp1252|iso-8859-1|iso_8859-1|latin1|l1)$/.test(label)) return decodeWindows1252(bytes)
  if (declared && !/^(?:us-ascii|ascii)$/.test(label)) {
    try {
      return declared.decode(bytes)
    } catch {
      // bytes that are not valid in the declared charset: fall through
    }
  }
  try {
    return utf8Strict.decode(bytes)
  } catch {
    return decodeWindows1252(bytes)
  }
}

/**
 * mailparser's `Iconv` option: it builds one of these per text part (`new Iconv(from, to)`) and
 * streams the transfer-decoded bytes through it. We buffer the part (bounded by the message size
 * limit) and decode it with `decodeText` at the end, so a split multi-byte character or an unknown
 * charset never turns into U+FFFD.
 */
export class LosslessIconv extends Transform {
  private readonly parts: Buffer[] = []

  constructor(
    private readonly charset: string,
    _to?: string,
  ) {
    super()
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.parts.push(chunk)
    done()
  }

  override _flush(done: TransformCallback): void {
    done(null, Buffer.from(decodeText(Buffer.concat(this.parts), this.charset), 'utf8'))
  }
}

/** A charset label no decoder knows: LosslessIconv reads it as UTF-8 if valid, else Windows-1252. */
export const LOSSLESS_UTF8_LABEL = 'x-mailroom-lossless-utf-8'

/**
 * mailparser decodes parts labelled UTF-8 itself (bypassing the Iconv option) and replaces invalid
 * bytes with U+FFFD. For a second pass over such a message, this relabels `charset=utf-8` on
 * Content-Type header lines so those parts go through LosslessIconv too. Body lines that merely
 * mention a charset (an HTML meta tag) are left alone: only Content-Type fields and their folded
 * continuation lines are touched.
 */
export class RelabelUtf8 extends Transform {
  private rest = ''
  private inContentType = false

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const text = this.rest + chunk.toString('latin1')
    const end = text.lastIndexOf('\n') + 1
    this.rest = text.slice(end)
    done(null, Buffer.from(this.relabel(text.slice(0, end)), 'latin1'))
  }

  override _flush(done: TransformCallback): void {
    done(null, Buffer.from(this.relabel(this.rest), 'latin1'))
  }

  private relabel(lines: string): string {
    return lines.replace(/[^\n]*\n?/g, (line) => {
      if (/^content-type:/i.test(line)) this.inContentType = true
      else if (!/^[ \t]/.test(line)) this.inContentType = false
      return this.inContentType
        ? line.replace(/(charset\s*=\s*"?)utf-?8("?)/gi, `$1${LOSSLESS_UTF8_LABEL}$2`)
        : line
    })
  }
}
