import { AppError } from '../../../shared/errors'
import type { MailAddress, MessageFlags, MessageSummary } from '../../../shared/model/mail'
import type { Db } from '../store/database'

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
  summary: MessageSummary
}

interface MessageRow {
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

function parseList<T>(json: string | null): T[] {
  if (!json) return []
  try {
    return JSON.parse(json) as T[]
  } catch {
    return []
  }
}

function toSummary(r: MessageRow): MessageSummary {
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
  }
}

function toRecord(r: MessageRow): MessageRecord {
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
    summary,
  }
}

const addressJson = (list: MailAddress[]): string => (list.length === 0 ? '[]' : JSON.stringify(list))

/** Positional parameters of the insert (positional binding is measurably faster than named for bulk inserts). */
function rowParams(mailboxId: number, accountId: string, h: HeaderRow): unknown[] {
  return [
    mailboxId,
    accountId,
    h.uid,
    h.flags.seen ? 1 : 0,
    h.flags.flagged ? 1 : 0,
    h.flags.answered ? 1 : 0,
    h.flags.draft ? 1 : 0,
    h.keywords.length ? JSON.stringify(h.keywords) : null,
    h.subject,
    addressJson(h.from),
    addressJson(h.to),
    addressJson(h.cc),
    h.date,
    h.receivedAt,
    h.size,
    h.hasAttachments ? 1 : 0,
    h.messageId,
    h.inReplyTo,
    h.references.length ? h.references.join(' ') : null,
  ]
}

