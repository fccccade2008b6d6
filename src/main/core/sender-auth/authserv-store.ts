/**
 * Per account: the authserv-id of its own receiving server (RFC 8601 §2.5), learned from its mail
 * or set by the person, whose Authentication-Results are the only ones believed.
 */
import { migrate, type Db, type Migration } from '../store/database'

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "the account's receiving server's authserv-id",
    up: (db) =>
      db.exec(`CREATE TABLE sender_auth_server (
        account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        authserv_id TEXT,
        -- 'settings': set by the person (wins); 'learned': from the account's Inbox.
        origin TEXT NOT NULL CHECK (origin IN ('settings', 'learned')),
        at INTEGER NOT NULL
      );`),
  },
]

export interface AuthservSetting {
  authservId: string | null
  origin: 'settings' | 'learned'
}

export function createAuthservStore(db: Db) {
  migrate(db, 'sender-auth', MIGRATIONS)
  const get = db.prepare<[string], { authserv_id: string | null; origin: 'settings' | 'learned' }>(
    'SELECT authserv_id, origin FROM sender_auth_server WHERE account_id = ?',
  )
  const put = db.prepare(`INSERT INTO sender_auth_server (account_id, authserv_id, origin, at)
    VALUES (?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET authserv_id = excluded.authserv_id,
    origin = excluded.origin, at = excluded.at`)
  const clear = db.prepare('DELETE FROM sender_auth_server WHERE account_id = ?')
  return {
    get(accountId: string): AuthservSetting | null {
      const r = get.get(accountId)
      return r ? { authservId: r.authserv_id, origin: r.origin } : null
    },
    /** What the person set; null gives the account back to learning. */
    setByPerson(accountId: string, authservId: string | null): void {
      if (authservId === null) clear.run(accountId)
      else put.run(accountId, authservId.trim().toLowerCase(), 'settings', Date.now())
    },
    /** Learned: never over what the person set. */
    setLearned(accountId: string, authservId: string): void {
      if (get.get(accountId)?.origin === 'settings') return
      put.run(accountId, authservId, 'learned', Date.now())
    },
  }
}

export type AuthservStore = ReturnType<typeof createAuthservStore>
