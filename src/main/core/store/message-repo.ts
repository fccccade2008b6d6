import { AppError } from '../../../shared/errors'
import type { MailAddress, MessageSummary } from '../../../shared/model/mail'
import type { Db } from './database'
import type { ThreadIndex } from './thread-index'
import {
  rowParams,
  toRecord,
  toSummary,
  type HeaderRow,
  type MessageRecord,
  type MessageRow,
  type ServerFlags,
} from './message-rows'

export { joinFlags, splitFlags } from './message-rows'
export type { HeaderFields, HeaderRow, MessageRecord, ServerFlags } from './message-rows'

export interface MessageRepoDeps {
  threads: ThreadIndex
  /** Told that an insert stored rows (inside its transaction). */
  onInserted?: () => void
}

export function createMessageRepo(db: Db, deps: MessageRepoDeps) {
  const { threads } = deps
  const insert = db.prepare(
    `INSERT OR IGNORE INTO mail_messages (mailbox_id, account_id, uid, seen, flagged, answered, draft, keywords,
       subject, from_json, to_json, cc_json, date, received_at, size, has_attachments, message_id, in_reply_to, refs,
       thread_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  /** Threads the row, then inserts it (false: that UID is stored already). */
  const insertOne = (mailboxId: number, accountId: string, h: HeaderRow) =>
    insert.run(...rowParams(mailboxId, accountId, h, threads.assign(accountId, h)))
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
      return db.transaction(() => {
        const info = insertOne(mailboxId, accountId, h)
        if (info.changes === 0) return null
        deps.onInserted?.()
        return Number(info.lastInsertRowid)
      })()
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
          if (insertOne(mailboxId, accountId, h).changes > 0) {
            inserted++
            if (!h.flags.seen) unseen++
          }
        }
        if (inserted > 0) deps.onInserted?.()
      })()
      return { inserted, unseen }
    },
    page(mailboxId: number, offset: number, limit: number): MessageSummary[] {
      const sizes = new Map<number, number>()
      return page.all(mailboxId, limit, offset).map((r) => {
        if (r.thread_id === null) return toSummary(r)
        let size = sizes.get(r.thread_id)
        if (size === undefined) sizes.set(r.thread_id, (size = threads.size(r.thread_id)))
        return toSummary(r, size)
      })
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
