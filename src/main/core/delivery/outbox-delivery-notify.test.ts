import { describe, expect, it } from 'vitest'
import { sampleAccount } from '../../../../test/helpers/sample-account'
import { createAccountStore } from '../accounts/account-store'
import { createOutboxStore } from '../outbox/outbox-store'
import { openDatabase } from '../store/database'

describe('the delivery report choice travels with the outbox row', () => {
  it('is kept as chosen, defaults to failure-only, and survives reopening the store', () => {
    const db = openDatabase(':memory:')
    createAccountStore(db).insert(sampleAccount('a'))
    const store = createOutboxStore(db)
    const add = (id: string, deliveryNotify?: 'failure' | 'all') =>
      store.insert({
        id,
        accountId: 'a',
        draftId: `d-${id}`,
        messageId: `<${id}@x>`,
        subject: id,
        recipients: ['b@x.test'],
        envelope: { from: 'a@x.test', to: ['b@x.test'] },
        raw: Buffer.from('raw'),
        needsSmtpUtf8: false,
        eightBit: false,
        queuedAt: 0,
        sendAt: 0,
        ...(deliveryNotify ? { deliveryNotify } : {}),
      })
    add('asked', 'all')
    add('default')
    // What the worker claims (and hands to the SMTP session) carries the choice.
    const claimed = [store.claimNext('a', 1), store.claimNext('a', 1)].map((r) => [r?.id, r?.deliveryNotify])
    expect(Object.fromEntries(claimed)).toEqual({ asked: 'all', default: 'failure' })
    // The migration runs once; a second store on the same file reads what the first wrote.
    const again = createOutboxStore(db)
    expect(again.get('asked')?.deliveryNotify).toBe('all')
    expect(again.get('default')?.deliveryNotify).toBe('failure')
    expect(() => db.prepare("UPDATE outbox SET delivery_notify = 'sometimes'").run()).toThrow(/CHECK/)
  })
})
