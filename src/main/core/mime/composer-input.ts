/**
 * Prepares what MailComposer gets so that what it builds is canonical (canonical.ts): line breaks
 * in text become CRLF before encoding, header values that nodemailer could not fold under 998
 * octets are encoded (RFC 2047 encoded-words can be split anywhere between characters), and an
 * attached message travels with CRLF line ends or, when it cannot be carried as a message/rfc822
 * part at all, as bytes in base64.
 */
import { encodeWord } from 'nodemailer/lib/mime-funcs'
import { canonicalLineBreaks, fitsEightBit, MAX_LINE_OCTETS } from './canonical'

/**
 * nodemailer folds header fields at whitespace only (RFC 5322 §2.2.3), so a run of this many
 * non-space characters could end up on one line of its own with quotes and escapes (each of which
 * can double a character) around it. Above it, the value is sent as encoded-words instead.
 */
const MAX_UNFOLDABLE_RUN = 400

const longestRun = (s: string): number => Math.max(0, ...s.split(/\s+/).map((w) => w.length))

export interface PreparedHeader {
  prepared: true
  foldLines: true
  value: string
}

const prepared = (value: string): PreparedHeader => ({ prepared: true, foldLines: true, value })

const encoded = (s: string): string => encodeWord(s, 'Q', 52)

/** The Subject as nodemailer would write it, or encoded-words when it could not be folded. */
export function subjectHeader(subject: string): string | PreparedHeader {
  return longestRun(subject) > MAX_UNFOLDABLE_RUN ? prepared(encoded(subject)) : subject
}

/**
 * A display name as nodemailer gets it. nodemailer writes an ASCII name as an atom or a quoted
 * string, never as encoded-words, and does not take a prepared value for address fields; so a
 * name with a run of non-space characters too long to fold gets a space every
 * MAX_UNFOLDABLE_RUN characters. Only absurd names are touched, and only in how they read.
 */
export function displayName(name: string | undefined): string {
  if (!name || longestRun(name) <= MAX_UNFOLDABLE_RUN) return name ?? ''
  return name.replace(new RegExp(`\\S{${MAX_UNFOLDABLE_RUN}}(?=\\S)`, 'g'), '$& ')
}

/**
 * A msg-id cannot be folded (RFC 5322 §3.6.4 allows no whitespace inside it); one that would not
 * fit on a line of its own is left out of In-Reply-To/References. Only a hostile original carries
 * one (ours are a UUID and a domain), and a reply without it is still a reply.
 */
export const fitsOnALine = (id: string): boolean => Buffer.byteLength(id) + 1 <= MAX_LINE_OCTETS

export interface ComposerAttachment {
  filename: string
  contentType: string
  content: Buffer
  contentDisposition: 'inline' | 'attachment'
  cid?: string
}

/**
 * A message/rfc822 part is never encoded (RFC 2046 §5.2.1): nodemailer labels it 7bit or 8bit and
 * copies it. So its line ends become CRLF here (a server or a file may have given it with bare
 * LF); if it still has a NUL or a line over 998 octets, no label can describe it and it is
 * attached as application/octet-stream (base64, the same bytes, the same .eml name). Other
 * message/* and multipart/* types get the same treatment as that fallback: nodemailer would copy
 * them unencoded, and a multipart type on a leaf part would be read as a structure.
 */
export function composerAttachment(a: {
  filename: string
  contentType: string
  content: Uint8Array
  inline: boolean
  contentId: string | null
}): ComposerAttachment {
  let content = Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength)
  let contentType = a.contentType
  const type = contentType.split(';')[0]!.trim().toLowerCase()
  if (type === 'message/rfc822') {
    const canonical = canonicalLineBreaks(content)
    if (fitsEightBit(canonical)) content = canonical
    else contentType = 'application/octet-stream'
  } else if (type.startsWith('message/') || type.startsWith('multipart/')) {
    contentType = 'application/octet-stream'
  }
  return {
    filename: a.filename,
    contentType,
    content,
    contentDisposition: a.inline ? 'inline' : 'attachment',
    ...(a.inline && a.contentId ? { cid: a.contentId } : {}),
  }
}
