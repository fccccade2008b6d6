import type { Db, Migration } from '../store/database'
import { migrate } from '../store/database'

/** The settings' own table, migrated as its own feature ('app-settings'): JSON values by key. */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'app_settings: the Settings page, one JSON value per key',
    up: (db) => db.exec('CREATE TABLE app_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)'),
  },
]

export interface SettingsStore {
  /** Every stored key with its parsed value (a value that is not JSON is left out). */
  readAll(): Map<string, unknown>
  write(values: Record<string, unknown>): void
}

export function createSettingsStore(db: Db): SettingsStore {
  migrate(db, 'app-settings', MIGRATIONS)
  const all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM app_settings')
  const put = db.prepare<[string, string]>(
    'INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  )
  return {
    readAll() {
      const out = new Map<string, unknown>()
      for (const row of all.all()) {
        try {
          out.set(row.key, JSON.parse(row.value))
        } catch {
          // Not ours (a hand edit, a torn value): the default applies.
        }
      }
      return out
    },
    write: db.transaction((values: Record<string, unknown>) => {
      for (const [key, value] of Object.entries(values)) put.run(key, JSON.stringify(value))
    }),
  }
}
