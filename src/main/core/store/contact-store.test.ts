import { describe, expect, it } from 'vitest'
import { openDatabase } from './database'
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

describe('suggestions from the prefix index', () => {
  it('matches the start of any word of the address or name, all words typed, diacritics folded', () => {
    const contacts = createContactStore(openDatabase(':memory:'))
    contacts.recordSeen([
      { address: { name: 'Zoë Ånström', address: 'zoe.anstrom@example.test' }, count: 3, lastAt: 5 },
      { address: { name: 'Zora Berg', address: 'zb@mail.example.test' }, count: 1, lastAt: 9 },
      { address: { address: 'billing@shop.example' }, count: 9, lastAt: 1 },
    ])
    expect(contacts.suggest('zo', 10).map((a) => a.address)).toEqual([
      'zoe.anstrom@example.test',
      'zb@mail.example.test',
    ])
    expect(contacts.suggest('Ånst', 10).map((a) => a.address)).toEqual(['zoe.anstrom@example.test'])
    expect(contacts.suggest('zora b', 10).map((a) => a.address)).toEqual(['zb@mail.example.test'])
    expect(contacts.suggest('mail.exa', 10).map((a) => a.address)).toEqual(['zb@mail.example.test'])
    expect(contacts.suggest('shop', 10)).toEqual([{ address: 'billing@shop.example' }])
    expect(contacts.suggest('"* OR x', 10)).toEqual([])
    // A name learned later replaces nothing in the index that it should not.
    contacts.record([{ name: 'Bill Ing', address: 'billing@shop.example' }], 'sent', 10)
    expect(contacts.suggest('bill i', 10)).toEqual([{ name: 'Bill Ing', address: 'billing@shop.example' }])
  })
})
