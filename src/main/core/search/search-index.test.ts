import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MailAddress } from '../../../shared/model/mail'
import { createEventBus, type EventBus } from '../events'
import { createMailStore, type MailStore } from '../store/mail-store'
import type { HeaderRow } from '../store/message-rows'
import { openDatabase, type Db } from '../store/database'
import { createSearchService } from './search-service'
import type { SearchService } from './search-service-api'

let db: Db
let store: MailStore
let events: EventBus
let search: SearchService
let inbox: number
let archive: number

function header(
  uid: number,
  subject: string,
  from: MailAddress[],
  to: MailAddress[] = [],
  date = uid,
): HeaderRow {
  return {
    uid,
    subject,
    from,
    to,
    cc: [],
    date,
    receivedAt: date,
    size: 100,
    hasAttachments: false,
    messageId: `<m${uid}.${subject.length}@example.test>`,
    inReplyTo: null,
    references: [],
    flags: { seen: false, flagged: false, answered: false, draft: false },
    keywords: [],
  }
}

const listing = (path: string, role: 'inbox' | 'archive') => ({
  path,
  name: path,
  parentPath: null,
  delimiter: '/',
  role,
  selectable: true,
  statusTotal: null,
  statusUnread: null,
})

const ids = (query: string, opts?: { accountId?: string; limit?: number }) =>
  search.search(query, opts).items.map((m) => m.subject)

beforeEach(() => {
  db = openDatabase(':memory:')
  events = createEventBus()
  store = createMailStore(db)
  search = createSearchService({ db, events, batch: 2, quietMs: 0 })
  inbox = store.mailboxes.insert('acc1', listing('INBOX', 'inbox'))
  archive = store.mailboxes.insert('acc2', listing('Archive', 'archive'))
  store.messages.insertMany(inbox, 'acc1', [
    header(
      1,
      'Quarterly invoice',
      [{ name: 'Zoë Ånström', address: 'zoe@shop.example' }],
      [{ address: 'me@example.test' }],
    ),
    header(2, 'Lunch on Friday?', [{ name: 'Bob Baker', address: 'bob@example.test' }]),
    header(
      3,
      'Re: Quarterly invoice',
      [{ address: 'me@example.test' }],
      [{ name: 'Zoe', address: 'zoe@shop.example' }],
    ),
  ])
  store.messages.insertMany(archive, 'acc2', [
    header(4, 'Old invoice', [{ address: 'billing@shop.example' }]),
  ])
})
afterEach(() => {
  search.close()
  db.close()
})

describe('search index', () => {
  it('finds by subject word, sender name (diacritics folded) and address prefix, newest first', () => {
    search.indexNow()
    expect(ids('invoice')).toEqual(['Old invoice', 'Re: Quarterly invoice', 'Quarterly invoice'])
    expect(ids('zoe')).toEqual(['Re: Quarterly invoice', 'Quarterly invoice'])
    expect(ids('anstr')).toEqual(['Quarterly invoice'])
    expect(ids('bob@exa')).toEqual(['Lunch on Friday?'])
    expect(ids('shop.example')).toEqual(['Old invoice', 'Re: Quarterly invoice', 'Quarterly invoice'])
    expect(ids('quart inv')).toEqual(['Re: Quarterly invoice', 'Quarterly invoice'])
    expect(ids('nothing-like-this')).toEqual([])
    expect(ids('"')).toEqual([])
  })

  it('filters by column, by account, and limits the result', () => {
    search.indexNow()
    expect(ids('from:zoe')).toEqual(['Quarterly invoice'])
    expect(ids('to:zoe')).toEqual(['Re: Quarterly invoice'])
    expect(ids('subject:friday')).toEqual(['Lunch on Friday?'])
    expect(ids('from:friday')).toEqual([])
    expect(ids('invoice', { accountId: 'acc2' })).toEqual(['Old invoice'])
    const limited = search.search('invoice', { limit: 2 })
    expect(limited.items.map((m) => m.subject)).toEqual(['Old invoice', 'Re: Quarterly invoice'])
    expect(limited.truncated).toBe(true)
  })

  it('names the mailbox each result is in', () => {
    search.indexNow()
    const [hit] = search.search('old').items
    expect(hit).toMatchObject({
      mailboxId: String(archive),
      mailboxName: 'Archive',
      mailboxRole: 'archive',
      accountId: 'acc2',
    })
  })

  it('leaves out hidden rows, and deleted rows leave the index', () => {
    search.indexNow()
    const lunch = search.search('lunch').items[0]
    expect(lunch).toBeDefined()
    store.mutations.hide([Number(lunch?.id)], true)
    expect(ids('lunch')).toEqual([])
    store.mutations.hide([Number(lunch?.id)], false)
    expect(ids('lunch')).toEqual(['Lunch on Friday?'])
    store.messages.deleteUids(inbox, [2])
    expect(ids('lunch')).toEqual([])
    expect(db.prepare("SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH 'lunch'").get()).toEqual({
      n: 0,
    })
    // A purged account's rows go too (the foreign key's cascade fires the trigger).
    store.purgeAccount('acc2')
    expect(db.prepare("SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH 'old'").get()).toEqual({
      n: 0,
    })
  })

  it('a row deleted before it was indexed is simply never indexed', () => {
    store.messages.deleteUids(inbox, [2])
    search.indexNow()
    expect(ids('lunch')).toEqual([])
    expect(ids('invoice')).toHaveLength(3)
  })

  it('indexes in batches in the background after a mailbox changed, not on insert', async () => {
    // Indexing never happens inside the insert: the header sync must not get slower.
    expect(search.index.upToDate()).toBe(false)
    expect(search.index.step(2)).toBe(2)
    expect(search.index.step(2)).toBe(2)
    expect(search.index.step(2)).toBe(0)
    expect(search.index.upToDate()).toBe(true)
    store.messages.insertMany(inbox, 'acc1', [
      header(10, 'Fresh news one', [{ address: 'a@example.test' }]),
      header(11, 'Fresh news two', [{ address: 'a@example.test' }]),
      header(12, 'Fresh news three', [{ address: 'a@example.test' }]),
    ])
    expect(search.index.upToDate()).toBe(false)
    events.emit('mailbox:changed', { accountId: 'acc1', mailboxId: String(inbox) })
    await expect.poll(() => search.index.upToDate()).toBe(true)
    expect(ids('fresh')).toEqual(['Fresh news three', 'Fresh news two', 'Fresh news one'])
  })

  it('finds mail that arrived just now, before the background pass ran', () => {
    search.close() // no background pass in this test
    search.indexNow()
    store.messages.insertMany(inbox, 'acc1', [header(20, 'Breaking', [{ address: 'a@example.test' }])])
    const result = search.search('breaking')
    expect(result.items.map((m) => m.subject)).toEqual(['Breaking'])
    expect(result.indexing).toBe(false)
  })
})
