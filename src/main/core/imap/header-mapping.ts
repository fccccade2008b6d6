import type { FetchMessageObject, FetchQueryObject } from 'imapflow'
import type { HeaderRow } from '../store/message-repo'
import { splitFlags } from '../store/message-rows'
import { headerRowFields, ROW_HEADER_NAMES } from '../mime/header-row'

/**
 * What the header sync fetches per message: FLAGS, INTERNALDATE, RFC822.SIZE and the header fields
 * a list row is made of (`BODY.PEEK[HEADER.FIELDS (...)]`, RFC 3501 §6.4.5), read by the same
 * mapper as POP3 and local messages. ENVELOPE (§7.4.2) would carry most of them, but lacks
 * References (threading) and Content-Type (the attachment mark), and imapflow parses it at a higher
 * cost than the fields themselves (see `npm run bench`). BODYSTRUCTURE would make the attachment
 * mark exact, but on a cold server cache it makes the server parse every whole message, so the mark
 * is refined from the parsed body when the message is read instead (see docs/architecture.md).
 */
export const HEADER_QUERY: FetchQueryObject = {
  uid: true,
  flags: true,
  internalDate: true,
  size: true,
  headers: [...ROW_HEADER_NAMES],
}

function internalDateMs(value: Date | string | undefined): number | null {
  if (value === undefined) return null
  const ms = value instanceof Date ? value.getTime() : Date.parse(value)
  return Number.isNaN(ms) ? null : ms
}

/**
 * One FETCH response → a store row. A Date header that is missing or does not parse falls back to
 * INTERNALDATE (the server's received date), never to the time of the sync.
 */
export function toHeaderRow(msg: FetchMessageObject): HeaderRow {
  const internal = internalDateMs(msg.internalDate)
  const fields = headerRowFields(msg.headers ?? Buffer.alloc(0), {
    receivedAt: internal ?? 0,
    size: msg.size ?? 0,
  })
  // A server that sends no INTERNALDATE (RFC 3501 makes it mandatory; still) dates by the header.
  if (internal === null) fields.receivedAt = fields.date
  return { uid: msg.uid, ...splitFlags(msg.flags ?? []), ...fields }
}