export function createMessageRepo(db: Db) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO mail_messages (mailbox_id, account_id, uid, seen, flagged, answered, draft, keywords,
       subject, from_json, to_json, cc_json, date, received_at, size, has_attachments, message_id, in_reply_to, refs)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const byId = db.prepare<[number], MessageRow>('SELECT * FROM mail_messages WHERE id = ?')
  const page = db.prepare<[number, number, number], MessageRow>(
    `SELECT * FROM mail_messages WHERE mailbox_id = ? AND hidden = 0
     ORDER BY date DESC, uid DESC, id DESC LIMIT ? OFFSET ?`,
  )
  const countVisible = db.prepare<[number], { n: number }>(
    'SELECT COUNT(*) AS n FROM mail_messages WHERE mailbox_id = ? AND hidden = 0',
  )
  const uids = db.prepare<[number], { uid: number }>(
    'SELECT uid FROM mail_messages WHERE mailbox_id = ? AND uid IS NOT NULL ORDER BY uid',
  )
  const byUid = db.prepare<
    [number, number],
    {
      id: number
      pending: number
      seen: number
      flagged: number
      answered: number
      draft: number
      keywords: string | null
    }
  >(
    'SELECT id, pending, seen, flagged, answered, draft, keywords FROM mail_messages WHERE mailbox_id = ? AND uid = ?',
  )
  const setFlags = db.prepare(
    `UPDATE mail_messages SET seen = @seen, flagged = @flagged, answered = @answered, draft = @draft,
       keywords = @keywords WHERE id = @id`,
  )
  const deleteUid = db.prepare('DELETE FROM mail_messages WHERE mailbox_id = ? AND uid = ?')

  const repo = {
    get(id: number): MessageRecord | undefined {
      const row = byId.get(id)
      return row ? toRecord(row) : undefined
    },
    require(id: number): MessageRecord {
      const m = repo.get(id)
      if (!m) throw new AppError('MESSAGE_NOT_FOUND', `No message ${id}`, { detail: { field: 'messageId' } })
      return m
    },
    /** Inserts one row and returns its id (or null when that UID is already stored). */
    insert(mailboxId: number, accountId: string, h: HeaderRow): number | null {
      const info = insert.run(...rowParams(mailboxId, accountId, h))
      return info.changes === 0 ? null : Number(info.lastInsertRowid)
    },
    /** Inserts header rows (existing UIDs are left alone: a resumed sync never duplicates). */
    insertMany(
      mailboxId: number,
      accountId: string,
      rows: readonly HeaderRow[],
    ): { inserted: number; unseen: number } {
      let inserted = 0
      let unseen = 0
      db.transaction(() => {
        for (const h of rows) {
          if (insert.run(...rowParams(mailboxId, accountId, h)).changes > 0) {
            inserted++
            if (!h.flags.seen) unseen++
          }
        }
      })()
      return { inserted, unseen }
    },
    page(mailboxId: number, offset: number, limit: number): MessageSummary[] {
      return page.all(mailboxId, limit, offset).map(toSummary)
    },
    countVisible(mailboxId: number): number {
      return countVisible.get(mailboxId)?.n ?? 0
    },
    /** Every stored UID of the mailbox (ascending), hidden rows included. */
    uids(mailboxId: number): number[] {
      return uids.all(mailboxId).map((r) => r.uid)
    },
    /** How many rows carry a UID, and the highest UID stored. */
    uidStats(mailboxId: number): { count: number; max: number } {
      const r = db
        .prepare<[number], { count: number; max: number | null }>(
          'SELECT COUNT(uid) AS count, MAX(uid) AS max FROM mail_messages WHERE mailbox_id = ?',
        )
        .get(mailboxId)
      return { count: r?.count ?? 0, max: r?.max ?? 0 }
    },
    /**
     * Applies flags the server reported. Rows with queued actions keep their local flags; the count
     * of those is returned so the caller does not record the mailbox as fully in step.
     */
    applyServerFlags(
      mailboxId: number,
      updates: readonly ({ uid: number } & ServerFlags)[],
    ): { skipped: number } {
      let skipped = 0
      db.transaction(() => {
        for (const u of updates) {
          const row = byUid.get(mailboxId, u.uid)
          if (!row) continue
          if (row.pending > 0) {
            skipped++
            continue
          }
          const keywords = u.keywords.length ? JSON.stringify(u.keywords) : null
          const f = u.flags
          if (
            row.seen === Number(f.seen) &&
            row.flagged === Number(f.flagged) &&
            row.answered === Number(f.answered) &&
            row.draft === Number(f.draft) &&
            row.keywords === keywords
          )
            continue
          setFlags.run({
            id: row.id,
            seen: Number(f.seen),
            flagged: Number(f.flagged),
            answered: Number(f.answered),
            draft: Number(f.draft),
            keywords,
          })
        }
      })()
      return { skipped }
    },
    deleteUids(mailboxId: number, list: readonly number[]): void {
      db.transaction(() => list.forEach((uid) => deleteUid.run(mailboxId, uid)))()
    },
    /** After the body was parsed: what the list can show without parsing again. */
    recordParse(
      id: number,
      p: { preview: string | null; hasAttachments: boolean; parseProblem: string | null },
    ): void {
      db.prepare(
        'UPDATE mail_messages SET preview = ?, has_attachments = ?, parse_problem = ? WHERE id = ?',
      ).run(p.preview, p.hasAttachments ? 1 : 0, p.parseProblem, id)
    },
    allowRemote(id: number): void {
      db.prepare('UPDATE mail_messages SET remote_allowed = 1 WHERE id = ?').run(id)
    },
    allowSender(accountId: string, address: string): void {
      db.prepare('INSERT OR IGNORE INTO mail_remote_senders (account_id, address) VALUES (?, ?)').run(
        accountId,
        address.toLowerCase(),
      )
    },
    senderAllowed(accountId: string, addresses: readonly MailAddress[]): boolean {
      const stmt = db.prepare('SELECT 1 FROM mail_remote_senders WHERE account_id = ? AND address = ?')
      return addresses.some((a) => stmt.get(accountId, a.address.toLowerCase()) !== undefined)
    },
    /** Of the mailbox's `limit` newest messages, those without a cached body (up to `maxSize`), for prefetching. */
    newestWithoutSource(mailboxId: number, limit: number, maxSize: number): MessageRecord[] {
      return db
        .prepare<[number, number, number], MessageRow>(
          `SELECT * FROM (
             SELECT * FROM mail_messages WHERE mailbox_id = ? AND hidden = 0
             ORDER BY date DESC, uid DESC, id DESC LIMIT ?
           ) WHERE has_source = 0 AND uid IS NOT NULL AND size <= ? ORDER BY date DESC, uid DESC, id DESC`,
        )
        .all(mailboxId, limit, maxSize)
        .map(toRecord)
    },
  }
  return repo
}

export type MessageRepo = ReturnType<typeof createMessageRepo>
