import { describe, expect, it } from 'vitest'
import type { MailboxRole } from '../../../shared/model/mail'
import { createContactStore } from './contact-store'
import { openDatabase } from './database'
import { createMailStore, type MailStore } from './mail-store'
import type { HeaderRow } from './message-rows'
import { threadKeys } from './thread-index'

/** Threads and the contacts feed, computed as the store inserts rows (real SQLite in memory). */

function setup() {
  const db = openDatabase(':memory:')
  const contacts = createContactStore(db)
  const store = createMailStore(db, { contacts })
  const box = (accountId: string, path: string, role: MailboxRole | null, isLocal = false) =>
    store.mailboxes.insert(
      accountId,
      {
        path,
        name: path,
        parentPath: null,
        delimiter: '/',
        role,
        selectable: true,
        statusTotal: null,
        statusUnread: null,
      },
      isLocal,
    )
  return { db, store, contacts, box }
}

let uid = 1
function row(messageId: string | null, extra: Partial<HeaderRow> = {}): HeaderRow {
  return {
    uid: uid++,
    flags: { seen: true, flagged: false, answered: false, draft: false },
    keywords: [],
    subject: `About ${messageId ?? 'nothing'}`,
    from: [{ name: 'Ann', address: 'ann@example.test' }],
    to: [{ address: 'me@example.test' }],
    cc: [],
    date: 1_700_000_000_000 + uid * 1000,
    receivedAt: 1_700_000_000_000 + uid * 1000,
    size: 100,
    hasAttachments: false,
    messageId,
    inReplyTo: null,
    references: [],
    ...extra,
  }
}

const reply = (id: string, parent: string, refs: string[], extra: Partial<HeaderRow> = {}) =>
  row(id, { inReplyTo: parent, references: refs, ...extra })

function threadOf(store: MailStore, mailboxId: number, messageId: string): string | null {
  const found = store.messages.page(mailboxId, 0, 1000).find((m) => m.messageId === messageId)
  if (!found) throw new Error(`${messageId} not stored`)
  return found.threadId
}

