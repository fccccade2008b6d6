import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sampleAccount } from '../../../../test/helpers/sample-account'
import { createAccountStore } from '../accounts/account-store'
import { openDatabase } from '../store/database'
import { matchReport } from './bounce-matcher'
import { createDeliveryStore } from './delivery-store'

const fixture = (name: string) => readFileSync(join(__dirname, '../../../../test/fixtures/bounces', name))
const POSTFIX_ENVID = 'c8ca33b0-1621-4bd6-9b3d-0a01f648a1a4'
const POSTFIX_RCPT = 'nobody-1796681302242@example.test'

function setup() {
  const db = openDatabase(':memory:')
  const accounts = createAccountStore(db)
  accounts.insert(sampleAccount('a'))
  accounts.insert(sampleAccount('other'))
  const store = createDeliveryStore(db)
  return { db, store, accounts }
}
const opts = (id: string | null = '<report@mx>') => ({ receivedAt: 1_000, reportMessageId: id })

describe('matching delivery reports to what was sent', () => {
  it('finds the message by ENVID and records the recipient’s failure with the report', () => {
    const { store } = setup()
    store.recordSent({
      envelopeId: POSTFIX_ENVID,
      accountId: 'a',
      messageId: '<m1@x>',
      recipients: [POSTFIX_RCPT],
      sentAt: 1,
    })
    const m = matchReport(store, 'a', fixture('postfix-unknown-user.eml'), opts())
    expect(m).toMatchObject({ envelopeId: POSTFIX_ENVID, messageId: '<m1@x>', by: 'envelope-id' })
    expect(store.statusByMessageId('<m1@x>')).toEqual([
      expect.objectContaining({ recipient: POSTFIX_RCPT, action: 'failed', status: '5.1.1' }),
    ])
    expect(store.reportMessageIds()).toEqual(['<report@mx>'])
  })

  it('finds it by the returned Message-ID, then by a related id, when no ENVID came back', () => {
    const { store } = setup()
    store.recordSent({
      envelopeId: 'e-q',
      accountId: 'a',
      messageId: '<qmail-original@example.test>',
      recipients: ['gone@qmail.test', 'FULL@qmail.test'],
      sentAt: 1,
    })
    const q = matchReport(store, 'a', fixture('qmail.eml'), opts())
    expect(q).toMatchObject({ by: 'message-id' })
    expect(store.statusOf('e-q').map((d) => [d.recipient, d.status])).toEqual([
      ['full@qmail.test', '5.2.2'],
      ['gone@qmail.test', '5.1.1'],
    ])
    store.recordSent({
      envelopeId: 'e-g',
      accountId: 'a',
      messageId: '<earlier@example.test>',
      recipients: ['nobody@exim.test'],
      sentAt: 1,
    })
    expect(matchReport(store, 'a', fixture('exim-classic.eml'), opts())).toMatchObject({
      by: 'related-id',
      envelopeId: 'e-g',
    })
  })

  it('ignores reports on another account’s mail, on mail we never sent, and on people it was not sent to', () => {
    const { store } = setup()
    store.recordSent({
      envelopeId: POSTFIX_ENVID,
      accountId: 'a',
      messageId: '<m1@x>',
      recipients: ['someone-else@example.test'],
      sentAt: 1,
    })
    expect(matchReport(store, 'other', fixture('postfix-unknown-user.eml'), opts())).toBeNull()
    expect(matchReport(store, 'a', fixture('gmail-legacy.eml'), opts())).toBeNull()
    expect(matchReport(store, 'a', fixture('postfix-unknown-user.eml'), opts())).toMatchObject({
      recorded: [],
    })
    expect(store.statusOf(POSTFIX_ENVID)).toEqual([])
    expect(matchReport(store, 'a', fixture('not-a-bounce.eml'), opts())).toBeNull()
  })

  it('a delay never replaces a final outcome; a later outcome replaces a delay', () => {
    const { store } = setup()
    store.recordSent({
      envelopeId: 'e',
      accountId: 'a',
      messageId: '<m@x>',
      recipients: ['r@x.test'],
      sentAt: 1,
    })
    const failed = {
      recipient: 'r@x.test',
      action: 'failed' as const,
      status: '5.1.1',
      diagnostic: null,
      at: 100,
    }
    const delayed = { ...failed, action: 'delayed' as const, status: '4.4.7', at: 200 }
    expect(store.record('e', delayed, null)).toBe(true)
    expect(store.record('e', failed, null)).toBe(true)
    expect(store.record('e', { ...delayed, at: 300 }, null)).toBe(false)
    expect(store.statusOf('e')).toEqual([failed])
  })
})
