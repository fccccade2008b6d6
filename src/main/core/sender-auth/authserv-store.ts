/**
 * Per account: the authserv-id of its own receiving server (RFC 8601 §2.5), learned from its mail
 * or set by the person, whose Authentication-Results are the only ones believed.
 */
import { migrate, type Db, type Migration } from '../store/database'
import { AppError } from '../../../shared/errors'
import type { AuthservSetting } from '../../../shared/model/sender-auth'
import type { InboxSample } from './learn-authserv'

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
      );
      -- What the Inbox messages the person opened carried on top (learn-authserv.ts).
      CREATE TABLE sender_auth_sample (
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        message_key TEXT NOT NULL,
        top_id TEXT,
        from_address TEXT,
        at INTEGER NOT NULL,
        PRIMARY KEY (account_id, message_key)
      );`),
  },
]

/** How many of the newest samples per account learning looks at. */
const SAMPLES_KEPT = 50

export type { AuthservSetting }

export function createAuthservStore(db: Db) {
  migrate(db, 'sender-auth', MIGRATIONS)
  const get = db.prepare<[string], { authserv_id: string | null; origin: 'settings' | 'learned' }>(
    'SELECT authserv_id, origin FROM sender_auth_server WHERE account_id = ?',
  )
  const put = db.prepare(`INSERT INTO sender_auth_server (account_id, authserv_id, origin, at)
    VALUES (?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET authserv_id = excluded.authserv_id,
    origin = excluded.origin, at = excluded.at`)
  const clear = db.prepare('DELETE FROM sender_auth_server WHERE account_id = ?')
  const account = db.prepare<[string], number>('SELECT 1 FROM accounts WHERE id = ?').pluck()
  const addSample = db.prepare(`INSERT OR IGNORE INTO sender_auth_sample
    (account_id, message_key, top_id, from_address, at) VALUES (?, ?, ?, ?, ?)`)
  const prune = db.prepare(`DELETE FROM sender_auth_sample WHERE account_id = ? AND message_key NOT IN
    (SELECT message_key FROM sender_auth_sample WHERE account_id = ? ORDER BY at DESC LIMIT ${SAMPLES_KEPT})`)
  const samples = db.prepare<[string], { top_id: string | null; from_address: string | null }>(
    'SELECT top_id, from_address FROM sender_auth_sample WHERE account_id = ? ORDER BY at DESC',
  )
  return {
    /** What an Inbox message carried on top; the newest SAMPLES_KEPT are kept. */
    addSample(accountId: string, messageKey: string, sample: InboxSample): void {
      db.transaction(() => {
        addSample.run(accountId, messageKey, sample.topId, sample.fromAddress, Date.now())
        prune.run(accountId, accountId)
      })()
    },
    samples: (accountId: string): InboxSample[] =>
      samples.all(accountId).map((r) => ({ topId: r.top_id, fromAddress: r.from_address })),
    get(accountId: string): AuthservSetting | null {
      const r = get.get(accountId)
      return r ? { authservId: r.authserv_id, origin: r.origin } : null
    },
    /** What the person set; null gives the account back to learning. */
    setByPerson(accountId: string, authservId: string | null): void {
      // A typed answer for an unknown account, not the foreign key's failure.
      if (account.get(accountId) === undefined) {
        throw new AppError('ACCOUNT_NOT_FOUND', `No account ${accountId}`, { detail: { field: 'accountId' } })
      }
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
