/**
 * A minimal, real SQLite implementation of the LocalMailTarget port for POP3 tests, standing in
 * for the mail store (built on another branch): local mailboxes, messages whose raw source is moved
 * into a folder, and local deletion. Same database, so retrieval's transaction covers it.
 */
import { randomUUID } from 'node:crypto'
import { renameSync } from 'node:fs'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LocalMailboxes, LocalMailTarget } from '../../../src/main/core/pop3/local-mail-target'
import type { Db } from '../../../src/main/core/store/database'

export interface TestMailTarget extends LocalMailTarget {
  /** Raw sources of a mailbox's messages, in insertion order. */
  sources(mailboxId: string): Buffer[]
  ids(mailboxId: string): string[]
  deleteLocally(messageId: string): void
}

export function createTestMailTarget(db: Db, dir: string): TestMailTarget {
  mkdirSync(dir, { recursive: true })
  db.exec(`
    CREATE TABLE IF NOT EXISTS t_mailboxes (id TEXT PRIMARY KEY, account_id TEXT NOT NULL, role TEXT NOT NULL,
      UNIQUE (account_id, role));
    CREATE TABLE IF NOT EXISTS t_messages (id TEXT PRIMARY KEY, mailbox_id TEXT NOT NULL REFERENCES t_mailboxes(id),
      file TEXT NOT NULL, received_at INTEGER NOT NULL, seq INTEGER NOT NULL);`)
  const roles = ['inbox', 'sent', 'drafts', 'trash'] as const
  return {
    ensureLocalMailboxes(accountId) {
      const boxes = {} as LocalMailboxes
      for (const role of roles) {
        db.prepare('INSERT OR IGNORE INTO t_mailboxes (id, account_id, role) VALUES (?, ?, ?)').run(
          randomUUID(),
          accountId,
          role,
        )
        const row = db
          .prepare<[string, string], { id: string }>(
            'SELECT id FROM t_mailboxes WHERE account_id = ? AND role = ?',
          )
          .get(accountId, role)
        boxes[role] = row!.id
      }
      return boxes
    },
    insertLocalMessage(mailboxId, sourceFile, meta) {
      const id = randomUUID()
      const file = join(dir, `${id}.eml`)
      renameSync(sourceFile, file)
      db.prepare(
        'INSERT INTO t_messages (id, mailbox_id, file, received_at, seq) VALUES (?, ?, ?, ?, (SELECT COUNT(*) FROM t_messages))',
      ).run(id, mailboxId, file, meta.receivedAt)
      return id
    },
    syncToDisk() {
      db.pragma('wal_checkpoint(FULL)')
    },
    messageExists(messageId) {
      return db.prepare('SELECT 1 FROM t_messages WHERE id = ?').get(messageId) !== undefined
    },
    ids(mailboxId) {
      return db
        .prepare<[string], { id: string }>('SELECT id FROM t_messages WHERE mailbox_id = ? ORDER BY seq')
        .all(mailboxId)
        .map((r) => r.id)
    },
    sources(mailboxId) {
      return db
        .prepare<[string], { file: string }>('SELECT file FROM t_messages WHERE mailbox_id = ? ORDER BY seq')
        .all(mailboxId)
        .map((r) => readFileSync(r.file))
    },
    deleteLocally(messageId) {
      db.prepare('DELETE FROM t_messages WHERE id = ?').run(messageId)
    },
  }
}
