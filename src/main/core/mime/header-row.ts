import type { MailAddress } from '../../../shared/model/mail'
import type { HeaderFields } from '../store/message-rows'
import { decodeWords, readAddressList } from './address-list'
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

function addresses(values: string[] | undefined): MailAddress[] {
  if (!values?.length) return []
  return readAddressList(head(values.length === 1 ? values[0] : values.join(', '), MAX_ADDRESSES))
}

/** multipart/mixed (and report) or a single non-text part: what a list's paper clip means. */
export function contentTypeHasAttachments(contentType: string | undefined): boolean {
  const type = (contentType ?? 'text/plain').split(';')[0]!.trim().toLowerCase()
  if (type === 'multipart/mixed' || type === 'multipart/report') return true
  if (type.startsWith('multipart/') || type.startsWith('text/') || type === '') return false
  return true
}

const first = (fields: Map<string, string[]>, name: string): string | undefined => fields.get(name)?.[0]

/** What a message's header says about it, as the list row and the message view both show it. */
export interface HeaderSummary {
  subject: string
  from: MailAddress[]
  to: MailAddress[]
  cc: MailAddress[]
  bcc: MailAddress[]
  replyTo: MailAddress[]
  /** From the Date header; null when it is missing or does not parse. */
  date: number | null
  messageId: string | null
  inReplyTo: string | null
  references: string[]
}

/** The fields of a header block (headerFields), each read by the one reader for its kind. */
export function readHeaderSummary(fields: Map<string, string[]>): HeaderSummary {
  return {
    subject: decodeWords(head(first(fields, 'subject'), MAX_SUBJECT)),
    from: addresses(fields.get('from')?.slice(0, 1)),
    to: addresses(fields.get('to')),
    cc: addresses(fields.get('cc')),
    bcc: addresses(fields.get('bcc')),
    replyTo: addresses(fields.get('reply-to')?.slice(0, 1)),
    date: parseDateHeader(first(fields, 'date')),
    messageId: firstMessageId(head(first(fields, 'message-id'), 1024)),
    inReplyTo: firstMessageId(head(first(fields, 'in-reply-to'), 1024)),
    references: references(fields.get('references')?.join(' ')),
  }
}

/**
 * A list row's fields from a raw header block. `receivedAt` (INTERNALDATE, or when a POP3 message
 * arrived) dates a message whose Date header is missing or does not parse, never the parse time.
 */
export function headerRowFields(block: Buffer, meta: { receivedAt: number; size: number }): HeaderFields {
  const fields = headerFields(block)
  const h = readHeaderSummary(fields)
  return {
    subject: h.subject,
    from: h.from,
    to: h.to,
    cc: h.cc,
    date: h.date ?? meta.receivedAt,
    receivedAt: meta.receivedAt,
    size: meta.size,
    hasAttachments: contentTypeHasAttachments(first(fields, 'content-type')),
    messageId: h.messageId,
    inReplyTo: h.inReplyTo,
    references: h.references,
  }
}
