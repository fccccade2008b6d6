import { AppError } from '../../../shared/errors'
import type { MailboxRole } from '../../../shared/model/mail'
import type { SearchHit, SearchResult } from '../../../shared/model/search'
import { toSummary, type MessageRow } from '../store/message-rows'
import { migrate, type Db } from '../store/database'
import { parseQuery, type QueryNode } from './query-parse'
import { compileQuery } from './query-sql'
import { SEARCH_BODY_MIGRATIONS, SEARCH_MIGRATIONS } from './search-schema'

/** The words of an address list column (JSON [{name?, address}]): names and addresses. */
export const addressWords = (column: string): string => `coalesce((
  SELECT group_concat(coalesce(json_extract(a.value, '$.name'), '') || ' ' ||
                      coalesce(json_extract(a.value, '$.address'), ''), ' ')
  FROM json_each(CASE WHEN json_valid(${column}) THEN ${column} ELSE '[]' END) a), '')`

/** More hits than this: the word is common, and the query walks the mail newest first. */
const COMMON_HITS = 2000

export interface SearchOptions {
  /** Only this account's mail (default: every account). */
  accountId?: string
  /** At most this many hits (newest first). */
  limit: number
  /** "Now" for older_than:/newer_than: (tests). */
  now?: number
  /** Hits above which a word counts as common (tests try both plans). */
  commonHits?: number
}

type HitRow = MessageRow & { mailbox_name: string; mailbox_role: string | null }

export interface SearchIndex {
  /** Indexes up to `limit` rows stored since the last step; returns how many it read. */
  step(limit: number): number
  /** True when every stored row is indexed. */
  upToDate(): boolean
  /**
   * Runs a query in the search box's language (query-parse.ts). Throws INVALID_INPUT naming the
   * term when an operator's value cannot mean anything (`before:2026/13/45`).
   */
  search(query: string, opts: SearchOptions): SearchResult
  /** Bytes the index takes in the store (its FTS5 tables). */
  sizeBytes(): number
  /** Unread messages matching the query, at most `cap` (saved searches' counts). */
  countUnread(query: string, cap: number): number
}

export function createSearchIndex(db: Db): SearchIndex {
  migrate(db, 'search', SEARCH_MIGRATIONS)
  migrate(db, 'search-bodies', SEARCH_BODY_MIGRATIONS)
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
  const size = db
    .prepare<[], number | null>("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search\\_fts%' ESCAPE '\\'")
    .pluck()
  const hitIds = db
    .prepare<[string, number], number>('SELECT rowid FROM search_fts WHERE search_fts MATCH ? LIMIT ?')
    .pluck()
  const parse = (query: string, now?: number): QueryNode | null => {
    const parsed = parseQuery(query, now)
    const problem = parsed.problems[0]
    if (problem) {
      throw new AppError('INVALID_INPUT', `${problem.term}: ${problem.message}`, {
        detail: { field: 'query', term: problem.term },
      })
    }
    return parsed.root
  }
  const run = (query: string, opts: SearchOptions, extra?: QueryNode): HitRow[] => {
    const parsed = parse(query, opts.now)
    if (parsed === null) return []
    // Flattened, so the query's own words still drive it from the index (query-sql.ts).
    const items = parsed.kind === 'and' ? parsed.items : [parsed]
    const q = compileQuery(extra ? { kind: 'and', items: [...items, extra] } : parsed)
    // A word in most mail: walk all mail newest first and stop at the first page, rather than
    // fetch and sort every hit. A rarer one: its hits, sorted (a walk would read all the mail).
    // The rare word's hits are read once and reused: a phrase of two common words costs its
    // position lists, and matching it a second time in the main query doubled the slowest query.
    const commonHits = opts.commonHits ?? COMMON_HITS
    const ids = q.match === null ? null : hitIds.all(q.match, commonHits + 1)
    const common = ids !== null && ids.length > commonHits
    const viaIndex = ids !== null && !common
    const from = common ? 'mail_messages m INDEXED BY search_newest' : 'mail_messages m'
    const textCond = viaIndex
      ? 'm.id IN (SELECT value FROM json_each(?)) AND'
      : common
        ? 'm.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?) AND'
        : ''
    const sql = `SELECT m.*, b.name AS mailbox_name, b.role AS mailbox_role
      FROM ${from} JOIN mail_mailboxes b ON b.id = m.mailbox_id
      WHERE ${textCond} m.hidden = 0
        AND (? IS NULL OR m.account_id = ?) AND ${q.where}
      ORDER BY m.date DESC, m.id DESC LIMIT ?`
    const account = opts.accountId ?? null
    const limit = Math.max(1, Math.min(opts.limit, 1000))
    const text = viaIndex ? [JSON.stringify(ids)] : common ? [q.match] : []
    const params = [...text, account, account, ...q.params, limit + 1]
    return db.prepare<unknown[], HitRow>(sql).all(...params)
  }

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
      const limit = Math.max(1, Math.min(opts.limit, 1000))
      const rows = run(query, opts)
      const items = rows.slice(0, limit).map((r): SearchHit => ({
        ...toSummary(r),
        mailboxName: r.mailbox_name,
        mailboxRole: r.mailbox_role as MailboxRole | null,
      }))
      return { items, truncated: rows.length > limit, indexing: !self.upToDate() }
    },
    sizeBytes: () => size.get() ?? 0,
    countUnread: (query, cap) => run(query, { limit: cap }, { kind: 'flag', flag: 'unread' }).length,
  }
  return self
}
