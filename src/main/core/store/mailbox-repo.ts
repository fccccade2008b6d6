import { AppError } from '../../../shared/errors'
import type { Mailbox, MailboxRole } from '../../../shared/model/mail'
import type { Db } from './database'

/** A mailbox row as the engine sees it (the UI gets `Mailbox`). */
export interface MailboxRecord {
  id: number
  accountId: string
  path: string
  name: string
  parentPath: string | null
  delimiter: string | null
  role: MailboxRole | null
  selectable: boolean
  isLocal: boolean
  uidValidity: number | null
  uidNext: number | null
  highestModseq: bigint | null
  statusTotal: number | null
  statusUnread: number | null
  syncedAt: number | null
}

interface MailboxRow {
  id: number
  account_id: string
  path: string
  name: string
  parent_path: string | null
  delimiter: string | null
  role: string | null
  selectable: number
  is_local: number
  uid_validity: number | null
  uid_next: number | null
  highest_modseq: string | null
  status_total: number | null
  status_unread: number | null
  synced_at: number | null
}

/** What the folder listing knows about a mailbox. */
export interface MailboxListing {
  path: string
  name: string
  parentPath: string | null
  delimiter: string | null
  role: MailboxRole | null
  selectable: boolean
  statusTotal: number | null
  statusUnread: number | null
}

const ROLE_ORDER: readonly MailboxRole[] = ['inbox', 'drafts', 'sent', 'archive', 'junk', 'trash']

function toRecord(r: MailboxRow): MailboxRecord {
  return {
    id: r.id,
    accountId: r.account_id,
    path: r.path,
    name: r.name,
    parentPath: r.parent_path,
    delimiter: r.delimiter,
    role: r.role as MailboxRole | null,
    selectable: r.selectable === 1,
    isLocal: r.is_local === 1,
    uidValidity: r.uid_validity,
    uidNext: r.uid_next,
    highestModseq: r.highest_modseq === null ? null : BigInt(r.highest_modseq),
    statusTotal: r.status_total,
    statusUnread: r.status_unread,
    syncedAt: r.synced_at,
  }
}

/** Folder display order: the Inbox and the special-use folders first, then the rest by path. */
export function sortMailboxes<T extends { role: MailboxRole | null; path: string }>(list: T[]): T[] {
  const rank = (m: T) => {
    const i = m.role ? ROLE_ORDER.indexOf(m.role) : -1
    return i === -1 ? ROLE_ORDER.length : i
  }
  return [...list].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path))
}

