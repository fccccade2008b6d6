import Database from 'better-sqlite3'
import { storageError, storageFailure } from './storage-errors'

export type Db = Database.Database

/** The store's file name inside the app's data folder. */
export const STORE_FILE = 'mailroom.sqlite'

/** One schema change. `up` runs inside a transaction together with the version bump. */
export interface Migration {
  version: number
  description: string
  up: (db: Db) => void
}

/**
 * Opens (creating if needed) the local SQLite store. WAL lets readers (the UI's queries) proceed
 * while the sync engine writes; foreign keys keep per-account rows from outliving their account.
 */
export function openDatabase(file: string): Db {
  let db: Db | undefined
  try {
    db = new Database(file)
    // The first statements are where a damaged or unreadable file shows (SQLITE_NOTADB,
    // SQLITE_CORRUPT, SQLITE_CANTOPEN): they are storage failures like the open itself.
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      feature TEXT NOT NULL,
      version INTEGER NOT NULL,
      description TEXT NOT NULL,
      applied_at INTEGER NOT NULL,
      PRIMARY KEY (feature, version)
    )`)
    return db
  } catch (cause) {
    db?.close()
    throw storageFailure(cause) ?? storageError('cannot-open', { cause })
  }
}

/**
 * Applies a feature's migrations that have not run yet, in order, each in its own transaction.
 * Every feature (accounts, mail, outbox, ...) owns a numbered list of its own, so features grow
 * their tables independently; features that reference another's tables migrate after it.
 */
export function migrate(db: Db, feature: string, migrations: readonly Migration[]): number {
  const sorted = [...migrations].sort((a, b) => a.version - b.version)
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`${feature}: migration versions must be 1..n without gaps`)
  })
  const row = db
    .prepare('SELECT MAX(version) AS v FROM schema_migrations WHERE feature = ?')
    .get(feature) as { v: number | null }
  const current = row.v ?? 0
  if (current > sorted.length) {
    throw storageError('newer-version', {
      message: `The local store was written by a newer version of the app (${feature} schema ${current})`,
    })
  }
  const record = db.prepare(
    'INSERT INTO schema_migrations (feature, version, description, applied_at) VALUES (?, ?, ?, ?)',
  )
  for (const m of sorted.slice(current)) {
    db.transaction(() => {
      m.up(db)
      record.run(feature, m.version, m.description, Date.now())
    })()
  }
  return sorted.length
}
