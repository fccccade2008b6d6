import type { MailAddress, MessageFlags, MessageSummary } from '../../../shared/model/mail'

/** What a sync (or a local insert) knows about a message before its body is read. */
export interface HeaderFields {
  subject: string
  from: MailAddress[]
  to: MailAddress[]
  cc: MailAddress[]
  /** Epoch ms: the Date header when it parses, otherwise `receivedAt`. */
  date: number
  receivedAt: number
  size: number
  hasAttachments: boolean
  messageId: string | null
  inReplyTo: string | null
  references: string[]
}

export interface ServerFlags {
  flags: MessageFlags
  /** Every other flag or keyword, sorted (e.g. `$Junk`, `\Deleted`). */
  keywords: string[]
}

export interface HeaderRow extends HeaderFields, ServerFlags {
  uid: number | null
}

/** A message row as the engine sees it. */
export interface MessageRecord {
  id: number
  mailboxId: number
  accountId: string
  uid: number | null
  flags: MessageFlags
  keywords: string[]
  hidden: boolean
  pending: number
  hasSource: boolean
  remoteAllowed: boolean
  parseProblem: string | null
  /** null only until the start-up backfill threads rows stored before threads existed. */
  threadId: number | null
  summary: MessageSummary
}

export interface MessageRow {
  id: number
  mailbox_id: number
  account_id: string
  uid: number | null
  seen: number
  flagged: number
  answered: number
  draft: number
  keywords: string | null
  hidden: number
  pending: number
  subject: string
  from_json: string
  to_json: string
  cc_json: string
  date: number
  received_at: number
  size: number
  has_attachments: number
  message_id: string | null
  in_reply_to: string | null
  refs: string | null
  preview: string | null
  has_source: number
  parse_problem: string | null
  remote_allowed: number
  thread_id: number | null
}

const SYSTEM_FLAGS: Record<string, keyof MessageFlags> = {
  '\\Seen': 'seen',
  '\\Flagged': 'flagged',
  '\\Answered': 'answered',
  '\\Draft': 'draft',
}

/** IMAP flags → our flags + the rest. \Recent is session-only (RFC 3501 §2.3.2), so it is dropped. */
export function splitFlags(flags: Iterable<string>): ServerFlags {
  const out: MessageFlags = { seen: false, flagged: false, answered: false, draft: false }
  const keywords: string[] = []
  for (const f of flags) {
    const known = SYSTEM_FLAGS[f]
    if (known) out[known] = true
    else if (f !== '\\Recent') keywords.push(f)
  }
  return { flags: out, keywords: keywords.sort() }
}

/** The inverse of splitFlags: the full IMAP flag list of a row. */
export function joinFlags(flags: MessageFlags, keywords: readonly string[]): string[] {
  const list = Object.entries(SYSTEM_FLAGS)
    .filter(([, k]) => flags[k])
    .map(([f]) => f)
  return [...list, ...keywords].sort()
}

export function parseList<T>(json: string | null): T[] {
  if (!json) return []
  try {
    return JSON.parse(json) as T[]
  } catch {
    return []
  }
}

/** `threadSize`: messages in the row's conversation (counted by the caller; 1 when not asked). */
export function toSummary(r: MessageRow, threadSize = 1): MessageSummary {
  return {
    id: String(r.id),
    accountId: r.account_id,
    mailboxId: String(r.mailbox_id),
    subject: r.subject,
    from: parseList(r.from_json),
    to: parseList(r.to_json),
    cc: parseList(r.cc_json),
    date: r.date,
    receivedAt: r.received_at,
    flags: { seen: r.seen === 1, flagged: r.flagged === 1, answered: r.answered === 1, draft: r.draft === 1 },
    hasAttachments: r.has_attachments === 1,
    size: r.size,
    messageId: r.message_id,
    inReplyTo: r.in_reply_to,
    references: r.refs ? r.refs.split(' ') : [],
    preview: r.preview,
    threadId: r.thread_id === null ? null : String(r.thread_id),
    threadSize,
  }
}

export function toRecord(r: MessageRow): MessageRecord {
  const summary = toSummary(r)
  return {
    id: r.id,
    mailboxId: r.mailbox_id,
    accountId: r.account_id,
    uid: r.uid,
    flags: summary.flags,
    keywords: parseList(r.keywords),
    hidden: r.hidden === 1,
    pending: r.pending,
    hasSource: r.has_source === 1,
    remoteAllowed: r.remote_allowed === 1,
    parseProblem: r.parse_problem,
    threadId: r.thread_id,
    summary,
  }
}

/**
 * Bounds on what a list row keeps of a message's headers. Every list page crosses IPC, so a
 * hostile message with a megabyte-long Subject or ten thousand recipients must not make the list
 * heavy; the full headers stay in the stored source and are shown when the message is opened.
 */
export const ROW_LIMITS = { subject: 1000, addresses: 100, name: 200, address: 320, references: 100 } as const

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

function limitAddresses(list: MailAddress[]): MailAddress[] {
  return list.slice(0, ROW_LIMITS.addresses).map((a) => {
    const address = clip(a.address, ROW_LIMITS.address)
    return a.name === undefined ? { address } : { name: clip(a.name, ROW_LIMITS.name), address }
  })
}

const addressJson = (list: MailAddress[]): string =>
  list.length === 0 ? '[]' : JSON.stringify(limitAddresses(list))

/** Positional parameters of the insert (positional binding is measurably faster than named for bulk inserts). */
export function rowParams(mailboxId: number, accountId: string, h: HeaderRow, threadId: number): unknown[] {
  return [
    mailboxId,
    accountId,
    h.uid,
    h.flags.seen ? 1 : 0,
    h.flags.flagged ? 1 : 0,
    h.flags.answered ? 1 : 0,
    h.flags.draft ? 1 : 0,
    h.keywords.length ? JSON.stringify(h.keywords) : null,
    clip(h.subject, ROW_LIMITS.subject),
    addressJson(h.from),
    addressJson(h.to),
    addressJson(h.cc),
    h.date,
    h.receivedAt,
    h.size,
    h.hasAttachments ? 1 : 0,
    h.messageId,
    h.inReplyTo,
    // The newest references matter for threading (RFC 5322 §3.6.4: the parent's id comes last).
    h.references.length ? h.references.slice(-ROW_LIMITS.references).join(' ') : null,
    threadId,
  ]
}
