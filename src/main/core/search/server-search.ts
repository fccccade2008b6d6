import { AppError } from '../../../shared/errors'
import type { MailboxRole } from '../../../shared/model/mail'
import type { SearchHit, SearchResult } from '../../../shared/model/search'
import type { ServerSearchPort } from '../mail/server-search-port'
import type { Db } from '../store/database'
import { toSummary, type MessageRow } from '../store/message-rows'
import { toImapSearch } from './imap-criteria'
import { parseQuery, type QueryNode } from './query-parse'
import { compileQuery, ROLE_ALIASES } from './query-sql'

/** UIDs read per mailbox, the newest (highest) first: a word in every message stays bounded. */
export const SERVER_HITS_PER_MAILBOX = 2000
/** How long the "is the local answer complete?" look is reused (it may read many rows). */
const INCOMPLETE_TTL_MS = 5000

interface MailboxTarget {
  id: number
  account_id: string
  role: string | null
  name: string
  path: string
}
type HitRow = MessageRow & { mailbox_name: string; mailbox_role: string | null }

export interface ServerSearch {
  /**
   * Runs the query on the IMAP servers (every server folder of the account, or of every IMAP
   * account; a top-level `in:` chooses folders) and answers with the stored rows of the hits,
   * newest first, each marked `onServer`. POP3 accounts keep their mail in local folders, which
   * are never searched here.
   */
  search(query: string, opts: { accountId?: string; limit: number; now?: number }): Promise<SearchResult>
  /**
   * True when a query with words may miss mail: a server message whose body is not stored (its
   * words are not in the index), or a server folder never synced.
   */
  incomplete(root: QueryNode | null, accountId?: string): boolean
}

function hasText(node: QueryNode): boolean {
  if (node.kind === 'text') return true
  if (node.kind === 'not') return hasText(node.item)
  if (node.kind === 'and' || node.kind === 'or') return node.items.some(hasText)
  return false
}

