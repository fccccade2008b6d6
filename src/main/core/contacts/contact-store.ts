import type { MailAddress } from '../../../shared/model/mail'
import { addressKey } from '../../../shared/mail/addresses'
import { migrate, type Db, type Migration } from '../store/database'

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'contacts seen in mail and sent to',
    up: (db) =>
      db.exec(`CREATE TABLE contacts (
        key TEXT PRIMARY KEY,            -- addressKey(): case-insensitive, domain in ASCII
        address TEXT NOT NULL,
        name TEXT,
        sent_count INTEGER NOT NULL DEFAULT 0,
        seen_count INTEGER NOT NULL DEFAULT 0,
        last_used INTEGER NOT NULL
      );
      CREATE INDEX contacts_last_used ON contacts (last_used DESC);`),
  },
]

/** How an address was met: the person wrote to it, or it appeared in mail they received. */
export type ContactSource = 'sent' | 'seen'

/** An address met `count` times in stored mail, most recently at `lastAt`. */
export interface SeenAddress {
  address: MailAddress
  count: number
  lastAt: number
}

/**
 * Addresses for autocomplete. The outbox records recipients on send; the mail store records the
 * From, To and Cc of every message it stores (aggregated per batch: one write per address).
 */
export interface ContactStore {
  record(addresses: readonly MailAddress[], source: ContactSource, at?: number): void
  recordSeen(entries: readonly SeenAddress[]): void
  /** Best first: addresses written to rank above addresses only seen, then by recency. */
  suggest(query: string, limit: number): MailAddress[]
}

export function createContactStore(db: Db): ContactStore {
  migrate(db, 'contacts', MIGRATIONS)
  const upsert = db.prepare(`INSERT INTO contacts (key, address, name, sent_count, seen_count, last_used)
    VALUES (@key, @address, @name, @sent, @seen, @at)
    ON CONFLICT (key) DO UPDATE SET
      name = COALESCE(excluded.name, contacts.name),
      sent_count = contacts.sent_count + excluded.sent_count,
      seen_count = contacts.seen_count + excluded.seen_count,
      last_used = MAX(contacts.last_used, excluded.last_used)`)
  const search = db.prepare<[string, string, number], { address: string; name: string | null }>(
    `SELECT address, name FROM contacts
     WHERE address LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\'
     ORDER BY (sent_count > 0) DESC, sent_count * 3 + seen_count DESC, last_used DESC
     LIMIT ?`,
  )
  const upsertAll = db.transaction((entries: readonly SeenAddress[], source: ContactSource) => {
    for (const { address: a, count, lastAt } of entries) {
      if (!a.address.includes('@')) continue
      upsert.run({
        key: addressKey(a.address),
        address: a.address,
        name: a.name?.trim() || null,
        sent: source === 'sent' ? count : 0,
        seen: source === 'seen' ? count : 0,
        at: lastAt,
      })
    }
  })
  return {
    record: (addresses, source, at = Date.now()) =>
      upsertAll(
        addresses.map((address) => ({ address, count: 1, lastAt: at })),
        source,
      ),
    recordSeen: (entries) => upsertAll(entries, 'seen'),
    suggest(query, limit) {
      const q = query.trim()
      if (!q) return []
      // Matches at the start of the address or of any word of the name.
      const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`)
      const rows = search.all(`${escaped}%`, `%${escaped}%`, Math.max(1, Math.min(limit, 50)))
      return rows.map((r) => (r.name ? { name: r.name, address: r.address } : { address: r.address }))
    },
  }
}
