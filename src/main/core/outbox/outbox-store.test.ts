import { describe, expect, it } from 'vitest'
import { createAccountStore } from '../accounts/account-store'
import { openDatabase } from '../store/database'
import { sampleAccount } from '../../../../test/helpers/sample-account'
import { createOutboxStore, toItem } from './outbox-store'

function setup() {
  const db = openDatabase(':memory:')
  createAccountStore(db).insert(sampleAccount('a'))
  const store = createOutboxStore(db)
  const add = (id: string, sendAt: number) =>
    store.insert({
      id,
      accountId: 'a',
      draftId: `d-${id}`,
      messageId: `<${id}@x>`,
      subject: id,
      recipients: ['b@x.test'],
      envelope: { from: 'a@x.test', to: ['b@x.test'] },
      raw: Buffer.from(`raw ${id}`),
      needsSmtpUtf8: false,
      eightBit: false,
      queuedAt: 0,
      sendAt,
    })
  return { db, store, add }
}

describe('outbox store', () => {
  it('hands each due row to exactly one claimer, in order, with its bytes', () => {
    const { store, add } = setup()
    add('late', 500)
    add('first', 100)
    add('second', 200)
    expect(store.claimNext('a', 50)).toBeUndefined()
    const one = store.claimNext('a', 300)!
    expect([one.id, one.state, one.attempts, one.raw.toString()]).toEqual([
      'first',
      'sending',
      1,
      'raw first',
    ])
    expect(store.claimNext('a', 300)?.id).toBe('second')
    expect(store.claimNext('a', 300)).toBeUndefined()
    expect(store.dueAccounts(1000)).toEqual([{ accountId: 'a', count: 1 }])
    expect(store.nextDueAt()).toBe(500)
  })

  it('after a crash, requeues rows that never reached the end of data and keeps committing ones', () => {
    const { store, add } = setup()
    add('x', 0)
    add('y', 0)
    store.claimNext('a', 1)
    store.claimNext('a', 1)
    store.markCommitting('y', 2)
    expect(store.requeueInterrupted(3)).toBe(1)
    expect(store.get('x')?.state).toBe('queued')
    expect(store.get('y')?.state).toBe('committing')
    // The UI never sees 'committing': it is still 'sending' to the person.
    expect(toItem(store.get('y')!).state).toBe('sending')
  })

  it('records sent, retry and failure states with the error, and the Sent copy separately', () => {
    const { store, add } = setup()
    add('s', 0)
    add('r', 0)
    add('f', 0)
    store.markSent('s', 10, 'pending')
    expect(store.accountsWithCopiesDue(10)).toEqual(['a'])
    expect(store.sentCopiesDue('a', 10, 10).map((r) => [r.id, r.raw.toString()])).toEqual([['s', 'raw s']])
    store.setSentCopy('s', 'saved', null, 11)
    expect(store.accountsWithCopiesDue(11)).toEqual([])
    const error = { code: 'CONNECTION_FAILED' as const, message: 'down', retryable: true }
    store.requeue('r', 5000, error, 12)
    expect(store.get('r')).toMatchObject({ state: 'queued', sendAt: 5000, lastError: error })
    store.markFailed('f', { ...error, code: 'SERVER_REJECTED', retryable: false }, 13)
    expect(store.get('f')).toMatchObject({ state: 'failed', lastError: { code: 'SERVER_REJECTED' } })
    expect(store.settings()).toEqual({ undoSeconds: 5 })
    store.saveSettings({ undoSeconds: 12 })
    expect(store.settings()).toEqual({ undoSeconds: 12 })
    expect(store.remove('f')).toBe(true)
    expect(store.get('f')).toBeUndefined()
  })

  it('keeps a Sent copy that could not be saved, with the server’s words, until it is (never pruned)', () => {
    const { store, add } = setup()
    add('kept', 0)
    add('done', 0)
    store.markSent('kept', 10, 'pending')
    store.markSent('done', 10, 'pending')
    store.setSentCopy('done', 'saved', null, 11)
    const refused = {
      code: 'SERVER_REJECTED' as const,
      message: 'refused',
      retryable: false,
      detail: { serverResponse: 'Message contains bare newlines' },
    }
    store.setSentCopy('kept', 'failed', 500, 12, refused)
    expect(toItem(store.get('kept')!)).toMatchObject({
      sentCopy: 'failed',
      sentCopyError: refused,
      sentCopyAt: null,
    })
    expect(store.pruneSent(10_000)).toBe(1)
    expect(store.get('done')).toBeUndefined()
    expect(store.get('kept')).toBeDefined()
    expect(store.rawOf('kept')?.toString()).toBe('raw kept')

    // The person's Retry makes it due now; the error stays until an attempt succeeds.
    expect(store.retrySentCopy('kept', 20)).toBe(true)
    expect(store.sentCopiesDue('a', 20, 10).map((r) => r.id)).toEqual(['kept'])
    expect(toItem(store.get('kept')!)).toMatchObject({
      sentCopy: 'pending',
      sentCopyAt: 20,
      sentCopyError: refused,
    })
    store.setSentCopy('kept', 'saved', null, 21)
    expect(toItem(store.get('kept')!)).toMatchObject({ sentCopy: 'saved', sentCopyError: null })
    expect(store.retrySentCopy('kept', 22)).toBe(false)
  })

  it('counts each account’s due messages up to the cap, and only queued ones that are due', () => {
    const { db, store, add } = setup()
    createAccountStore(db).insert(sampleAccount('b'))
    for (let i = 0; i < 8; i++) add(`a${i}`, i * 10)
    const addFor = (id: string, sendAt: number) =>
      store.insert({
        id,
        accountId: 'b',
        draftId: `d-${id}`,
        messageId: `<${id}@x>`,
        subject: id,
        recipients: ['c@x.test'],
        envelope: { from: 'b@x.test', to: ['c@x.test'] },
        raw: Buffer.from(id),
        needsSmtpUtf8: false,
        eightBit: false,
        queuedAt: 0,
        sendAt,
      })
    addFor('b-late', 1000)
    expect(store.dueAccounts(35)).toEqual([{ accountId: 'a', count: 4 }])
    addFor('b-due', 0)
    expect(store.dueAccounts(100, 5)).toEqual([
      { accountId: 'a', count: 5 },
      { accountId: 'b', count: 1 },
    ])
    // Claimed, sent or failed rows are not due; a requeued one is again.
    store.claimNext('a', 100)
    store.markSent('a1', 100, null)
    store.markFailed('a2', { code: 'SERVER_REJECTED', message: 'no', retryable: false }, 100)
    expect(store.dueAccounts(100)).toEqual([
      { accountId: 'a', count: 5 },
      { accountId: 'b', count: 1 },
    ])
    store.requeue('a2', 50, null, 100)
    expect(store.dueAccounts(100)).toEqual([
      { accountId: 'a', count: 6 },
      { accountId: 'b', count: 1 },
    ])
  })
})
