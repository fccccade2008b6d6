import { AppError } from '../../../shared/errors'
import type { SavedSearch } from '../../../shared/model/search'
import { migrate, type Db, type Migration } from '../store/database'

/**
 * Saved searches (issue 17 item 5): a name and a query in the search box's language, shown as
 * virtual folders with the number of unread messages that match. Their own feature in
 * schema_migrations (`saved-searches`). The query is kept as typed and run again each time, so
 * a saved search follows the mail (and any improvement of the parser).
 */
export const SAVED_SEARCH_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'saved searches',
    up: (db) =>
      db.exec(`CREATE TABLE saved_searches (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        query TEXT NOT NULL,
        created_at INTEGER NOT NULL
      )`),
  },
]

/** More saved searches than this is a mistake (each one is a query when the tree is drawn). */
export const MAX_SAVED_SEARCHES = 50

export function createSavedSearches(db: Db, unread: (query: string) => number) {
  migrate(db, 'saved-searches', SAVED_SEARCH_MIGRATIONS)
  const rows = db.prepare<[], { id: number; name: string; query: string }>(
    'SELECT id, name, query FROM saved_searches ORDER BY name COLLATE NOCASE, id',
  )
  const count = db.prepare<[], number>('SELECT COUNT(*) FROM saved_searches').pluck()
  const insert = db.prepare('INSERT INTO saved_searches (name, query, created_at) VALUES (?, ?, ?)')
  const remove = db.prepare('DELETE FROM saved_searches WHERE id = ?')
  const list = (): SavedSearch[] =>
    rows.all().map((r) => {
      let n: number | null
      try {
        n = unread(r.query)
      } catch {
        // A query the parser now refuses still shows (and can be removed); it has no count.
        n = null
      }
      return { id: String(r.id), name: r.name, query: r.query, unread: n }
    })
  return {
    list,
    /** Saves a search; INVALID_INPUT for an empty name or query, or too many saved. */
    save(name: string, query: string): SavedSearch[] {
      const n = name.trim()
      const q = query.trim()
      if (!n)
        throw new AppError('INVALID_INPUT', 'A saved search needs a name', { detail: { field: 'name' } })
      if (!q)
        throw new AppError('INVALID_INPUT', 'A saved search needs a query', { detail: { field: 'query' } })
      // A query that cannot mean anything is refused now, naming the term, not saved to fail later.
      unread(q)
      if ((count.get() ?? 0) >= MAX_SAVED_SEARCHES) {
        throw new AppError('INVALID_INPUT', `At most ${MAX_SAVED_SEARCHES} saved searches`, {
          detail: { field: 'name' },
        })
      }
      insert.run(n, q, Date.now())
      return list()
    },
    remove(id: string): SavedSearch[] {
      remove.run(Number(id))
      return list()
    },
  }
}
