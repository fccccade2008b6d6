import type { OfflineBodiesPolicy } from '../../../shared/model/search'
import type { Db } from './database'
import { toRecord, type MessageRecord, type MessageRow } from './message-rows'

/** Which bodies an account keeps offline: those of the last `days` days, or all of them. */
export type OfflineBodies = OfflineBodiesPolicy

export const DEFAULT_OFFLINE_BODIES: OfflineBodies = { days: 90 }
/** Larger messages are left to be fetched when opened (a video attachment is not searched). */
export const OFFLINE_BODY_MAX_BYTES = 25 * 1024 * 1024
const DAY_MS = 86_400_000

/** Where a walk over the bodies to download stands: the last row handed out (newest first). */
export interface OfflineCursor {
  date: number
  id: number
}

/**
 * The next server messages of an account whose bodies should be stored and are not, newest first
 * (keyset pages after `cursor`, so a message that cannot be fetched is passed over, not retried
 * for ever, within one walk). Nothing is remembered between walks: what is left is simply the
 * rows still without a source, so a download stopped by a quit or a lost connection resumes.
 */
export function bodiesToDownload(
  db: Db,
  accountId: string,
  policy: OfflineBodies,
  cursor: OfflineCursor | null,
  limit: number,
  now = Date.now(),
): MessageRecord[] {
  const since = policy === 'all' ? Number.MIN_SAFE_INTEGER : now - policy.days * DAY_MS
  const at = cursor ?? { date: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER }
  return db
    .prepare<unknown[], MessageRow>(
      `SELECT m.* FROM mail_messages m JOIN mail_mailboxes b ON b.id = m.mailbox_id
       WHERE m.account_id = ? AND m.has_source = 0 AND m.uid IS NOT NULL AND m.hidden = 0
         AND b.is_local = 0 AND m.size <= ? AND m.date >= ?
         AND (m.date < ? OR (m.date = ? AND m.id < ?))
       ORDER BY m.date DESC, m.id DESC LIMIT ?`,
    )
    .all(accountId, OFFLINE_BODY_MAX_BYTES, since, at.date, at.date, at.id, limit)
    .map(toRecord)
}

/** Bytes of stored bodies (raw sources) of one account: what keeping mail offline costs. */
export function offlineBodyBytes(db: Db, accountId: string): number {
  return (
    db
      .prepare<[string], number | null>(
        `SELECT SUM(length(s.data)) FROM mail_sources s
         JOIN mail_messages m ON m.id = s.message_id WHERE m.account_id = ?`,
      )
      .pluck()
      .get(accountId) ?? 0
  )
}
