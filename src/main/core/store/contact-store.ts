import type { MailAddress } from '../../../shared/model/mail'
import { addressKey } from '../../../shared/mail/addresses'
import { migrate, type Db, type Migration } from './database'

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
  {
    version: 2,
    description: 'full-text prefix index for suggestions',
    // Synced mail feeds every From/To/Cc here, so the table grows to tens of thousands of rows:
    // suggestions come from an FTS5 prefix index (words of the address and the name, diacritics
    // folded: "zoe" finds "Zoë") instead of a LIKE scan of every row on each keystroke.
    up: (db) =>
      db.exec(`
        CREATE VIRTUAL TABLE contacts_fts USING fts5(
          address, name, content='contacts', content_rowid='rowid',
          tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
        );
        CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
          INSERT INTO contacts_fts (rowid, address, name) VALUES (new.rowid, new.address, new.name);
        END;
        CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
          INSERT INTO contacts_fts (contacts_fts, rowid, address, name)
          VALUES ('delete', old.rowid, old.address, old.name);
        END;
        -- Only when the words change: every upsert sets name (to itself, mostly) and the counts.
        CREATE TRIGGER contacts_fts_update AFTER UPDATE OF address, name ON contacts
        WHEN old.address IS NOT new.address OR old.name IS NOT new.name BEGIN
          INSERT INTO contacts_fts (contacts_fts, rowid, address, name)
          VALUES ('delete', old.rowid, old.address, old.name);
          INSERT INTO contacts_fts (rowid, address, name) VALUES (new.rowid, new.address, new.name);
        END;
        INSERT INTO contacts_fts (contacts_fts) VALUES ('rebuild');
        -- Suggestions are found through the index above; nothing reads this one any more.
        DROP INDEX contacts_last_used;
      `),
  },
]

/** At most this many words of a query count (each one narrows the match). */
const MAX_QUERY_WORDS = 6

/**
 * The person's typing as an FTS5 query: every word must start a word of the address or the
 * name. Words are split as the index's tokenizer splits them (on anything not a letter or a
 * digit), so no FTS5 syntax from the input survives; each is quoted and made a prefix.
 */
export function suggestionQuery(input: string): string | null {
  const words = input
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_QUERY_WORDS)
  return words.length === 0 ? null : words.map((w) => `"${w}"*`).join(' ')
}

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
  const search = db.prepare<[string, number], { address: string; name: string | null }>(
    `SELECT c.address, c.name FROM contacts_fts f JOIN contacts c ON c.rowid = f.rowid
     WHERE contacts_fts MATCH ?
     ORDER BY (c.sent_count > 0) DESC, c.sent_count * 3 + c.seen_count DESC, c.last_used DESC
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
      const match = suggestionQuery(query)
      if (!match) return []
      const rows = search.all(match, Math.max(1, Math.min(limit, 50)))
      return rows.map((r) => (r.name ? { name: r.name, address: r.address } : { address: r.address }))
    },
  }
}
