import type { Statement } from 'better-sqlite3'
import type { MessageSummary } from '../../../shared/model/mail'
import type { ListFilter, ListSortKey, ListView } from '../../../shared/model/list-view'
import type { Db } from './database'
import { toSummary, type MessageRow } from './message-rows'
import { FROM_ADDRESS, SORT_FROM, SORT_SUBJECT } from './list-view-schema'
import type { ThreadIndex } from './thread-index'

const KEY: Readonly<Record<Exclude<ListSortKey, 'date'>, string>> = {
  from: SORT_FROM,
  subject: SORT_SUBJECT,
  size: 'size',
}

/** Literal terms (not parameters): SQLite picks a partial index only when the query names its WHERE. */
const FILTER: Readonly<Record<Exclude<ListFilter, 'contacts'>, string>> = {
  unread: 'seen = 0',
  flagged: 'flagged = 1',
  attachments: 'has_attachments = 1',
}

/** Someone the person has written to (the contacts feed also records every sender: not those). */
const FROM_CONTACT = `EXISTS (SELECT 1 FROM contacts c WHERE c.key = ${FROM_ADDRESS} AND c.sent_count > 0)`

/**
 * ORDER BY for a view. The key in the chosen direction, then the list's tie-breakers: newest
 * first under an ascending key, so one index (key ASC, date DESC, uid DESC, id DESC) serves both
 * directions, read forwards or backwards.
 */
export function listOrder(view: Pick<ListView, 'sort' | 'descending'>, key = (k: string) => k): string {
  const dir = (desc: boolean) => (desc ? 'DESC' : 'ASC')
  const ties = (desc: boolean) => `date ${dir(desc)}, uid ${dir(desc)}, id ${dir(desc)}`
  if (view.sort === 'date') return ties(view.descending)
  return `${key(KEY[view.sort])} ${dir(view.descending)}, ${ties(!view.descending)}`
}

/** WHERE for one mailbox's rows in a view (the mailbox id is the only parameter). */
export function listWhere(
  view: Pick<ListView, 'filters'>,
  contacts: boolean,
  mailboxTerm = 'mailbox_id = ?',
): string {
  const terms = [mailboxTerm, 'hidden = 0']
  for (const f of new Set(view.filters)) {
    if (f === 'contacts') terms.push(contacts ? FROM_CONTACT : '0')
    else terms.push(FILTER[f])
  }
  return terms.join(' AND ')
}

/**
 * By date with the unread or flagged filter: the small partial index. Without statistics
 * (no ANALYZE) SQLite would walk the whole folder's list index, which also gives the order, and
 * test each row; in a 100,000-message folder with ten flagged that reads every row.
 */
function filterIndex(view: ListView): string {
  if (view.sort !== 'date') return ''
  if (view.filters.includes('flagged')) return ' INDEXED BY mail_list_flagged'
  if (view.filters.includes('unread')) return ' INDEXED BY mail_list_unseen'
  return ''
}

/**
 * One page of a view over one or several mailboxes. Several (the unified views): each mailbox's
 * first `offset + limit` rows come from its own index scan, then the merge is sorted; SQLite
 * would otherwise sort every row of every mailbox for `mailbox_id IN (…)`.
 */
export function listPageSql(
  view: ListView,
  mailboxes: number,
  what: 'rows' | 'ids',
  contacts: boolean,
): string {
  const where = listWhere(view, contacts)
  const columns = what === 'rows' ? '*' : 'id'
  const table = `mail_messages${filterIndex(view)}`
  if (mailboxes === 1)
    return `SELECT ${columns} FROM ${table} WHERE ${where} ORDER BY ${listOrder(view)} LIMIT ? OFFSET ?`
  const inner = what === 'rows' ? '*' : 'id, date, uid'
  const sortKey = view.sort === 'date' ? '' : `, ${KEY[view.sort]} AS sort_key`
  const one = `SELECT * FROM (SELECT ${inner}${sortKey} FROM ${table} WHERE ${where} ORDER BY ${listOrder(view)} LIMIT ?)`
  if (mailboxes > MAX_MERGED) {
    // Past SQLite's limit on compound SELECTs: one query over them all, sorted as a whole.
    const all = listWhere(
      view,
      contacts,
      `mailbox_id IN (${Array.from({ length: mailboxes }, () => '?').join(', ')})`,
    )
    return `SELECT ${columns} FROM mail_messages WHERE ${all} ORDER BY ${listOrder(view)} LIMIT ? OFFSET ?`
  }
  const merged = Array.from({ length: mailboxes }, () => one).join(' UNION ALL ')
  return `SELECT ${columns} FROM (${merged}) ORDER BY ${listOrder(view, () => 'sort_key')} LIMIT ? OFFSET ?`
}

/** SQLite allows 500 terms in a compound SELECT (SQLITE_MAX_COMPOUND_SELECT); well below it. */
export const MAX_MERGED = 200

export function createListQueries(db: Db, threads: ThreadIndex) {
  const statements = new Map<string, Statement>()
  const prepared = (sql: string): Statement => {
    let s = statements.get(sql)
    if (!s) statements.set(sql, (s = db.prepare(sql)))
    return s
  }
  // The contacts table belongs to another feature and may be absent (a store without contacts).
  let contacts: boolean | undefined
  const hasContacts = () =>
    (contacts ??=
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'contacts'").get() !==
      undefined)

  const pageArgs = (ids: readonly number[], offset: number, limit: number) =>
    ids.length === 1 || ids.length > MAX_MERGED
      ? [...ids, limit, offset]
      : [...ids.flatMap((id) => [id, offset + limit]), limit, offset]

  const queries = {
    /** Rows of the view, in its order, with their conversations' sizes. */
    page(mailboxIds: readonly number[], offset: number, limit: number, view: ListView): MessageSummary[] {
      if (mailboxIds.length === 0) return []
      const sql = listPageSql(view, mailboxIds.length, 'rows', hasContacts())
      const rows = prepared(sql).all(...pageArgs(mailboxIds, offset, limit)) as MessageRow[]
      const sizes = new Map<number, number>()
      return rows.map((r) => {
        if (r.thread_id === null) return toSummary(r)
        let size = sizes.get(r.thread_id)
        if (size === undefined) sizes.set(r.thread_id, (size = threads.size(r.thread_id)))
        return toSummary(r, size)
      })
    },
    /** The same rows' ids only ("select all", Shift ranges over rows not loaded). */
    pageIds(mailboxIds: readonly number[], offset: number, limit: number, view: ListView): string[] {
      if (mailboxIds.length === 0) return []
      const sql = listPageSql(view, mailboxIds.length, 'ids', hasContacts())
      const rows = prepared(sql).all(...pageArgs(mailboxIds, offset, limit)) as { id: number }[]
      return rows.map((r) => String(r.id))
    },
    /** Rows in the view, summed over the mailboxes. */
    count(mailboxIds: readonly number[], view: ListView): number {
      const stmt = prepared(`SELECT COUNT(*) AS n FROM mail_messages WHERE ${listWhere(view, hasContacts())}`)
      return mailboxIds.reduce((n, id) => n + (stmt.get(id) as { n: number }).n, 0)
    },
  }
  return queries
}

export type ListQueries = ReturnType<typeof createListQueries>
