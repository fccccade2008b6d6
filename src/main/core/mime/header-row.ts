import libmime from 'libmime'
import { parseAddressHeader } from 'mailparser'
import type { MailAddress } from '../../../shared/model/mail'
import type { HeaderFields } from '../mail/message-rows'
import { firstMessageId, headerFields, parseDateHeader, parseMessageIds } from './header-values'

/**
 * The header fields a list row is made of (RFC 5322 §3.6). The IMAP sync fetches exactly these
 * with `BODY.PEEK[HEADER.FIELDS (...)]` rather than ENVELOPE: imapflow's ENVELOPE parsing (a
 * nested list per message, every string through the tokenizer) costs more than reading the fields
 * here, and the same mapper then serves POP3 and local messages, so a message looks the same in the
 * list whichever way it arrived.
 */
export const ROW_HEADER_NAMES = [
  'date',
  'subject',
  'from',
  'to',
  'cc',
  'message-id',
  'in-reply-to',
  'references',
  'content-type',
] as const

/**
 * Raw field lengths read at most (characters). A list row keeps 1,000 characters of subject and 100
 * addresses (ROW_LIMITS); a hostile megabyte-long field must not cost a megabyte of parsing per
 * message. The full message view parses the whole source with mailparser anyway.
 */
const MAX_SUBJECT = 16 * 1024
const MAX_ADDRESSES = 64 * 1024
const MAX_REFERENCES = 32 * 1024

const head = (value: string | undefined, max: number): string =>
  value === undefined ? '' : value.length > max ? value.slice(0, max) : value

/** A long References keeps its start (the thread's root) and its end (the parent, RFC 5322 §3.6.4). */
function references(value: string | undefined): string[] {
  if (value === undefined) return []
  if (value.length <= MAX_REFERENCES) return parseMessageIds(value)
  return parseMessageIds(`${value.slice(0, 1024)} ${value.slice(-(MAX_REFERENCES - 1024))}`)
}

/**
 * One mailbox in its common shapes (`addr`, `Name <addr>`, `"Name" <addr>`), with nothing a full
 * RFC 5322 §3.4 parser would read differently: no comment, escape, group, route or second address.
 * Everything else goes to mailparser's reader. Why by hand: the header sync reads From and To of
 * every message of a 100,000-message folder, and the full reader (a tokenizer plus lazily
 * formatted results) costs several times the rest of a row; this shape is most real mail.
 */
const ADDR = String.raw`[^\s"(),:;<>@\[\]\\]+@[^\s"(),:;<>@\[\]\\]+`
const SIMPLE_MAILBOX = new RegExp(
  String.raw`^\s*(?:"([^"\\]*)"|([^"(),:;<>@\[\]\\]*?))\s*<(${ADDR})>\s*$|^\s*(${ADDR})\s*$`,
)

function simpleMailbox(value: string): MailAddress | null {
  const m = SIMPLE_MAILBOX.exec(value)
  if (!m) return null
  const address = m[3] ?? m[4]!
  // RFC 2047 §5: an encoded word never stands in an addr-spec; the full reader decides what to do.
  if (address.includes('=?')) return null
  const raw = (m[1] ?? m[2] ?? '').trim()
  const name = raw.includes('=?') ? decodeWords(raw).trim() : raw
  return name ? { name, address } : { address }
}

function addresses(values: string[] | undefined): MailAddress[] {
  if (!values?.length) return []
  const value = head(values.length === 1 ? values[0] : values.join(', '), MAX_ADDRESSES)
  const simple = simpleMailbox(value)
  if (simple) return [simple]
  const out: MailAddress[] = []
  // mailparser's reader: RFC 2047 names decoded, groups flattened, encoded words refused in the
  // addr-spec (RFC 2047 §5).
  for (const a of parseAddressHeader(value, { flatten: true, decodePunycode: false }).value) {
    if (!a.address) continue
    out.push(a.name ? { name: a.name, address: a.address } : { address: a.address })
  }
  return out
}

function decodeWords(value: string): string {
  // Every RFC 2047 encoded word starts with "=?"; most subjects have none.
  if (!value.includes('=?')) return value
  try {
    return libmime.decodeWords(value)
  } catch {
    return value // an encoded word that does not decode is shown as written
  }
}

/** multipart/mixed (and report) or a single non-text part: what a list's paper clip means. */
export function contentTypeHasAttachments(contentType: string | undefined): boolean {
  const type = (contentType ?? 'text/plain').split(';')[0]!.trim().toLowerCase()
  if (type === 'multipart/mixed' || type === 'multipart/report') return true
  if (type.startsWith('multipart/') || type.startsWith('text/') || type === '') return false
  return true
}

const first = (fields: Map<string, string[]>, name: string): string | undefined => fields.get(name)?.[0]

/**
 * A list row's fields from a raw header block. `receivedAt` (INTERNALDATE, or when a POP3 message
 * arrived) dates a message whose Date header is missing or does not parse, never the parse time.
 */
export function headerRowFields(block: Buffer, meta: { receivedAt: number; size: number }): HeaderFields {
  const fields = headerFields(block)
  return {
    subject: decodeWords(head(first(fields, 'subject'), MAX_SUBJECT)),
    from: addresses(fields.get('from')?.slice(0, 1)),
    to: addresses(fields.get('to')),
    cc: addresses(fields.get('cc')),
    date: parseDateHeader(first(fields, 'date')) ?? meta.receivedAt,
    receivedAt: meta.receivedAt,
    size: meta.size,
    hasAttachments: contentTypeHasAttachments(first(fields, 'content-type')),
    messageId: firstMessageId(head(first(fields, 'message-id'), 1024)),
    inReplyTo: firstMessageId(head(first(fields, 'in-reply-to'), 1024)),
    references: references(fields.get('references')?.join(' ')),
  }
}
