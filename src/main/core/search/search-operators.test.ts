import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { createEventBus } from '../events'
import { createMailStore, type MailStore } from '../store/mail-store'
import type { HeaderRow } from '../store/message-rows'
import { openDatabase, type Db } from '../store/database'
import { createSearchService } from './search-service'
import type { SearchService } from './search-service-api'

/** The query language run against a real SQLite store, bodies indexed by the body pass. */

let db: Db
let store: MailStore
let search: SearchService
const NOW = new Date(2026, 11, 7, 12).getTime()
const DAY = 86_400_000

function header(uid: number, subject: string, over: Partial<HeaderRow> = {}): HeaderRow {
  return {
    uid,
    subject,
    from: [{ address: 'someone@example.test' }],
    to: [{ address: 'me@example.test' }],
    cc: [],
    date: NOW - uid * DAY,
    receivedAt: NOW - uid * DAY,
    size: 1000,
    hasAttachments: false,
    messageId: `<m${uid}@example.test>`,
    inReplyTo: null,
    references: [],
    flags: { seen: true, flagged: false, answered: false, draft: false },
    keywords: [],
    ...over,
  }
}

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n')
const plain = (subject: string, body: string) =>
  crlf(`From: a@example.test\nSubject: ${subject}\nContent-Type: text/plain; charset=utf-8\n\n${body}\n`)
const html = (subject: string, body: string) =>
  crlf(`From: a@example.test\nSubject: ${subject}\nContent-Type: text/html; charset=utf-8\n\n${body}\n`)
const withFile = (subject: string, name: string) =>
  crlf(`From: a@example.test
Subject: ${subject}
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=b

--b
Content-Type: text/plain

See attached.
--b
Content-Type: application/pdf
Content-Disposition: attachment; filename="${name}"
Content-Transfer-Encoding: base64

JVBERi0=
--b--
`)

/** The subjects found, the same whether words are read as rare (from the index) or common (a walk). */
const subjects = (query: string, accountId?: string) => {
  const run = (commonHits?: number) =>
    search
      .search(query, { now: NOW, commonHits, ...(accountId ? { accountId } : {}) })
      .items.map((m) => m.subject)
  const found = run()
  expect(run(0), `${query} walked newest first`).toEqual(found)
  return found
}

beforeEach(async () => {
  db = openDatabase(':memory:')
  store = createMailStore(db)
  search = createSearchService({ db, events: createEventBus(), quietMs: 0 })
  const listing = (path: string, role: 'inbox' | 'archive' | 'trash' | null) => ({
    path,
    name: path.split('/').pop() ?? path,
    parentPath: null,
    delimiter: '/',
    role,
    selectable: true,
    statusTotal: null,
    statusUnread: null,
  })
  const inbox = store.mailboxes.insert('acc1', listing('INBOX', 'inbox'))
  const projects = store.mailboxes.insert('acc1', listing('Work/Projects', null))
  const trash = store.mailboxes.insert('acc2', listing('Papierkorb', 'trash'))
  const unread = { seen: false, flagged: false, answered: false, draft: false }
  store.messages.insertMany(inbox, 'acc1', [
    header(1, 'Weekend plans', { flags: unread, from: [{ name: 'Zoë', address: 'zoe@hike.example' }] }),
    header(2, 'Invoice attached', { hasAttachments: true, size: 300_000 }),
    header(3, 'Flagged note', { flags: { ...unread, seen: true, flagged: true } }),
    header(4, 'Answered question', { flags: { ...unread, seen: true, answered: true } }),
    header(5, 'Newsletter', { cc: [{ address: 'list@news.example' }] }),
  ])
  store.messages.insertMany(projects, 'acc1', [header(40, 'Project kickoff', { size: 20_000 })])
  store.messages.insertMany(trash, 'acc2', [header(400, 'Old receipt', { flags: unread })])
  const id = (subject: string) =>
    db.prepare('SELECT id FROM mail_messages WHERE subject = ?').pluck().get(subject) as number
  store.sources.writeBytes(
    id('Weekend plans'),
    Buffer.from(plain('Weekend plans', 'Shall we go on a hike to the Café Müller?')),
  )
  store.sources.writeBytes(
    id('Newsletter'),
    Buffer.from(html('Newsletter', '<p>Our <b>glacier</b> tour&nbsp;news</p><style>.x{}</style>')),
  )
  store.sources.writeBytes(
    id('Invoice attached'),
    Buffer.from(withFile('Invoice attached', 'Rechnung-Dezember.pdf')),
  )
  await search.indexBodiesNow()
})
afterEach(() => {
  search.close()
  db.close()
})

