import { describe, expect, it } from 'vitest'
import { openDatabase } from '../store/database'
import { createContactStore } from './contact-store'

describe('contact store', () => {
  it('suggests addresses by address or name, people written to first, then the most recent', () => {
    const contacts = createContactStore(openDatabase(':memory:'))
    contacts.record([{ name: 'Anna Seen', address: 'anna.seen@example.test' }], 'seen', 300)
    contacts.record([{ name: 'Anna Sent', address: 'anna@example.test' }], 'sent', 100)
    contacts.record([{ address: 'bob@example.test' }], 'sent', 200)
    expect(contacts.suggest('ann', 10).map((a) => a.address)).toEqual([
      'anna@example.test',
      'anna.seen@example.test',
    ])
    expect(contacts.suggest('Sent', 10)).toEqual([{ name: 'Anna Sent', address: 'anna@example.test' }])
    expect(contacts.suggest('', 10)).toEqual([])
    expect(contacts.suggest('%', 10)).toEqual([])
  })

  it('merges the same address in any case and keeps the known name', () => {
    const contacts = createContactStore(openDatabase(':memory:'))
    contacts.record([{ name: 'Carl', address: 'Carl@Example.test' }], 'seen', 1)
    contacts.record([{ address: 'carl@example.test' }], 'sent', 2)
    expect(contacts.suggest('carl', 10)).toEqual([{ name: 'Carl', address: 'Carl@Example.test' }])
  })
})
