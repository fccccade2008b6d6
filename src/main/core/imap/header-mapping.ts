import type { FetchMessageObject, FetchQueryObject, MessageAddressObject } from 'imapflow'
import type { MailAddress } from '../../../shared/model/mail'
import { splitFlags, type HeaderRow } from '../mail/message-repo'
import { firstMessageId, parseDateHeader, parseMessageIds } from '../mime/header-values'

/**
 * What the header sync fetches per message: ENVELOPE (RFC 3501 §7.4.2) for the list, INTERNALDATE
 * and RFC822.SIZE, and two header fields ENVELOPE lacks: References (threading) and Content-Type
 * (the attachment mark). BODYSTRUCTURE would make the attachment mark exact, but on a cold server
 * cache it makes the server parse every whole message, so the mark is refined from the parsed
 * body when the message is read instead (see docs/architecture.md).
 */
export const HEADER_QUERY: FetchQueryObject = {
  uid: true,
  flags: true,
  envelope: true,
  internalDate: true,
  size: true,
  headers: ['references', 'content-type'],
}

function toAddresses(list: MessageAddressObject[] | undefined): MailAddress[] {
  const out: MailAddress[] = []
  for (const a of list ?? []) {
    if (!a.address) continue
    out.push(a.name ? { name: a.name, address: a.address } : { address: a.address })
  }
  return out
}

/** multipart/mixed (and report) or a single non-text part: what a list's paper clip means. */
export function contentTypeHasAttachments(contentType: string | undefined): boolean {
  const type = (contentType ?? 'text/plain').split(';')[0]!.trim().toLowerCase()
  if (type === 'multipart/mixed' || type === 'multipart/report') return true
  if (type.startsWith('multipart/') || type.startsWith('text/') || type === '') return false
  return true
}

function toMs(value: Date | string | undefined): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime()
  return parseDateHeader(value)
}

/**
 * References and Content-Type from the fetched header lines. Both are ASCII (msg-ids, MIME types,
 * RFC 2231 parameters), so Latin-1 decoding is exact here and cheaper than a checked UTF-8 decode
 * (this runs once per message of a 100,000-message sync).
 */
function fetchedFields(headers: Buffer | undefined): {
  references: string | undefined
  contentType: string | undefined
} {
  let references: string | undefined
  let contentType: string | undefined
  if (!headers) return { references, contentType }
  for (const line of headers
    .toString('latin1')
    .replace(/\r?\n[ \t]+/g, ' ')
    .split('\n')) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    if (name === 'references') references = references === undefined ? value : `${references} ${value}`
    else if (name === 'content-type') contentType ??= value
  }
  return { references, contentType }
}

/** One FETCH response → a store row. An unparseable Date header falls back to INTERNALDATE. */
export function toHeaderRow(msg: FetchMessageObject): HeaderRow {
  const env = msg.envelope ?? {}
  const fields = fetchedFields(msg.headers)
  const receivedAt = toMs(msg.internalDate) ?? toMs(env.date) ?? 0
  return {
    uid: msg.uid,
    ...splitFlags(msg.flags ?? []),
    subject: env.subject ?? '',
    from: toAddresses(env.from),
    to: toAddresses(env.to),
    cc: toAddresses(env.cc),
    date: toMs(env.date) ?? receivedAt,
    receivedAt,
    size: msg.size ?? 0,
    hasAttachments: contentTypeHasAttachments(fields.contentType),
    messageId: firstMessageId(env.messageId),
    inReplyTo: firstMessageId(env.inReplyTo),
    references: parseMessageIds(fields.references),
  }
}
