/**
 * Reads a mailto: URL (RFC 6068) into what a new message starts with. Hand written because the
 * URL parsers at hand read the query as a form (URLSearchParams turns "+" into a space, which
 * RFC 6068 §5 keeps literal) and know nothing of which header fields are safe.
 *
 * The URL comes from outside (a web page, another program), so only the fields a person sees
 * in the composer are taken (RFC 6068 §3 leaves the rest to the client, §7 warns about
 * the others): to, cc, bcc, subject, body and in-reply-to. Everything else is listed in
 * `ignored`. No line break survives in a header field.
 */
import { AppError } from '../errors'

export interface MailtoDraft {
  to: string[]
  cc: string[]
  bcc: string[]
  subject: string
  /** Plain text with \n line breaks. */
  body: string
  /** The message this one answers, as `<id@host>`, or null. */
  inReplyTo: string | null
  /** Header fields in the URL that were not taken, lower-cased. */
  ignored: string[]
}

/** More than any real link carries; a longer one is refused rather than cut. */
export const MAILTO_MAX_LENGTH = 256 * 1024
const MAX_RECIPIENTS = 500

const invalid = (message: string) => new AppError('INVALID_INPUT', message, { detail: { field: 'mailto' } })

function decode(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    throw invalid('The mailto: link is not encoded correctly (a % not followed by UTF-8 in hex)')
  }
}

/** Control characters (line breaks included) become a space: a header field is one line. */
// eslint-disable-next-line no-control-regex -- control characters are what it removes
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()

function addresses(field: string): string[] {
  return field
    .split(',')
    .map(oneLine)
    .filter((a) => a !== '')
}

export function parseMailto(url: string): MailtoDraft {
  if (url.length > MAILTO_MAX_LENGTH) throw invalid('The mailto: link is too long')
  const match = /^mailto:/i.exec(url.trim())
  if (!match) throw invalid('Not a mailto: link')
  const rest = url.trim().slice(match[0].length)
  const q = rest.indexOf('?')
  const path = q < 0 ? rest : rest.slice(0, q)
  const query = q < 0 ? '' : rest.slice(q + 1)

  const draft: MailtoDraft = {
    to: addresses(decode(path)),
    cc: [],
    bcc: [],
    subject: '',
    body: '',
    inReplyTo: null,
    ignored: [],
  }
  const seen = new Set<string>()
  for (const field of query.split('&')) {
    if (field === '') continue
    const eq = field.indexOf('=')
    const name = decode(eq < 0 ? field : field.slice(0, eq)).toLowerCase()
    const value = eq < 0 ? '' : decode(field.slice(eq + 1))
    if (name === 'to' || name === 'cc' || name === 'bcc') {
      draft[name].push(...addresses(value))
    } else if (name === 'subject' || name === 'body' || name === 'in-reply-to') {
      // The first one counts: a second Subject or body is as likely an attack as a mistake.
      if (seen.has(name)) continue
      seen.add(name)
      if (name === 'subject') draft.subject = oneLine(value)
      else if (name === 'body') draft.body = value.replace(/\r\n?/g, '\n')
      else draft.inReplyTo = /^<[^<>\s]+@[^<>\s]+>$/.test(value.trim()) ? value.trim() : null
    } else if (!draft.ignored.includes(name)) {
      draft.ignored.push(name)
    }
  }
  if (draft.to.length + draft.cc.length + draft.bcc.length > MAX_RECIPIENTS) {
    throw invalid(`The mailto: link names more than ${MAX_RECIPIENTS} recipients`)
  }
  return draft
}
