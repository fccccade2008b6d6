import type { MailboxRole } from '../../../shared/model/mail'
import type { SearchHit, SearchResult } from '../../../shared/model/search'
import { toSummary, type MessageRow } from '../store/message-rows'
import { migrate, type Db } from '../store/database'
import { buildMatchQuery } from './search-query'
import { SEARCH_MIGRATIONS } from './search-schema'

/** The words of an address list column (JSON [{name?, address}]): names and addresses. */
const addressWords = (column: string): string => `coalesce((
  SELECT group_concat(coalesce(json_extract(a.value, '$.name'), '') || ' ' ||
                      coalesce(json_extract(a.value, '$.address'), ''), ' ')
  FROM json_each(CASE WHEN json_valid(${column}) THEN ${column} ELSE '[]' END) a), '')`

export interface SearchOptions {
  /** Only this account's mail (default: every account). */
  accountId?: string
  /** At most this many hits (newest first). */
  limit: number
}

export interface SearchIndex {
  /** Indexes up to `limit` rows stored since the last step; returns how many it read. */
  step(limit: number): number
  /** True when every stored row is indexed. */
  upToDate(): boolean
  search(query: string, opts: SearchOptions): SearchResult
}

export function createSearchIndex(db: Db): SearchIndex {
  migrate(db, 'search', SEARCH_MIGRATIONS)
  const mark = db.prepare<[], number>('SELECT up_to FROM search_indexed WHERE id = 1').pluck()
  const setMark = db.prepare('UPDATE search_indexed SET up_to = ? WHERE id = 1')
  const batch = db.prepare<[number, number], { n: number; last: number | null }>(
    `SELECT COUNT(*) AS n, MAX(id) AS last FROM
       (SELECT id FROM mail_messages WHERE id > ? ORDER BY id LIMIT ?)`,
  )
  const index = db.prepare(
    `INSERT INTO search_fts (rowid, subject, sender, recipients)
     SELECT id, subject, ${addressWords('from_json')},
            ${addressWords('to_json')} || ' ' || ${addressWords('cc_json')}
     FROM mail_messages WHERE id > ? AND id <= ?`,
  )
  const latest = db.prepare<[], number | null>('SELECT MAX(id) FROM mail_messages').pluck()
  const find = db.prepare<
    { match: string; account: string | null; limit: number },
    MessageRow & { mailbox_name: string; mailbox_role: string | null }
  >(
    `SELECT m.*, b.name AS mailbox_name, b.role AS mailbox_role
     FROM search_fts f
     JOIN mail_messages m ON m.id = f.rowid
     JOIN mail_mailboxes b ON b.id = m.mailbox_id
     WHERE search_fts MATCH @match AND m.hidden = 0
       AND (@account IS NULL OR m.account_id = @account)
     ORDER BY m.date DESC, m.id DESC
     LIMIT @limit`,
  )

  const self: SearchIndex = {
    step(limit) {
      return db.transaction(() => {
        const from = mark.get() ?? 0
        const { n, last } = batch.get(from, limit) ?? { n: 0, last: null }
        if (last === null) return 0
        index.run(from, last)
        setMark.run(last)
        return n
      })()
    },
    upToDate: () => (latest.get() ?? 0) <= (mark.get() ?? 0),
    search(query, opts) {
      const match = buildMatchQuery(query)
      if (!match) return { items: [], truncated: false, indexing: !self.upToDate() }
      const limit = Math.max(1, Math.min(opts.limit, 1000))
      const rows = find.all({ match, account: opts.accountId ?? null, limit: limit + 1 })
      const items = rows.slice(0, limit).map((r): SearchHit => ({
        ...toSummary(r),
        mailboxName: r.mailbox_name,
        mailboxRole: r.mailbox_role as MailboxRole | null,
      }))
      return { items, truncated: rows.length > limit, indexing: !self.upToDate() }
    },
  }
  return self
}
