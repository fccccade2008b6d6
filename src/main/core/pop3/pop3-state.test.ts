import { describe, expect, it } from 'vitest'
import { sampleAccount } from '../../../../test/helpers/sample-account'
import { createAccountStore } from '../accounts/account-store'
import { openDatabase } from '../store/database'
import { DAY_MS, DEFAULT_POP3_OPTIONS, shouldDeleteOnServer } from './pop3-options'
import { createPop3State } from './pop3-state'

function setup() {
  const db = openDatabase(':memory:')
  const accounts = createAccountStore(db)
  accounts.insert(sampleAccount('a1'))
  accounts.insert(sampleAccount('a2'))
  return { db, accounts, state: createPop3State(db) }
}

describe('POP3 state', () => {
  it('records downloads per account, refuses a second record of a key, and prunes what left the server', () => {
    const { state } = setup()
    state.record('a1', 'u1', 'm1', 100)
    state.record('a1', 'u2', 'm2', 200)
    state.record('a2', 'u1', 'm9', 300)
    expect(() => state.record('a1', 'u1', 'other', 400)).toThrow(/UNIQUE/)
    expect([...state.records('a1').values()]).toEqual([
      { key: 'u1', messageId: 'm1', storedAt: 100 },
      { key: 'u2', messageId: 'm2', storedAt: 200 },
    ])
    expect(state.prune('a1', new Set(['u2']))).toBe(1)
    expect([...state.records('a1').keys()]).toEqual(['u2'])
    expect([...state.records('a2').keys()]).toEqual(['u1'])
  })

  it('keeps a status per account and forgets everything with the account', () => {
    const { state, accounts } = setup()
    state.setStatus('a1', { identity: 'content-hash', lastCheckAt: 5, lastError: null })
    state.record('a1', 'k', 'm', 1)
    expect(state.status('a1')).toEqual({ identity: 'content-hash', lastCheckAt: 5, lastError: null })
    state.setStatus('a1', { identity: 'uidl', lastCheckAt: 6, lastError: '{"code":"TIMEOUT"}' })
    expect(state.status('a1')?.lastError).toBe('{"code":"TIMEOUT"}')
    accounts.remove('a1')
    expect(state.status('a1')).toBeUndefined()
    expect(state.records('a1').size).toBe(0)
  })
})

describe('shouldDeleteOnServer', () => {
  const base = { now: 10 * DAY_MS, storedAt: 10 * DAY_MS, existsLocally: true }
  it('deletes everything committed when mail is not left on the server', () => {
    expect(
      shouldDeleteOnServer({ ...base, options: { ...DEFAULT_POP3_OPTIONS, leaveOnServer: false } }),
    ).toBe(true)
    expect(shouldDeleteOnServer({ ...base, options: DEFAULT_POP3_OPTIONS })).toBe(false)
  })
  it('deletes after N full days, and what was deleted locally only when asked to', () => {
    const days = { ...DEFAULT_POP3_OPTIONS, deleteAfterDays: 2 }
    expect(shouldDeleteOnServer({ ...base, options: days, now: base.storedAt + 2 * DAY_MS - 1 })).toBe(false)
    expect(shouldDeleteOnServer({ ...base, options: days, now: base.storedAt + 2 * DAY_MS })).toBe(true)
    const gone = { ...base, existsLocally: false }
    expect(shouldDeleteOnServer({ ...gone, options: DEFAULT_POP3_OPTIONS })).toBe(false)
    const opt = { ...DEFAULT_POP3_OPTIONS, deleteOnServerWhenDeletedLocally: true }
    expect(shouldDeleteOnServer({ ...gone, options: opt })).toBe(true)
  })
})
