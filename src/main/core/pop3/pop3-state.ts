import type { Pop3Status } from '../../../shared/model/account'
import { migrate, type Db, type Migration } from '../store/database'

/** How messages on the server are told apart: UIDL, or a content hash when there is none. */
export type Pop3Identity = 'uidl' | 'content-hash'

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'POP3 retrieval state: which server messages are in the local store',
    up: (db) =>
      db.exec(`
        CREATE TABLE pop3_messages (
          account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
          -- The server's UIDL (RFC 1939 §7), or "sha256:<hex>" of the message when it has no UIDL.
          key TEXT NOT NULL,
          -- The local message: written in the same transaction that stored it.
          message_id TEXT NOT NULL,
          -- Epoch ms (the retrieval clock): "delete from the server after N days" counts from here.
          stored_at INTEGER NOT NULL,
          PRIMARY KEY (account_id, key)
        );
        CREATE TABLE pop3_status (
          account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
          identity TEXT NOT NULL CHECK (identity IN ('uidl', 'content-hash')),
          last_check_at INTEGER,
          -- JSON AppErrorData of the last failed check, NULL after a good one.
          last_error TEXT
        );`),
  },
]

export interface Pop3Record {
  key: string
  messageId: string
  storedAt: number
}

export type { Pop3Status }

/** The POP3 feature's own tables: what has been downloaded, per account. */
export interface Pop3State {
  records(accountId: string): Map<string, Pop3Record>
  /** Call inside the transaction that stored the message. */
  record(accountId: string, key: string, messageId: string, storedAt: number): void
  /** Forgets records whose message is no longer on the server (after a complete listing). */
  prune(accountId: string, onServer: ReadonlySet<string>): number
  status(accountId: string): Pop3Status | undefined
  setStatus(accountId: string, status: Pop3Status): void
}

export function createPop3State(db: Db): Pop3State {
  migrate(db, 'pop3', MIGRATIONS)
  const all = db.prepare<[string], { key: string; message_id: string; stored_at: number }>(
    'SELECT key, message_id, stored_at FROM pop3_messages WHERE account_id = ?',
  )
  const insert = db.prepare(
    'INSERT INTO pop3_messages (account_id, key, message_id, stored_at) VALUES (?, ?, ?, ?)',
  )
  const remove = db.prepare('DELETE FROM pop3_messages WHERE account_id = ? AND key = ?')
  const getStatus = db.prepare<
    [string],
    { identity: Pop3Identity; last_check_at: number | null; last_error: string | null }
  >('SELECT identity, last_check_at, last_error FROM pop3_status WHERE account_id = ?')
  const putStatus = db.prepare(
    `INSERT INTO pop3_status (account_id, identity, last_check_at, last_error) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET identity = excluded.identity,
       last_check_at = excluded.last_check_at, last_error = excluded.last_error`,
  )
  return {
    records(accountId) {
      const map = new Map<string, Pop3Record>()
      for (const r of all.all(accountId)) {
        map.set(r.key, { key: r.key, messageId: r.message_id, storedAt: r.stored_at })
      }
      return map
    },
    record(accountId, key, messageId, storedAt) {
      insert.run(accountId, key, messageId, storedAt)
    },
    prune(accountId, onServer) {
      const gone = all.all(accountId).filter((r) => !onServer.has(r.key))
      db.transaction(() => gone.forEach((r) => remove.run(accountId, r.key)))()
      return gone.length
    },
    status(accountId) {
      const row = getStatus.get(accountId)
      if (!row) return undefined
      return { identity: row.identity, lastCheckAt: row.last_check_at, lastError: row.last_error }
    },
    setStatus(accountId, s) {
      putStatus.run(accountId, s.identity, s.lastCheckAt, s.lastError)
    },
  }
}
