import { describe, expect, it } from 'vitest'
import { DEFAULT_LIST_VIEW, type ListView } from '../../../shared/model/list-view'
import type { MailboxRole } from '../../../shared/model/mail'
import { createContactStore } from './contact-store'
import { openDatabase } from './database'
import { listPageSql } from './list-view-query'
import { createMailStore } from './mail-store'
import type { HeaderRow } from './message-rows'

/** Sorted and filtered pages of the list, on real SQLite with many rows (issue 15 item 8). */

const N = 20_000
const NAMES = ['Zoe', 'ann', 'Bob', 'carl', '', 'Dora']

function header(i: number): HeaderRow {
  const name = NAMES[i % NAMES.length]!
  return {
    uid: i + 1,
    flags: { seen: i % 3 !== 0, flagged: i % 50 === 0, answered: false, draft: false },
    keywords: [],
    subject: i % 4 === 0 ? `Re: topic ${i % 97}` : `Topic ${i % 89}`,
    from: [
      name
        ? { name, address: `${name || 'x'}${i % 2}@example.test` }
        : { address: `anon${i % 5}@example.test` },
    ],
    to: [{ address: 'me@example.test' }],
    cc: [],
    date: Date.UTC(2024, 0, 1) + ((i * 7919) % N) * 60_000,
    receivedAt: Date.UTC(2024, 0, 1),
    size: 1000 + ((i * 31) % 5000),
    hasAttachments: i % 7 === 0,
    messageId: `<m${i}@example.test>`,
    inReplyTo: null,
    references: [],
  }
}

function setup(rows = N) {
  const db = openDatabase(':memory:')
  const contacts = createContactStore(db)
  const store = createMailStore(db, { contacts })
  const box = (accountId: string, path: string, role: MailboxRole | null) =>
    store.mailboxes.insert(accountId, {
      path,
      name: path,
      parentPath: null,
      delimiter: '/',
      role,
      selectable: true,
      statusTotal: null,
      statusUnread: null,
    })
  const inbox = box('a1', 'INBOX', 'inbox')
  store.messages.insertMany(
    inbox,
    'a1',
    Array.from({ length: rows }, (_, i) => header(i)),
  )
  return { db, store, contacts, inbox, box }
}

const view = (v: Partial<ListView>): ListView => ({ ...DEFAULT_LIST_VIEW, ...v })

/** The same order computed in JavaScript over every row: what the SQL must agree with. */
function expected(
  all: {
    id: string
    from: { name?: string; address: string }[]
    subject: string
    size: number
    date: number
    flags: { seen: boolean; flagged: boolean }
    hasAttachments: boolean
  }[],
  v: ListView,
): string[] {
  const key = (m: (typeof all)[number]): string | number => {
    if (v.sort === 'from') return (m.from[0]?.name?.trim() || m.from[0]?.address || '').toLowerCase()
    if (v.sort === 'subject') return m.subject.replace(/^(re|fw|aw|sv|fwd):\s*/i, '').toLowerCase()
    return v.sort === 'size' ? m.size : m.date
  }
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0)
  return all
    .filter((m) => !v.filters.includes('unread') || !m.flags.seen)
    .filter((m) => !v.filters.includes('flagged') || m.flags.flagged)
    .filter((m) => !v.filters.includes('attachments') || m.hasAttachments)
    .sort((a, b) => {
      const k = cmp(key(a), key(b))
      if (k !== 0) return v.descending ? -k : k
      // Ties: newest first under an ascending key (and for a date sort, as its direction says).
      const tieDesc = v.sort === 'date' ? v.descending : !v.descending
      const t = cmp(a.date, b.date) || cmp(Number(a.id), Number(b.id))
      return tieDesc ? -t : t
    })
    .map((m) => m.id)
}

describe('sorted and filtered list pages', () => {
  const { store, inbox, db } = setup()
  const all = store.lists.page([inbox], 0, N, DEFAULT_LIST_VIEW)

  it.each([
    view({}),
    view({ descending: false }),
    view({ sort: 'from', descending: false }),
    view({ sort: 'from', descending: true }),
    view({ sort: 'subject', descending: false }),
    view({ sort: 'size', descending: true }),
    view({ sort: 'size', descending: false, filters: ['attachments'] }),
    view({ filters: ['unread'] }),
    view({ filters: ['flagged', 'unread'] }),
    view({ sort: 'from', filters: ['flagged'] }),
  ])('orders and filters as asked: %j', (v) => {
    const want = expected(all, v)
    expect(store.lists.count([inbox], v)).toBe(want.length)
    expect(store.lists.page([inbox], 0, 100, v).map((m) => m.id)).toEqual(want.slice(0, 100))
    expect(store.lists.page([inbox], 5000, 50, v).map((m) => m.id)).toEqual(want.slice(5000, 5050))
    expect(store.lists.pageIds([inbox], 0, N, v)).toEqual(want)
  })

  it('the default view is the list as it always was (newest first)', () => {
    expect(store.lists.page([inbox], 0, 300, DEFAULT_LIST_VIEW).map((m) => m.id)).toEqual(
      store.messages.page(inbox, 0, 300).map((m) => m.id),
    )
  })

  /** EXPLAIN QUERY PLAN of a first page: read in order from an index, no sort of the folder. */
  const plan = (v: ListView, mailboxes = 1) =>
    (
      db
        .prepare(`EXPLAIN QUERY PLAN ${listPageSql(v, mailboxes, 'rows', true)}`)
        .all(
          ...(mailboxes === 1 ? [inbox] : Array.from({ length: mailboxes }, () => [inbox, 100]).flat()),
          100,
          0,
        ) as {
        detail: string
      }[]
    ).map((r) => r.detail)

  it.each([
    [view({}), 'mail_messages_list'],
    [view({ descending: false }), 'mail_messages_list'],
    [view({ sort: 'from', descending: false }), 'mail_list_from'],
    [view({ sort: 'from', descending: true }), 'mail_list_from'],
    [view({ sort: 'subject', descending: true }), 'mail_list_subject'],
    [view({ sort: 'size', descending: true }), 'mail_list_size'],
    [view({ sort: 'size', descending: false, filters: ['attachments'] }), 'mail_list_size'],
    [view({ filters: ['unread'] }), 'mail_list_unseen'],
    [view({ filters: ['flagged'] }), 'mail_list_flagged'],
    [view({ descending: false, filters: ['unread', 'attachments'] }), 'mail_list_unseen'],
  ])('a first page of %j reads the index %s in order', (v, index) => {
    const steps = plan(v)
    expect(
      steps.some((d) => d.includes(`USING INDEX ${index}`) || d.includes(`USING COVERING INDEX ${index}`)),
    ).toBe(true)
    expect(steps.join('\n')).not.toMatch(/TEMP B-TREE/)
  })

  it('from contacts: only senders the person has written to', () => {
    const { store: s, contacts, inbox: box } = setup(60)
    contacts.record([{ name: 'Bob', address: 'Bob0@Example.test' }], 'sent')
    // Seen in mail only (the feed records every sender): not a contact for the filter.
    contacts.record([{ name: 'Zoe', address: 'Zoe0@example.test' }], 'seen')
    const v = view({ filters: ['contacts'] })
    const found = s.lists.page([box], 0, 100, v)
    expect(found.length).toBe(10)
    expect(found.every((m) => m.from[0]?.address === 'Bob0@example.test')).toBe(true)
    expect(s.lists.count([box], v)).toBe(10)
  })
})
