import { migrate, type Db, type Migration } from './database'
import { isStorageFailure } from './storage-errors'

/**
 * Where messages in Trash and Junk came from (issue 15: "Restore" and "Not junk" put them back).
 * Its own migration feature, run after the mail schema it references.
 */
export const ORIGIN_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'mail_origins: the folder a message was in before it went to Trash or Junk',
    up: (db) => {
      db.exec(`
        CREATE TABLE mail_origins (
          -- The message's row in Trash/Junk. No foreign key: a placeholder row may be replaced by
          -- the synced one (a server without COPYUID), then the row is found by Message-ID.
          row_id INTEGER PRIMARY KEY,
          mailbox_id INTEGER NOT NULL REFERENCES mail_mailboxes(id) ON DELETE CASCADE,
          message_id TEXT,
          -- NULL once that folder is gone: Restore then uses the Inbox.
          origin_id INTEGER REFERENCES mail_mailboxes(id) ON DELETE SET NULL,
          created_at INTEGER NOT NULL
        );
        CREATE INDEX mail_origins_message ON mail_origins (mailbox_id, message_id);
      `)
    },
  },
]

export function createOriginRepo(db: Db) {
  migrate(db, 'mail-organize', ORIGIN_MIGRATIONS)
  const put = db.prepare(
    'INSERT OR REPLACE INTO mail_origins (row_id, mailbox_id, message_id, origin_id, created_at) VALUES (?, ?, ?, ?, ?)',
  )
  const byRow = db.prepare<[number], { origin_id: number | null }>(
    'SELECT origin_id FROM mail_origins WHERE row_id = ?',
  )
  const byMessage = db.prepare<[number, string], { origin_id: number | null }>(
    'SELECT origin_id FROM mail_origins WHERE mailbox_id = ? AND message_id = ? ORDER BY created_at DESC LIMIT 1',
  )
  const forget = db.prepare('DELETE FROM mail_origins WHERE row_id = ?')
  const rowInfo = db.prepare<[number], { mailbox_id: number; message_id: string | null }>(
    'SELECT mailbox_id, message_id FROM mail_origins WHERE row_id = ?',
  )
  // Entries whose message is gone from its folder (expunged, moved on elsewhere): kept no longer.
  // Housekeeping only: a store that cannot be written now (read-only, full) keeps them for the next
  // start, and the app still starts and says what is wrong (storage-readonly.test.ts).
  try {
    db.prepare(
      `DELETE FROM mail_origins WHERE row_id NOT IN (SELECT id FROM mail_messages)
         AND (message_id IS NULL OR NOT EXISTS (SELECT 1 FROM mail_messages m
              WHERE m.mailbox_id = mail_origins.mailbox_id AND m.message_id = mail_origins.message_id))`,
    ).run()
  } catch (err) {
    if (!isStorageFailure(err)) throw err
  }

  return {
    /** The message (row `rowId` in `mailboxId`) came from `originId`. */
    record(rowId: number, mailboxId: number, messageId: string | null, originId: number): void {
      put.run(rowId, mailboxId, messageId, originId, Date.now())
    },
    /** The folder the message came from: by its row, else by its Message-ID in that folder. */
    originOf(rowId: number, mailboxId: number, messageId: string | null): number | null {
      const hit = byRow.get(rowId) ?? (messageId ? byMessage.get(mailboxId, messageId) : undefined)
      return hit?.origin_id ?? null
    },
    forget(rowIds: readonly number[]): void {
      for (const id of rowIds) forget.run(id)
    },
    /** For tests: what is known of a row. */
    entry(rowId: number): { mailboxId: number; messageId: string | null } | undefined {
      const r = rowInfo.get(rowId)
      return r && { mailboxId: r.mailbox_id, messageId: r.message_id }
    },
  }
}

export type OriginRepo = ReturnType<typeof createOriginRepo>
