import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createEventBus } from '../events'
import { createMailStore } from '../store/mail-store'
import { openDatabase, type Db } from '../store/database'
import { createSearchService } from './search-service'
import type { SearchService } from './search-service-api'
import { MAX_SAVED_SEARCHES } from './saved-searches'

/** Saved searches over a real SQLite store: kept, counted (unread matches), refused when meaningless. */

let db: Db
let search: SearchService
const flags = (seen: boolean) => ({ seen, flagged: false, answered: false, draft: false })
const header = (uid: number, subject: string, seen: boolean, from = 'ada@example.test') => ({
  uid,
  subject,
  from: [{ address: from }],
  to: [{ address: 'me@example.test' }],
  cc: [],
  date: Date.UTC(2026, 10, uid),
  receivedAt: Date.UTC(2026, 10, uid),
  size: 1000,
  hasAttachments: uid % 2 === 0,
  messageId: `<m${uid}@example.test>`,
  inReplyTo: null,
  references: [],
  flags: flags(seen),
  keywords: [],
})

beforeEach(() => {
  db = openDatabase(':memory:')
  const store = createMailStore(db)
  search = createSearchService({ db, events: createEventBus(), quietMs: 0 })
  const inbox = store.mailboxes.insert('acc1', {
    path: 'INBOX',
    name: 'INBOX',
    parentPath: null,
    delimiter: '/',
    role: 'inbox',
    selectable: true,
    statusTotal: null,
    statusUnread: null,
  })
  store.messages.insertMany(inbox, 'acc1', [
    header(1, 'Invoice March', false),
    header(2, 'Invoice April', false),
    header(3, 'Invoice May', true),
    header(4, 'Lunch', false, 'bob@example.test'),
  ])
})
afterEach(() => {
  search.close()
  db.close()
})

describe('saved searches', () => {
  it('are kept by name with the number of unread messages that match', () => {
    expect(search.listSavedSearches()).toEqual([])
    search.saveSearch('  Invoices ', 'invoice')
    const list = search.saveSearch('Ada with files', 'from:ada has:attachment')
    expect(list.map((s) => [s.name, s.query, s.unread])).toEqual([
      ['Ada with files', 'from:ada has:attachment', 1],
      ['Invoices', 'invoice', 2],
    ])
    // A query of several words and operators is still counted as one AND with is:unread.
    search.saveSearch('Either', 'march OR lunch')
    expect(search.listSavedSearches().find((s) => s.name === 'Either')?.unread).toBe(2)
    const id = list.find((s) => s.name === 'Invoices')!.id
    expect(search.removeSavedSearch(id).map((s) => s.name)).toEqual(['Ada with files', 'Either'])
  })

  it('refuses an empty name or query, a meaningless query, and too many', () => {
    expect(() => search.saveSearch(' ', 'invoice')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    )
    expect(() => search.saveSearch('x', '  ')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
    expect(() => search.saveSearch('x', 'before:2026/13/45')).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        detail: { field: 'query', term: 'before:2026/13/45' },
      }),
    )
    expect(search.listSavedSearches()).toEqual([])
    for (let i = 0; i < MAX_SAVED_SEARCHES; i++) search.saveSearch(`s${i}`, 'invoice')
    expect(() => search.saveSearch('one more', 'invoice')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    )
  })
})