describe('search operators over the store', () => {
  it('finds words in plain and HTML bodies and attachment names, diacritics folded', () => {
    expect(subjects('hike')).toEqual(['Weekend plans'])
    expect(subjects('cafe muller')).toEqual(['Weekend plans'])
    expect(subjects('body:glacier')).toEqual(['Newsletter'])
    expect(subjects('body:style')).toEqual([])
    expect(subjects('filename:rechnung')).toEqual(['Invoice attached'])
    expect(subjects('filename:pdf')).toEqual(['Invoice attached'])
    expect(subjects('subject:hike')).toEqual([])
    expect(subjects('from:hike')).toEqual(['Weekend plans'])
    expect(subjects('"go on a hike"')).toEqual(['Weekend plans'])
    expect(subjects('"hike go"')).toEqual([])
    expect(search.stats()).toMatchObject({ bodies: 3, pending: 0 })
    expect(search.stats().indexBytes).toBeGreaterThan(0)
  })

  it('filters by flags, attachments, folders, dates and sizes', () => {
    expect(subjects('is:unread')).toEqual(['Weekend plans', 'Old receipt'])
    expect(subjects('is:read')).toEqual([
      'Invoice attached',
      'Flagged note',
      'Answered question',
      'Newsletter',
      'Project kickoff',
    ])
    expect(subjects('is:flagged')).toEqual(['Flagged note'])
    expect(subjects('is:answered')).toEqual(['Answered question'])
    expect(subjects('has:attachment')).toEqual(['Invoice attached'])
    expect(subjects('in:inbox is:unread')).toEqual(['Weekend plans'])
    expect(subjects('in:projects')).toEqual(['Project kickoff'])
    expect(subjects('in:work/projects')).toEqual(['Project kickoff'])
    expect(subjects('in:trash')).toEqual(['Old receipt'])
    expect(subjects('in:anywhere receipt')).toEqual(['Old receipt'])
    expect(subjects('newer_than:3d')).toEqual(['Weekend plans', 'Invoice attached'])
    expect(subjects('older_than:30d')).toEqual(['Project kickoff', 'Old receipt'])
    const day = (n: number) => new Date(NOW - n * DAY)
    const ymd = (d: Date) => `${d.getFullYear()}/${d.getMonth() + 1}/${d.getDate()}`
    expect(subjects(`after:${ymd(day(2))} before:${ymd(day(0))}`)).toEqual([
      'Weekend plans',
      'Invoice attached',
    ])
    expect(subjects('larger:100K')).toEqual(['Invoice attached'])
    expect(subjects('larger:10K smaller:100K')).toEqual(['Project kickoff'])
    expect(subjects('cc:news')).toEqual(['Newsletter'])
    expect(subjects('to:news')).toEqual(['Newsletter'])
  })

  it('negates, ORs and groups, and keeps to the account asked for', () => {
    expect(subjects('is:unread -hike')).toEqual(['Old receipt'])
    expect(subjects('hike OR glacier')).toEqual(['Weekend plans', 'Newsletter'])
    expect(subjects('(hike OR glacier) -is:unread')).toEqual(['Newsletter'])
    expect(subjects('-in:inbox')).toEqual(['Project kickoff', 'Old receipt'])
    expect(subjects('is:unread', 'acc2')).toEqual(['Old receipt'])
    expect(subjects('in:anywhere OR hike')).toHaveLength(7)
  })

  it('answers INVALID_INPUT naming the term for a value that cannot mean anything', () => {
    const err = (() => {
      try {
        subjects('hike before:2026/13/45')
      } catch (e) {
        return e
      }
      return null
    })()
    expect(err).toBeInstanceOf(AppError)
    expect(err).toMatchObject({
      code: 'INVALID_INPUT',
      detail: { field: 'query', term: 'before:2026/13/45' },
    })
  })

  it('answers any string with results or INVALID_INPUT, never an SQL or FTS5 error', () => {
    const pieces = fc.constantFrom(
      '"',
      '(',
      ')',
      '-',
      ' ',
      'OR',
      'AND',
      'NOT',
      'NEAR',
      '*',
      ':',
      '^',
      '{',
      '}',
      'from:',
      'in:',
      'is:unread',
      'in:anywhere',
      'has:attachment',
      'larger:',
      '10K',
      'before:',
      '2026/12/01',
      'hike',
      'é',
      "'",
      ';',
    )
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.array(pieces, { maxLength: 30 }).map((p) => p.join('')),
        ),
        (q) => {
          try {
            search.search(q, { limit: 5 })
          } catch (e) {
            expect(e).toMatchObject({ code: 'INVALID_INPUT' })
          }
        },
      ),
      { numRuns: 1500 },
    )
  })

  it('indexes a body stored later, and forgets a deleted message', async () => {
    expect(subjects('kickoff agenda')).toEqual([])
    const id = db
      .prepare("SELECT id FROM mail_messages WHERE subject = 'Project kickoff'")
      .pluck()
      .get() as number
    store.sources.writeBytes(id, Buffer.from(plain('Project kickoff', 'The agenda is attached')))
    expect(search.stats().pending).toBe(1)
    await search.indexBodiesNow()
    expect(subjects('kickoff agenda')).toEqual(['Project kickoff'])
    db.prepare('DELETE FROM mail_messages WHERE id = ?').run(id)
    expect(db.prepare("SELECT count(*) FROM search_fts WHERE search_fts MATCH 'agenda'").pluck().get()).toBe(
      0,
    )
    expect(search.stats().bodies).toBe(3)
  })
})