export function createMailboxRepo(db: Db) {
  const byId = db.prepare<[number], MailboxRow>('SELECT * FROM mail_mailboxes WHERE id = ?')
  const byAccount = db.prepare<[string], MailboxRow>('SELECT * FROM mail_mailboxes WHERE account_id = ?')
  const byPath = db.prepare<[string, string], MailboxRow>(
    'SELECT * FROM mail_mailboxes WHERE account_id = ? AND path = ?',
  )
  const counts = db.prepare<[number, number], { total: number; unread: number }>(
    `SELECT (SELECT COUNT(*) FROM mail_messages WHERE mailbox_id = ? AND hidden = 0) AS total,
            (SELECT COUNT(*) FROM mail_messages WHERE mailbox_id = ? AND seen = 0 AND hidden = 0) AS unread`,
  )
  const insert = db.prepare(
    `INSERT INTO mail_mailboxes (account_id, path, name, parent_path, delimiter, role, selectable, is_local,
       status_total, status_unread)
     VALUES (@accountId, @path, @name, @parentPath, @delimiter, @role, @selectable, @isLocal, @statusTotal, @statusUnread)`,
  )
  const updateListing = db.prepare(
    `UPDATE mail_mailboxes SET path = @path, name = @name, parent_path = @parentPath, delimiter = @delimiter,
       role = @role, selectable = @selectable, status_total = @statusTotal, status_unread = @statusUnread
     WHERE id = @id`,
  )
  const remove = db.prepare('DELETE FROM mail_mailboxes WHERE id = ?')

  const repo = {
    get(id: number): MailboxRecord | undefined {
      const row = byId.get(id)
      return row ? toRecord(row) : undefined
    },
    require(id: number): MailboxRecord {
      const m = repo.get(id)
      if (!m) throw new AppError('MAILBOX_NOT_FOUND', `No mailbox ${id}`, { detail: { field: 'mailboxId' } })
      return m
    },
    list(accountId: string): MailboxRecord[] {
      return sortMailboxes(byAccount.all(accountId).map(toRecord))
    },
    byPath(accountId: string, path: string): MailboxRecord | undefined {
      const row = byPath.get(accountId, path)
      return row ? toRecord(row) : undefined
    },
    byRole(accountId: string, role: MailboxRole): MailboxRecord | undefined {
      return repo.list(accountId).find((m) => m.role === role && m.selectable)
    },
    /** The UI's view: local counts once a complete sync happened, the server's STATUS before. */
    toMailbox(m: MailboxRecord): Mailbox {
      const local = counts.get(m.id, m.id) ?? { total: 0, unread: 0 }
      const useStatus = !m.isLocal && m.syncedAt === null && m.statusTotal !== null
      return {
        id: String(m.id),
        accountId: m.accountId,
        path: m.path,
        name: m.name,
        parentPath: m.parentPath,
        role: m.role,
        unread: useStatus ? (m.statusUnread ?? 0) : local.unread,
        total: useStatus ? (m.statusTotal ?? 0) : local.total,
        selectable: m.selectable,
      }
    },
    insert(accountId: string, listing: MailboxListing, isLocal = false): number {
      const info = insert.run({
        accountId,
        ...listing,
        selectable: listing.selectable ? 1 : 0,
        isLocal: isLocal ? 1 : 0,
      })
      return Number(info.lastInsertRowid)
    },
    updateListing(id: number, listing: MailboxListing): void {
      updateListing.run({ id, ...listing, selectable: listing.selectable ? 1 : 0 })
    },
    remove(id: number): void {
      remove.run(id)
    },
    /** A new UIDVALIDITY (RFC 3501 §2.3.1.1): every cached UID of the mailbox is meaningless. */
    resetSyncState(id: number, uidValidity: number): void {
      db.prepare('DELETE FROM mail_messages WHERE mailbox_id = ? AND uid IS NOT NULL').run(id)
      db.prepare(
        `UPDATE mail_mailboxes SET uid_validity = ?, uid_next = NULL, highest_modseq = NULL, synced_at = NULL
         WHERE id = ?`,
      ).run(uidValidity, id)
    },
    /** Records a completed sync; `highestModseq` null keeps CHANGEDSINCE from skipping anything next time. */
    markSynced(id: number, s: { uidNext: number | null; highestModseq: bigint | null }): void {
      db.prepare(
        'UPDATE mail_mailboxes SET uid_next = ?, highest_modseq = ?, synced_at = ? WHERE id = ?',
      ).run(s.uidNext, s.highestModseq === null ? null : s.highestModseq.toString(), Date.now(), id)
    },
    /** Makes the next sync compare every flag (after a refused flag change was undone locally). */
    forgetModseq(id: number): void {
      db.prepare('UPDATE mail_mailboxes SET highest_modseq = NULL WHERE id = ?').run(id)
    },
    /** Deletes an account's mailboxes; their messages and sources go with them (ON DELETE CASCADE). */
    purgeAccount(accountId: string): void {
      db.prepare('DELETE FROM mail_mailboxes WHERE account_id = ?').run(accountId)
      db.prepare('DELETE FROM mail_remote_senders WHERE account_id = ?').run(accountId)
      db.prepare('DELETE FROM mail_actions WHERE account_id = ?').run(accountId)
    },
    accountIds(): string[] {
      return db
        .prepare<[], { account_id: string }>('SELECT DISTINCT account_id FROM mail_mailboxes')
        .all()
        .map((r) => r.account_id)
    },
  }
  return repo
}

export type MailboxRepo = ReturnType<typeof createMailboxRepo>
