import { AppError } from '../../../shared/errors'
import type { OfflineBodiesInfo } from '../../../shared/model/search'
import { migrate, type Migration, type Db } from './database'
import { DEFAULT_OFFLINE_BODIES, offlineBodyBytes, type OfflineBodies } from './offline-bodies'

/**
 * Per account, which bodies are kept offline (issue 17 item 1): the last N days, or all mail.
 * Its own feature in schema_migrations (`offline-bodies`), migrated on first use by whichever
 * part asks first (the engine's download or the accounts page), after the mail tables exist.
 * An account without a row keeps the engine's default (the last 90 days). No foreign key: the
 * accounts table belongs to another feature. A removed account's row stays (a few bytes) and is
 * never read again: account ids are random UUIDs, never reused.
 */
export const OFFLINE_POLICY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'per-account offline body policy',
    up: (db) =>
      db.exec(`CREATE TABLE offline_policy (
        account_id TEXT PRIMARY KEY,
        days INTEGER CHECK (days IS NULL OR days > 0)
      ) WITHOUT ROWID`),
  },
]

const migrated = new WeakSet<Db>()
function ensure(db: Db): void {
  if (migrated.has(db)) return
  migrate(db, 'offline-bodies', OFFLINE_POLICY_MIGRATIONS)
  migrated.add(db)
}

/** The account's policy; `fallback` (the engine's option) when the person chose none. */
export function offlinePolicy(
  db: Db,
  accountId: string,
  fallback: OfflineBodies = DEFAULT_OFFLINE_BODIES,
): OfflineBodies {
  ensure(db)
  const row = db
    .prepare<[string], { days: number | null }>('SELECT days FROM offline_policy WHERE account_id = ?')
    .get(accountId)
  if (!row) return fallback
  return row.days === null ? 'all' : { days: row.days }
}

/** ACCOUNT_NOT_FOUND for an account that does not exist (the accounts table is the truth). */
export function setOfflinePolicy(db: Db, accountId: string, policy: OfflineBodies): void {
  ensure(db)
  if (!db.prepare('SELECT 1 FROM accounts WHERE id = ?').get(accountId)) {
    throw new AppError('ACCOUNT_NOT_FOUND', `No account ${accountId}`, { detail: { accountId } })
  }
  db.prepare('INSERT OR REPLACE INTO offline_policy (account_id, days) VALUES (?, ?)').run(
    accountId,
    policy === 'all' ? null : policy.days,
  )
}

/** What the accounts page shows: the policy and the bytes of bodies the account stores. */
export function offlineBodiesInfo(db: Db, accountId: string): OfflineBodiesInfo {
  return { policy: offlinePolicy(db, accountId), storedBytes: offlineBodyBytes(db, accountId) }
}
