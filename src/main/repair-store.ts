/**
 * Repairs a damaged store, as the person chose at start-up (start-app.ts). Either way the damaged
 * file is kept aside, never deleted, and what it still holds of the data that exists only on this
 * computer (accounts, drafts, unsent messages) is copied into the new store; mail on the servers is
 * downloaded again.
 *
 * - restore: the newest rolling backup (core/store/store-backup.ts) goes into place; its cached
 *   server mail and queued actions are dropped (they are a day old), and its unsent messages are
 *   treated as "may have been sent" (outbox-restore.ts), then newer rows come from the damaged file.
 * - start over: an empty store with the rows that can still be read.
 */
import { createAccountStore } from './core/accounts/account-store'
import { createDraftStore } from './core/drafts/draft-store'
import { dropServerCache } from './core/store/mail-restore'
import { OUTBOX_TABLES, settleRestoredOutbox } from './core/outbox/outbox-restore'
import { createOutboxStore } from './core/outbox/outbox-store'
import { openDatabase, type Db } from './core/store/database'
import type { BackupInfo } from './core/store/store-backup'
import { restoreFrom, salvageRows, setAside, type SalvageReport } from './core/store/store-repair'

/** The tables holding what exists only here, parents first (POP3 folders come from backups only). */
export const LOCAL_ONLY_TABLES = ['accounts', 'drafts', 'draft_attachments', ...OUTBOX_TABLES] as const

export interface RepairResult {
  /** Where the damaged store was kept. */
  keptAs: string
  restoredFrom: BackupInfo | null
  salvage: SalvageReport
}

export function repairStore(file: string, backup: BackupInfo | null, now = Date.now()): RepairResult {
  const keptAs = setAside(file, now)
  let db: Db
  if (backup) {
    restoreFrom(backup.file, file)
    db = openDatabase(file)
    settleRestoredOutbox(db, now)
    dropServerCache(db)
  } else {
    db = openDatabase(file)
    // The tables the salvaged rows go into; the other features create theirs when the app starts.
    createAccountStore(db)
    createDraftStore(db)
    createOutboxStore(db)
  }
  try {
    return { keptAs, restoredFrom: backup, salvage: salvageRows(db, keptAs, LOCAL_ONLY_TABLES) }
  } finally {
    db.close()
  }
}
