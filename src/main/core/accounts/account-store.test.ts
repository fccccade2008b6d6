import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createMemorySecretStore } from '../secrets/secret-store'
import { openDatabase } from '../store/database'
import { createAccountSource, secretKey } from './account-secrets'
import { createAccountStore } from './account-store'
import { sampleAccount } from '../../../../test/helpers/sample-account'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))
function dbFile() {
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-accounts-'))
  dirs.push(dir)
  return join(dir, 'store.sqlite')
}

describe('account store', () => {
  it('keeps accounts in insertion order across a reopen, and updates and removes them', () => {
    const file = dbFile()
    let db = openDatabase(file)
    let store = createAccountStore(db)
    store.insert(sampleAccount('b'))
    store.insert(sampleAccount('a'))
    db.close()
    db = openDatabase(file)
    store = createAccountStore(db)
    expect(store.list().map((a) => a.id)).toEqual(['b', 'a'])
    store.update({ ...sampleAccount('a'), displayName: 'Renamed' })
    expect(store.get('a')?.displayName).toBe('Renamed')
    expect(store.remove('b')).toBe(true)
    expect(store.remove('b')).toBe(false)
    expect(store.list()).toEqual([{ ...sampleAccount('a'), displayName: 'Renamed' }])
    expect(() => store.update(sampleAccount('nope'))).toThrow(/No account/)
    db.close()
  })
})

describe('account source', () => {
  it('gives settings and passwords, with typed errors when either is missing', async () => {
    const db = openDatabase(dbFile())
    const store = createAccountStore(db)
    const secrets = createMemorySecretStore()
    store.insert(sampleAccount('a'))
    await secrets.set(secretKey('a', 'incoming'), 'in-pw')
    const source = createAccountSource(store, secrets)
    expect(source.get('a').address).toBe('a@example.test')
    expect(await source.password('a', 'incoming')).toBe('in-pw')
    await expect(source.password('a', 'outgoing')).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      detail: { reason: 'no-password' },
    })
    expect(() => source.get('x')).toThrow(expect.objectContaining({ code: 'ACCOUNT_NOT_FOUND' }))
    db.close()
  })
})