export function createServerSearch(db: Db, port: ServerSearchPort): ServerSearch {
  const targets = db.prepare<[string | null, string | null], MailboxTarget>(
    `SELECT id, account_id, role, name, path FROM mail_mailboxes
     WHERE is_local = 0 AND selectable = 1 AND (? IS NULL OR account_id = ?) ORDER BY id`,
  )
  const known = db
    .prepare<[number, string], number>(
      'SELECT uid FROM mail_messages WHERE mailbox_id = ? AND uid IN (SELECT value FROM json_each(?))',
    )
    .pluck()
  const missingBody = db
    .prepare<[string | null, string | null], number>(
      `SELECT EXISTS (SELECT 1 FROM mail_messages m JOIN mail_mailboxes b ON b.id = m.mailbox_id
         WHERE m.has_source = 0 AND m.uid IS NOT NULL AND m.hidden = 0 AND b.is_local = 0
           AND (? IS NULL OR m.account_id = ?))`,
    )
    .pluck()
  const unsynced = db
    .prepare<[string | null, string | null], number>(
      `SELECT EXISTS (SELECT 1 FROM mail_mailboxes WHERE is_local = 0 AND selectable = 1
         AND synced_at IS NULL AND (? IS NULL OR account_id = ?))`,
    )
    .pluck()
  const cache = new Map<string, { at: number; value: boolean }>()

  const wanted = (mb: MailboxTarget, folders: string[] | null): boolean =>
    folders === null ||
    folders.some((f) => {
      const role = ROLE_ALIASES[f.toLowerCase()]
      return (
        (role !== undefined && mb.role === role) ||
        mb.name.toLowerCase() === f.toLowerCase() ||
        mb.path.toLowerCase() === f.toLowerCase()
      )
    })

  /**
   * The stored rows of a mailbox's server hits that also pass the query's top-level conditions
   * without words (flags, dates, sizes, folders, attachments): the server's criteria are wider
   * where IMAP has no exact key (imap-criteria.ts), the store's columns are exact.
   */
  const rowsFor = (mailboxId: number, uids: number[], root: QueryNode): HitRow[] => {
    const top = root.kind === 'and' ? root.items : [root]
    const exact = top.filter((n) => !hasText(n))
    const q = exact.length > 0 ? compileQuery({ kind: 'and', items: exact }) : { where: '1', params: [] }
    return db
      .prepare<unknown[], HitRow>(
        `SELECT m.*, b.name AS mailbox_name, b.role AS mailbox_role
         FROM mail_messages m JOIN mail_mailboxes b ON b.id = m.mailbox_id
         WHERE m.mailbox_id = ? AND m.uid IN (SELECT value FROM json_each(?)) AND m.hidden = 0
           AND ${q.where}`,
      )
      .all(mailboxId, JSON.stringify(uids), ...q.params)
  }

  const searchMailbox = async (
    mb: MailboxTarget,
    criteria: ReturnType<typeof toImapSearch>['criteria'],
    root: QueryNode,
  ): Promise<{ rows: HitRow[]; capped: boolean }> => {
    const all = await port.search(mb.account_id, mb.id, criteria)
    const uids = all.slice(-SERVER_HITS_PER_MAILBOX)
    // A hit the store has no row for (the folder was never synced, or mail arrived since):
    // sync the folder's headers first, so every hit is a row that opens like any other.
    if (known.all(mb.id, JSON.stringify(uids)).length < uids.length) {
      await port.syncMailbox(mb.account_id, mb.id)
    }
    return { rows: rowsFor(mb.id, uids, root), capped: all.length > uids.length }
  }

  return {
    async search(query, opts) {
      const parsed = parseQuery(query, opts.now)
      const problem = parsed.problems[0]
      if (problem) {
        throw new AppError('INVALID_INPUT', `${problem.term}: ${problem.message}`, {
          detail: { field: 'query', term: problem.term },
        })
      }
      if (parsed.root === null) return { items: [], truncated: false, indexing: false }
      const root = parsed.root
      const plan = toImapSearch(root)
      const account = opts.accountId ?? null
      const boxes = targets.all(account, account).filter((mb) => wanted(mb, plan.folders))
      // Accounts in parallel (one connection each), an account's folders one after the other.
      const byAccount = new Map<string, MailboxTarget[]>()
      for (const mb of boxes) byAccount.set(mb.account_id, [...(byAccount.get(mb.account_id) ?? []), mb])
      const rows: HitRow[] = []
      let capped = false
      let firstError: unknown = null
      let searched = 0
      await Promise.all(
        [...byAccount.values()].map(async (list) => {
          for (const mb of list) {
            try {
              const found = await searchMailbox(mb, plan.criteria, root)
              rows.push(...found.rows)
              capped ||= found.capped
              searched++
            } catch (err) {
              // A folder deleted meanwhile, or an account offline: the others still answer.
              firstError ??= err
            }
          }
        }),
      )
      if (searched === 0 && firstError !== null) throw AppError.from(firstError)
      rows.sort((a, b) => b.date - a.date || b.id - a.id)
      const limit = Math.max(1, Math.min(opts.limit, 1000))
      const items = rows.slice(0, limit).map((r): SearchHit => ({
        ...toSummary(r),
        mailboxName: r.mailbox_name,
        mailboxRole: r.mailbox_role as MailboxRole | null,
        onServer: true,
      }))
      return { items, truncated: capped || rows.length > limit, indexing: false }
    },
    incomplete(root, accountId) {
      if (root === null || !hasText(root)) return false
      const key = accountId ?? ''
      const hit = cache.get(key)
      if (hit && Date.now() - hit.at < INCOMPLETE_TTL_MS) return hit.value
      const a = accountId ?? null
      const value = missingBody.get(a, a) === 1 || unsynced.get(a, a) === 1
      cache.set(key, { at: Date.now(), value })
      return value
    },
  }
}
