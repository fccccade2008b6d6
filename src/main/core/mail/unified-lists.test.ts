import { describe, expect, it } from 'vitest'
import { DEFAULT_LIST_VIEW } from '../../../shared/model/list-view'
import type { MailboxRole } from '../../../shared/model/mail'
import { openDatabase } from '../store/database'
import { listPageSql, MAX_MERGED } from '../store/list-view-query'
import { createMailStore } from '../store/mail-store'
import type { HeaderRow } from '../store/message-rows'
import { unifiedList } from './unified-lists'

/** All Inboxes, All Unread, All Flagged: one list over every account's folders (issue 15 item 7). */

let uid = 1
const at = (minute: number) => Date.UTC(2024, 0, 1) + minute * 60_000
function header(minute: number, flags: Partial<HeaderRow['flags']> = {}): HeaderRow {
  return {
    uid: uid++,
    flags: { seen: true, flagged: false, answered: false, draft: false, ...flags },
    keywords: [],
    subject: `at ${minute}`,
    from: [{ address: 'x@example.test' }],
    to: [],
    cc: [],
    date: at(minute),
    receivedAt: at(minute),
    size: 100,
    hasAttachments: false,
    messageId: null,
    inReplyTo: null,
    references: [],
  }
}

function setup() {
  const db = openDatabase(':memory:')
  const store = createMailStore(db)
  const box = (accountId: string, path: string, role: MailboxRole | null, rows: HeaderRow[]) => {
    const id = store.mailboxes.insert(accountId, {
      path,
      name: path,
      parentPath: null,
      delimiter: '/',
      role,
      selectable: true,
      statusTotal: null,
      statusUnread: null,
    })
    store.messages.insertMany(id, accountId, rows)
    return id
  }
  // Two accounts whose inboxes interleave in time; unread and flagged mail in other folders too.
  box('a1', 'INBOX', 'inbox', [header(1), header(3, { seen: false }), header(5)])
  box('b2', 'INBOX', 'inbox', [header(2), header(4), header(6, { seen: false, flagged: true })])
  box('a1', 'Work', null, [header(7, { seen: false }), header(8, { flagged: true })])
  box('b2', 'Trash', 'trash', [header(9, { seen: false, flagged: true })])
  box('b2', 'Junk', 'junk', [header(10, { seen: false })])
  return { db, store }
}

const subjects = (store: ReturnType<typeof setup>['store'], listId: string, offset = 0, limit = 100) => {
  const u = unifiedList(store, listId, undefined)!
  return store.lists.page(u.mailboxIds, offset, limit, u.view).map((m) => `${m.accountId} ${m.subject}`)
}

describe('unified views across accounts', () => {
  it('All Inboxes: every account’s Inbox, newest first, paged', () => {
    const { store } = setup()
    expect(subjects(store, 'all:inboxes')).toEqual([
      'b2 at 6',
      'a1 at 5',
      'b2 at 4',
      'a1 at 3',
      'b2 at 2',
      'a1 at 1',
    ])
    expect(subjects(store, 'all:inboxes', 2, 2)).toEqual(['b2 at 4', 'a1 at 3'])
    const u = unifiedList(store, 'all:inboxes', undefined)!
    expect(store.lists.count(u.mailboxIds, u.view)).toBe(6)
    expect(store.lists.pageIds(u.mailboxIds, 0, 100, u.view)).toHaveLength(6)
  })

  it('All Unread and All Flagged: every folder but Trash and Junk', () => {
    const { store } = setup()
    expect(subjects(store, 'all:unread')).toEqual(['a1 at 7', 'b2 at 6', 'a1 at 3'])
    expect(subjects(store, 'all:flagged')).toEqual(['a1 at 8', 'b2 at 6'])
  })

  it('takes the person’s sort and filters on top of its own', () => {
    const { store } = setup()
    const u = unifiedList(store, 'all:inboxes', { sort: 'date', descending: false, filters: ['unread'] })!
    expect(store.lists.page(u.mailboxIds, 0, 10, u.view).map((m) => m.subject)).toEqual(['at 3', 'at 6'])
    const f = unifiedList(store, 'all:flagged', { ...DEFAULT_LIST_VIEW, filters: ['flagged'] })!
    expect(f.view.filters).toEqual(['flagged'])
    expect(unifiedList(store, '12', undefined)).toBeNull()
    expect(unifiedList(store, 'all:everything', undefined)).toBeNull()
  })

  it('reads each mailbox’s first rows from its index, never sorting a whole folder', () => {
    const { db, store } = setup()
    const u = unifiedList(store, 'all:inboxes', undefined)!
    const sql = listPageSql(u.view, u.mailboxIds.length, 'rows', false)
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...u.mailboxIds.flatMap((id) => [id, 100]), 100, 0) as {
        detail: string
      }[]
    ).map((r) => r.detail)
    // Each folder: a search of the list index in order, stopped at the page's end; what gets sorted
    // is only those bounded subquery rows (merged), never a folder's table.
    expect(plan.filter((d) => d.includes('USING INDEX mail_messages_list')).length).toBe(u.mailboxIds.length)
    expect(plan.some((d) => /^SCAN mail_messages\b/.test(d))).toBe(false)
    expect(plan.filter((d) => d.startsWith('SCAN (subquery')).length).toBe(u.mailboxIds.length)
    const unread = unifiedList(store, 'all:unread', undefined)!
    const unreadPlan = (
      db
        .prepare(`EXPLAIN QUERY PLAN ${listPageSql(unread.view, unread.mailboxIds.length, 'rows', false)}`)
        .all(...unread.mailboxIds.flatMap((id) => [id, 100]), 100, 0) as { detail: string }[]
    ).map((r) => r.detail)
    expect(unreadPlan.filter((d) => d.includes('USING INDEX mail_list_unseen')).length).toBe(
      unread.mailboxIds.length,
    )
  })

  it('past the compound-select limit, one query over every folder still answers in order', () => {
    const { store } = setup()
    const many = Array.from({ length: MAX_MERGED + 5 }, (_, i) =>
      store.mailboxes.insert('c3', {
        path: `F${i}`,
        name: `F${i}`,
        parentPath: null,
        delimiter: '/',
        role: null,
        selectable: true,
        statusTotal: null,
        statusUnread: null,
      }),
    )
    many.forEach((id, i) => store.messages.insertMany(id, 'c3', [header(100 + i, { seen: false })]))
    const u = unifiedList(store, 'all:unread', undefined)!
    expect(u.mailboxIds.length).toBeGreaterThan(MAX_MERGED)
    const page = store.lists.page(u.mailboxIds, 0, 3, u.view).map((m) => m.subject)
    expect(page).toEqual([
      `at ${100 + MAX_MERGED + 4}`,
      `at ${100 + MAX_MERGED + 3}`,
      `at ${100 + MAX_MERGED + 2}`,
    ])
    expect(store.lists.count(u.mailboxIds, u.view)).toBe(MAX_MERGED + 5 + 3)
  })
})
