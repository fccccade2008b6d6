import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccountDraft } from '../../../shared/model/account'
import { sampleAccount } from '../../../../test/helpers/sample-account'
import { resolveDiscoveryOptions } from '../autoconfig/discovery-options'
import { createEventBus } from '../events'
import { SYSTEM_TRUST } from '../net/tls'
import { createMemorySecretStore } from '../secrets/secret-store'
import { openDatabase, type Db } from '../store/database'
import { accountDraftSchema, parseInput } from './account-input'
import { createAccountStore, type AccountStore } from './account-store'
import { createAccountsService } from './accounts-service'
import type { AccountsService } from './accounts-service-api'

/**
 * An account's identities as main checks them: a bad one is refused with INVALID_INPUT naming
 * its field, and nothing is saved. Changing only identities needs no server (nothing to verify),
 * so the real service runs here on a real SQLite store without the mail servers.
 */
const saved = sampleAccount('acc', 'jo@example.test')
const { id: _id, createdAt: _c, ...base } = saved
const draft = (identities: unknown[]): AccountDraft => ({ ...base, identities }) as AccountDraft
const main = saved.identities[0]!

describe('identity input', () => {
  it.each([
    ['a malformed address', [main, { name: 'Alias', address: 'alias@' }], 'draft.identities.1.address'],
    ['CR/LF in a name', [{ ...main, name: 'Jo\r\nBcc: x@evil.test' }], 'draft.identities.0.name'],
    ['a bare LF in a name', [main, { name: 'A\nB', address: 'b@example.test' }], 'draft.identities.1.name'],
    [
      'the same address twice',
      [main, { name: 'Again', address: 'jo@example.test' }],
      'draft.identities.1.address',
    ],
    [
      'the same address, domain in capitals',
      [main, { name: 'X', address: 'jo@EXAMPLE.test' }],
      'draft.identities.1.address',
    ],
    ['one id twice', [main, { id: main.id, name: 'X', address: 'x@example.test' }], 'draft.identities.1.id'],
    ['no identity', [], 'draft.identities'],
    ['an unknown key', [{ ...main, replyTo: 'x@example.test' }], 'draft.identities.0'],
  ])('refuses %s, naming the field', (_what, identities, field) => {
    expect(() => parseInput(accountDraftSchema, draft(identities), 'draft')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', detail: { field } }),
    )
  })

  it('accepts distinct addresses, multi-line signatures and names without a display name', () => {
    const identities = [
      { ...main, signature: 'Jo\n-- \nExample Ltd.' },
      { name: '', address: 'JO@other.example.test' },
      { name: 'Jo (work)', address: 'jo+work@example.test' },
    ]
    expect(parseInput(accountDraftSchema, draft(identities), 'draft').identities).toHaveLength(3)
  })
})

describe('saving identities', () => {
  let dir: string
  let db: Db
  let store: AccountStore
  let service: AccountsService
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mailroom-identities-'))
    db = openDatabase(join(dir, 'store.sqlite'))
    store = createAccountStore(db)
    store.insert(saved)
    service = createAccountsService({
      store,
      secrets: createMemorySecretStore(),
      events: createEventBus(),
      trust: SYSTEM_TRUST,
      discovery: resolveDiscoveryOptions(),
      verifyTimeoutMs: 1000,
    })
  })
  afterEach(() => {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('adds, edits and removes identities without touching the servers, keeping known ids', async () => {
    const added = await service.update(
      'acc',
      draft([
        { ...main, name: 'Jo Doe' },
        { name: 'Alias', address: 'alias@example.test', signature: 'Alias' },
      ]),
      {},
    )
    expect(added.identities[0]).toEqual({ ...main, name: 'Jo Doe' })
    const alias = added.identities[1]!
    expect(alias).toMatchObject({ name: 'Alias', address: 'alias@example.test', signature: 'Alias' })
    expect(alias.id).toEqual(expect.any(String))
    expect(store.get('acc')?.identities).toEqual(added.identities)

    // The alias made the default, the first removed; an id the account never had is replaced.
    const next = await service.update(
      'acc',
      draft([alias, { id: 'made-up', name: 'N', address: 'n@example.test' }]),
      {},
    )
    expect(next.identities.map((i) => i.address)).toEqual(['alias@example.test', 'n@example.test'])
    expect(next.identities[0]!.id).toBe(alias.id)
    expect(next.identities[1]!.id).not.toBe('made-up')
  })

  it('refuses a bad identity on update and keeps the saved account as it was', async () => {
    const before = store.get('acc')
    await expect(
      service.update('acc', draft([main, { name: 'Dup', address: 'jo@example.test' }]), {}),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', detail: { field: 'draft.identities.1.address' } })
    await expect(service.update('acc', draft([{ ...main, name: 'Jo\rX' }]), {})).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      detail: { field: 'draft.identities.0.name' },
    })
    expect(store.get('acc')).toEqual(before)
  })

  it('refuses a bad identity on add before any server is contacted, and saves nothing', async () => {
    await expect(
      service.add(draft([{ name: 'X', address: 'not an address' }]), { incoming: 'pw' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', detail: { field: 'draft.identities.0.address' } })
    expect(store.list().map((a) => a.id)).toEqual(['acc'])
  })
})
