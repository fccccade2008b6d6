import libmime from 'libmime'
import { decodeUtf8Lenient } from './charset'
import { headerBlock, headerFields } from './header-values'
import { decodeWords } from './address-list'

/**
 * A part's file name as mailsplit gives it. A quoted parameter sent as raw 8-bit bytes
 * (`filename="Отчёт.pdf"`, RFC 6532) comes out one Latin-1 character per byte: read those bytes
 * as UTF-8 when they are, else each bad byte as Windows-1252. A name decoded from RFC 2047 or
 * RFC 2231 holds characters above U+00FF or is plain Latin-1 text, which this keeps as it is.
 */
export function rawParameterText(name: string): string {
  if (!/[\u0080-\u00ff]/.test(name) || /[^\u0020-\u00ff]/.test(name)) return name
  return decodeUtf8Lenient(Buffer.from(name, 'latin1'))
}

/** The Subject of an attached message, for its file name. */
function embeddedSubject(content: Buffer): string {
  const subject = headerFields(headerBlock(content, 64 * 1024)).get('subject')?.[0] ?? ''
  return decodeWords(subject).trim()
}

/**
 * A name for saving a part the sender gave none: the attached message's subject, else
 * "attachment" with the extension of its type (libmime's table). Never shown as the part's name:
 * the reader shows its type instead ("PDF document"), since an invented name reads as the
 * sender's. `taken` keeps the names of one message distinct.
 */
export function saveNameFor(contentType: string, content: Buffer, taken: Set<string>): string {
  const isMessage = contentType.toLowerCase() === 'message/rfc822'
  const base = isMessage ? embeddedSubject(content).slice(0, 100) || 'message' : 'attachment'
  const ext = isMessage ? 'eml' : libmime.detectExtension(contentType.toLowerCase()) || 'bin'
  let name = `${base}.${ext}`
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}.${ext}`
  taken.add(name.toLowerCase())
  return name
}
