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

/** The length of the well-formed UTF-8 sequence at `i` (Unicode Table 3-7), or 0 if there is none. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const b0 = b[i]!
  if (b0 < 0x80) return 1
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const v = b[i + k]
    return v !== undefined && v >= lo && v <= hi
  }
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const ok1 = b0 === 0xe0 ? cont(1, 0xa0) : b0 === 0xed ? cont(1, 0x80, 0x9f) : cont(1)
    return ok1 && cont(2) ? 3 : 0
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const ok1 = b0 === 0xf0 ? cont(1, 0x90) : b0 === 0xf4 ? cont(1, 0x80, 0x8f) : cont(1)
    return ok1 && cont(2) && cont(3) ? 4 : 0
  }
  return 0
}

const utf8Loose = new TextDecoder('utf-8')

/**
 * UTF-8 where it is well-formed, and each byte that is not part of a well-formed sequence read as
 * Windows-1252 (which maps every byte to a character). One broken character (a sequence split by
 * a hard line break, a Latin-1 word in UTF-8 text) costs that character only, never the part, and
 * no byte becomes U+FFFD.
 */
export function decodeUtf8Lenient(bytes: Uint8Array): string {
  try {
    return utf8Strict.decode(bytes)
  } catch {
    // some sequence is not well-formed: decode run by run below
  }
  let out = ''
  let run = 0
  let i = 0
  while (i < bytes.length) {
    const len = utf8SequenceLength(bytes, i)
    if (len > 0) {
      i += len
      continue
    }
    if (i > run) out += utf8Loose.decode(bytes.subarray(run, i))
    out += decodeWindows1252(bytes.subarray(i, i + 1))
    run = ++i
  }
  if (run < bytes.length) out += utf8Loose.decode(bytes.subarray(run))
  return out
}

const LATIN1_LABELS = /^(?:windows-1252|cp1252|iso-8859-1|iso_8859-1|latin1|l1)$/
/** US-ASCII text with 8-bit bytes is mislabelled 8-bit text, most often UTF-8. */
const UTF8_LABELS = /^(?:utf-?8|unicode-1-1-utf-8|us-ascii|ascii|x-mailroom-lossless-utf-8)$/

/**
 * Decodes text bytes. The declared charset is used when the bytes are valid in it (WHATWG labels,
 * which cover what mail uses, ISO-2022-JP included). UTF-8, US-ASCII (8-bit bytes under it are
 * UTF-8 or Latin-1 in practice), unknown labels and no label are read with decodeUtf8Lenient:
 * nothing is lost and one bad sequence stays one odd character. Latin-1 labels are read as
 * Windows-1252, which every mail client does (WHATWG Encoding). Another declared charset whose
 * bytes are not valid in it is read as UTF-8 when they are valid UTF-8 (a mislabelled part), else
 * with that charset's own decoder, each bad sequence marked U+FFFD and the rest still readable:
 * a multi-byte text re-read as anything else would be garbage from end to end.
 */
export function decodeText(bytes: Uint8Array, charset: string | undefined): string {
  const given = (charset ?? 'utf-8').trim().toLowerCase()
  const label = ALIASES[given] ?? given
  if (UTF8_LABELS.test(label)) return decodeUtf8Lenient(bytes)
  if (LATIN1_LABELS.test(label)) return decodeWindows1252(bytes)
  let declared: TextDecoder
  try {
    declared = new TextDecoder(label, { fatal: true })
  } catch {
    return decodeUtf8Lenient(bytes) // a label TextDecoder does not know
  }
  try {
    return declared.decode(bytes)
  } catch {
    // bytes that are not valid in the declared charset
  }
  try {
    return utf8Strict.decode(bytes)
  } catch {
    return new TextDecoder(label).decode(bytes)
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

/**
 * A charset label no decoder knows: the MIME normaliser (mime-normalize.ts) puts it on text parts
 * labelled UTF-8 or US-ASCII, or not labelled at all, because mailparser decodes those itself
 * (bypassing the Iconv option) with U+FFFD for every byte it cannot read. LosslessIconv reads it
 * with decodeUtf8Lenient.
 */
export const LOSSLESS_UTF8_LABEL = 'x-mailroom-lossless-utf-8'
