import type { FetchMessageObject, FetchQueryObject, MessageAddressObject } from 'imapflow'
import type { MailAddress } from '../../../shared/model/mail'
import { splitFlags, type HeaderRow } from '../mail/message-repo'
import { firstMessageId, headerFields, parseDateHeader, parseMessageIds } from '../mime/header-values'

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

/** One FETCH response → a store row. An unparseable Date header falls back to INTERNALDATE. */
export function toHeaderRow(msg: FetchMessageObject): HeaderRow {
  const env = msg.envelope ?? {}
  const fields = msg.headers ? headerFields(msg.headers) : new Map<string, string[]>()
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
    hasAttachments: contentTypeHasAttachments(fields.get('content-type')?.[0]),
    messageId: firstMessageId(env.messageId),
    inReplyTo: firstMessageId(env.inReplyTo),
    references: parseMessageIds(fields.get('references')?.join(' ')),
  }
}