describe('threads', () => {
  it('joins replies stored before the messages they answer, across mailboxes, and merges threads', () => {
    const { store, box } = setup()
    const inbox = box('a', 'INBOX', 'inbox')
    const sent = box('a', 'Sent', 'sent')
    // Newest first, as the sync stores them: the second reply names only its parent.
    store.messages.insertMany(inbox, 'a', [reply('<r2@x>', '<r1@x>', ['<r1@x>'])])
    store.messages.insertMany(inbox, 'a', [row('<other@x>')])
    // The first reply (in Sent) names the root: it bridges both ids into one thread.
    store.messages.insertMany(sent, 'a', [reply('<r1@x>', '<root@x>', ['<root@x>'])])
    store.messages.insertMany(inbox, 'a', [row('<root@x>')])

    const t = threadOf(store, inbox, '<root@x>')
    expect(t).not.toBeNull()
    expect(threadOf(store, inbox, '<r2@x>')).toBe(t)
    expect(threadOf(store, sent, '<r1@x>')).toBe(t)
    expect(threadOf(store, inbox, '<other@x>')).not.toBe(t)
    const rows = store.messages.page(inbox, 0, 10)
    expect(rows.find((m) => m.messageId === '<r2@x>')?.threadSize).toBe(3)
    expect(rows.find((m) => m.messageId === '<other@x>')?.threadSize).toBe(1)
  })

  it('shows the conversation oldest first, once per Message-ID, without Trash, Junk or Drafts', () => {
    const { store, box } = setup()
    const inbox = box('a', 'INBOX', 'inbox')
    const archive = box('a', 'Archive', 'archive')
    const trash = box('a', 'Trash', 'trash')
    const drafts = box('a', 'Drafts', 'drafts')
    store.messages.insertMany(inbox, 'a', [row('<root@x>', { date: 1000 })])
    store.messages.insertMany(archive, 'a', [row('<root@x>', { date: 1000 })]) // the same message, copied
    store.messages.insertMany(inbox, 'a', [reply('<r1@x>', '<root@x>', ['<root@x>'], { date: 3000 })])
    store.messages.insertMany(trash, 'a', [reply('<gone@x>', '<root@x>', ['<root@x>'], { date: 2000 })])
    store.messages.insertMany(drafts, 'a', [reply('<draft@x>', '<r1@x>', ['<root@x>', '<r1@x>'])])

    const [first, second] = store.messages.page(inbox, 0, 10).sort((a, b) => a.date - b.date)
    const thread = store.threads.conversation({ id: Number(second!.id), threadId: Number(second!.threadId) })
    expect(thread.map((m) => [m.messageId, m.mailboxId])).toEqual([
      ['<root@x>', first!.mailboxId],
      ['<r1@x>', String(inbox)],
    ])
    expect(thread.every((m) => m.threadSize === 2)).toBe(true)
    // Asked from the archived copy, the conversation shows that copy.
    const copy = store.messages.page(archive, 0, 1)[0]!
    const fromCopy = store.threads.conversation({ id: Number(copy.id), threadId: Number(copy.threadId) })
    expect(fromCopy.map((m) => m.id)).toEqual([copy.id, second!.id])
  })

  it('keeps accounts apart and gives messages without ids threads of their own', () => {
    const { store, box } = setup()
    const a = box('a', 'INBOX', 'inbox')
    const b = box('b', 'INBOX', 'inbox')
    store.messages.insertMany(a, 'a', [row('<same@x>'), row(null), row(null)])
    store.messages.insertMany(b, 'b', [row('<same@x>')])
    expect(threadOf(store, a, '<same@x>')).not.toBe(threadOf(store, b, '<same@x>'))
    const lonely = store.messages.page(a, 0, 10).filter((m) => m.messageId === null)
    expect(new Set(lonely.map((m) => m.threadId)).size).toBe(2)
  })

  it('keeps the thread when a message is copied, and after the account is purged forgets it', () => {
    const { store, box, db } = setup()
    const inbox = box('a', 'INBOX', 'inbox')
    const archive = box('a', 'Archive', 'archive')
    store.messages.insertMany(inbox, 'a', [row('<root@x>')])
    const original = store.messages.page(inbox, 0, 1)[0]!
    const copyId = store.mutations.duplicate(Number(original.id), archive)
    expect(store.messages.get(copyId)?.threadId).toBe(Number(original.threadId))
    store.purgeAccount('a')
    expect(db.prepare('SELECT COUNT(*) AS n FROM mail_thread_ids').get()).toEqual({ n: 0 })
  })

  it('threads rows stored before threads existed, in batches', () => {
    const { store, box, db } = setup()
    const inbox = box('a', 'INBOX', 'inbox')
    store.messages.insertMany(inbox, 'a', [row('<root@x>'), reply('<r1@x>', '<root@x>', ['<root@x>'])])
    // As an older version of the app left them: no thread.
    db.exec('UPDATE mail_messages SET thread_id = NULL; DELETE FROM mail_thread_ids')
    expect(store.threads.backfill(1)).toBe(1)
    expect(store.threads.backfill(10)).toBe(1)
    expect(store.threads.backfill(10)).toBe(0)
    const rows = store.messages.page(inbox, 0, 10)
    expect(rows[0]!.threadId).not.toBeNull()
    expect(rows[0]!.threadId).toBe(rows[1]!.threadId)
  })

  it('caps the ids one message can name, keeping the root and the newest', () => {
    const refs = Array.from({ length: 500 }, (_, i) => `<${i}@x>`)
    const keys = threadKeys({ messageId: '<me@x>', inReplyTo: '<499@x>', references: refs })
    expect(keys.length).toBeLessThanOrEqual(50)
    expect(keys).toContain('<0@x>')
    expect(keys).toContain('<499@x>')
    expect(keys).toContain('<me@x>')
  })
})

describe('contacts from stored mail', () => {
  it('feeds From, To and Cc of stored messages once each, counted per address, but nothing from Junk', () => {
    const { store, box, contacts } = setup()
    const inbox = box('a', 'INBOX', 'inbox')
    const junk = box('a', 'Junk', 'junk')
    store.messages.insertMany(inbox, 'a', [
      row('<1@x>', { cc: [{ name: 'Cleo Cc', address: 'cleo@example.test' }] }),
      row('<2@x>', { from: [{ address: 'ANN@example.test' }] }),
    ])
    store.messages.insertMany(junk, 'a', [row('<3@x>', { from: [{ address: 'spammer@example.test' }] })])
    expect(contacts.suggest('cleo', 5)).toEqual([])
    expect(store.feedContacts(2)).toBe(2)
    expect(store.feedContacts(100)).toBe(1)
    expect(store.feedContacts(100)).toBe(0)
    expect(contacts.suggest('cleo', 5)).toEqual([{ name: 'Cleo Cc', address: 'cleo@example.test' }])
    expect(contacts.suggest('ann', 5)).toEqual([{ name: 'Ann', address: 'ann@example.test' }])
    expect(contacts.suggest('me@', 5)).toEqual([{ address: 'me@example.test' }])
    expect(contacts.suggest('spammer', 5)).toEqual([])
    // Rows stored later are fed by the next pass, and the counts add up.
    store.messages.insertMany(inbox, 'a', [row('<4@x>', { from: [{ address: 'zed@example.test' }] })])
    expect(store.feedContacts(100)).toBe(1)
    expect(contacts.suggest('zed', 5)).toEqual([{ address: 'zed@example.test' }])
  })
})
