import { describe, expect, it } from 'vitest'
import type { MailAddress } from '../../../shared/model/mail'
import { sampleAccount } from '../../../../test/helpers/sample-account'
import { createAccountStore } from '../accounts/account-store'
import { createContactKnowledge, type ContactKnowledge } from '../store/contact-knowledge'
import { createContactStore } from '../store/contact-store'
import { openDatabase } from '../store/database'
import { lookAlikeOf, withinOneEdit } from './look-alike'
import { spoofWarnings } from './spoof-warnings'

/** The person is ann@mailroom.test and has written to people at example.com and gmail.com. */
function known(): ContactKnowledge {
  const db = openDatabase(':memory:')
  createAccountStore(db).insert(sampleAccount('a'))
  const contacts = createContactStore(db)
  contacts.record([{ address: 'bob@example.com' }, { address: 'carol@gmail.com' }], 'sent')
  contacts.record([{ address: 'news@shop.test' }, { address: 'news@shop.test' }], 'seen')
  contacts.record([{ address: 'newbie@stranger.test' }], 'seen')
  return createContactKnowledge(db)
}

const own = ['ann@mailroom.test']
const warn = (from: MailAddress, replyTo: MailAddress[] = [], dmarcFailed = false, contacts = known()) =>
  spoofWarnings({ from, replyTo, dmarcFailed, ownAddresses: own, contacts }).map((w) => w.kind)

describe('look-alike domains', () => {
  // [sender domain, the domain it imitates or null]
  const corpus: [string, string | null][] = [
    ['examp1e.com', 'example.com'], // digit for letter
    ['exarnple.com', 'example.com'], // rn for m
    ['exampel.com', 'example.com'], // neighbours swapped
    ['examples.com', 'example.com'], // one letter added
    ['exmple.com', 'example.com'], // one letter dropped
    ['example.co', 'example.com'], // another top-level domain, one edit
    ['xn--exmple-4nf.com', 'example.com'], // IDN: "exаmple" with Cyrillic а
    ['exаmple.com', 'example.com'], // the same, in Unicode
    ['gmai1.com', 'gmail.com'],
    ['rnailroom.test', 'mailroom.test'],
    ['mail.example.com', null], // the same organization
    ['example.com', null],
    ['sample.org', null], // unrelated
    ['ab.com', null], // too short for one edit to mean anything…
    ['ac.com', null],
    ['amazon.com', null],
  ]
  it.each(corpus)('%s → %s', (domain, expected) => {
    expect(lookAlikeOf(domain, ['example.com', 'gmail.com', 'mailroom.test', 'ab.com'])).toBe(expected)
  })

  it('one edit, counted by hand', () => {
    expect(withinOneEdit('kitten', 'sitten')).toBe(true)
    expect(withinOneEdit('kitten', 'kittens')).toBe(true)
    expect(withinOneEdit('kitten', 'iktten')).toBe(true)
    expect(withinOneEdit('kitten', 'sitting')).toBe(false)
    expect(withinOneEdit('abcd', 'badc')).toBe(false)
  })
})

describe('spoofing warnings', () => {
  it('a display name that is another address', () => {
    expect(warn({ name: 'bob@example.com', address: 'x@evil.test' })).toContain('display-name-address')
    expect(warn({ name: 'Bob (bob@example.com)', address: 'x@evil.test' })).toContain('display-name-address')
    expect(warn({ name: 'BOB@Example.com', address: 'bob@example.com' })).toEqual([])
    expect(warn({ name: 'Bob at Example', address: 'bob@example.com' })).toEqual([])
  })

  it('a look-alike of the own domain or of a contact’s, told apart', () => {
    const own = spoofWarnings({
      from: { address: 'it@rnailroom.test' },
      replyTo: [],
      dmarcFailed: false,
      ownAddresses: ['ann@mailroom.test'],
      contacts: known(),
    })
    expect(own).toEqual([
      { kind: 'look-alike-domain', domain: 'rnailroom.test', resembles: 'mailroom.test', of: 'account' },
    ])
    expect(warn({ address: 'bob@examp1e.com' })).toEqual(['look-alike-domain'])
    // Seen only (never written to) is no reference: anyone can write to you.
    expect(warn({ address: 'x@shopp.test' })).toEqual([])
  })

  it('Reply-To to another organization on first contact only', () => {
    expect(warn({ address: 'newbie@stranger.test' }, [{ address: 'pay@elsewhere.test' }])).toEqual([
      'reply-to-elsewhere',
    ])
    expect(warn({ address: 'new@stranger.test' }, [{ address: 'replies@mail.stranger.test' }])).toEqual([])
    expect(warn({ address: 'bob@example.com' }, [{ address: 'bob@other.test' }])).toEqual([]) // written to
    expect(warn({ address: 'news@shop.test' }, [{ address: 'help@desk.test' }])).toEqual([]) // seen before
  })

  it('a DMARC failure', () => {
    expect(warn({ address: 'bob@example.com' }, [], true)).toEqual(['dmarc-fail'])
  })

  it('an ordinary message from a correspondent gets none', () => {
    expect(warn({ name: 'Bob', address: 'bob@example.com' }, [{ address: 'bob@example.com' }])).toEqual([])
  })
})
