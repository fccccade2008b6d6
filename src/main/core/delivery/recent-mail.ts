/**
 * The newest rows of a mailbox, read straight from the store for the report watcher. Not through
 * the mail service's listMessages: that call means "the person opened this folder" and may start a
 * sync of it, which the watcher (run on every Inbox change) must not do.
 */
import type { MessageSummary } from '../../../shared/model/mail'
import type { Db } from '../store/database'
import { toSummary, type MessageRow } from '../store/message-rows'

export function createRecentMail(db: Db) {
  // The list index (mailbox_id, hidden, date DESC, uid DESC, id DESC) serves this without sorting.
  const newest = db.prepare<[number, number], MessageRow>(
    `SELECT * FROM mail_messages WHERE mailbox_id = ? AND hidden = 0
     ORDER BY date DESC, uid DESC, id DESC LIMIT ?`,
  )
  return (mailboxId: string, limit: number): MessageSummary[] => {
    const id = Number(mailboxId)
    return Number.isSafeInteger(id) ? newest.all(id, limit).map((r) => toSummary(r)) : []
  }
}
