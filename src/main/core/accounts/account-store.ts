import { AppError } from '../../../shared/errors'
import type { Account } from '../../../shared/model/account'
import { migrate, type Db, type Migration } from '../store/database'

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'accounts',
    up: (db) =>
      db.exec(`CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        -- Everything but the id, as JSON: settings change shape more often than they are queried.
        -- Never holds a password (those live in the SecretStore).
        settings TEXT NOT NULL,
        created_at INTEGER NOT NULL
      )`),
  },
]

/** Persistence of account settings in the local store. */
export interface AccountStore {
  /** In the order the person added them. */
  list(): Account[]
  get(id: string): Account | undefined
  insert(account: Account): void
  update(account: Account): void
  remove(id: string): boolean
}

export function createAccountStore(db: Db): AccountStore {
  migrate(db, 'accounts', MIGRATIONS)
  const toAccount = (row: { id: string; settings: string }): Account => ({
    ...(JSON.parse(row.settings) as Omit<Account, 'id'>),
    id: row.id,
  })
  const settingsOf = ({ id: _id, ...rest }: Account): string => JSON.stringify(rest)
  const listStmt = db.prepare<[], { id: string; settings: string }>(
    'SELECT id, settings FROM accounts ORDER BY position, created_at',
  )
  const getStmt = db.prepare<[string], { id: string; settings: string }>(
    'SELECT id, settings FROM accounts WHERE id = ?',
  )
  const insertStmt = db.prepare(
    'INSERT INTO accounts (id, position, settings, created_at) VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM accounts), ?, ?)',
  )
  const updateStmt = db.prepare('UPDATE accounts SET settings = ? WHERE id = ?')
  const removeStmt = db.prepare('DELETE FROM accounts WHERE id = ?')
  return {
    list: () => listStmt.all().map(toAccount),
    get: (id) => {
      const row = getStmt.get(id)
      return row ? toAccount(row) : undefined
    },
    insert: (account) => void insertStmt.run(account.id, settingsOf(account), account.createdAt),
    update: (account) => {
      if (updateStmt.run(settingsOf(account), account.id).changes === 0) {
        throw new AppError('ACCOUNT_NOT_FOUND', `No account ${account.id}`, {
          detail: { field: 'accountId' },
        })
      }
    },
    remove: (id) => removeStmt.run(id).changes > 0,
  }
}
