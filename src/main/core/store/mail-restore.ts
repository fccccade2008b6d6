import type { Db } from './database'

/**
 * After the store was restored from a backup (start-up repair): the cached copy of the servers'
 * mail is a day old and its queue of actions may already have been replayed, so both are dropped
 * and the engine downloads the folders again. Local folders (POP3 accounts) exist only here and
 * stay as the backup has them.
 */
export function dropServerCache(db: Db): void {
  // A backup from an older version may lack a table: its migration creates it afterwards.
  const has = (table: string) =>
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined
  db.transaction(() => {
    if (has('mail_actions_in_flight')) db.exec('DELETE FROM mail_actions_in_flight')
    if (has('mail_actions')) db.exec('DELETE FROM mail_actions')
    // Cascades to the messages and their sources (foreign keys), and the search index's trigger.
    if (has('mail_mailboxes')) db.exec('DELETE FROM mail_mailboxes WHERE is_local = 0')
  })()
}
