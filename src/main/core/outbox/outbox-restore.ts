import type { Db } from '../store/database'

/**
 * After the store was restored from a backup (start-up repair): a message that was queued or
 * being sent when the backup was taken may have been sent since. It must never be sent twice
 * automatically, so it is treated as one whose end of data may have reached the server: the
 * outbox's start looks for it in the Sent folder (found: sent) and otherwise shows it as "may
 * have been sent" for the person to settle (docs/architecture.md, Outbox).
 */
export function settleRestoredOutbox(db: Db, now = Date.now()): number {
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'").get()) return 0
  return db
    .prepare("UPDATE outbox SET state = 'committing', updated_at = ? WHERE state IN ('queued', 'sending')")
    .run(now).changes
}

/** The outbox's tables, parents first, for copying rows out of a damaged store. */
export const OUTBOX_TABLES = ['outbox', 'outbox_messages', 'outbox_settings'] as const
