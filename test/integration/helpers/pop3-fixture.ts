/**
 * One POP3 retrieval setup on disk: a real SQLite store with the accounts table, a POP3 account
 * for a test user, the test mail target, and the retrieval deps with a controllable clock.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Account, Pop3Options } from '../../../src/shared/model/account'
import { createAccountStore } from '../../../src/main/core/accounts/account-store'
import type { BusEventName, BusEvents } from '../../../src/main/core/events'
import { createPop3State } from '../../../src/main/core/pop3/pop3-state'
import type { Pop3RetrieveDeps } from '../../../src/main/core/pop3/pop3-retrieve'
import { openDatabase } from '../../../src/main/core/store/database'
import { familyOf } from '../../servers/families'
import { testCa, type TestUser } from '../../servers/mail-env'
import { sampleAccount } from '../../helpers/sample-account'
import { createTestMailTarget, type TestMailTarget } from './local-mail-target'
import type { Pop3Mode } from './pop3-mail'

export interface Pop3Fixture {
  dir: string
  account: Account
  deps: Pop3RetrieveDeps
  target: TestMailTarget
  inbox: string
  events: { event: BusEventName; payload: BusEvents[BusEventName] }[]
  /** Moves the retrieval clock. */
  setNow(ms: number): void
  close(): void
}

export function pop3Account(
  id: string,
  user: TestUser,
  mode: Pop3Mode,
  pop3: Partial<Pop3Options> = {},
): Account {
  const { host, ports } = familyOf(user)
  const base = sampleAccount(id, user.address)
  return {
    ...base,
    incoming: {
      protocol: 'pop3',
      host,
      port: mode === 'tls' ? ports.pop3s : ports.pop3,
      security: mode,
      username: user.address,
      authMethod: 'auto',
    },
    pop3: {
      leaveOnServer: true,
      deleteAfterDays: null,
      deleteOnServerWhenDeletedLocally: false,
      checkEveryMinutes: 10,
      checkAtStart: true,
      ...pop3,
    },
  }
}

/** Opens (or reopens, given `dir`) a store with one account. */
export function pop3Fixture(account: Account, dir = mkdtempSync(join(tmpdir(), 'pop3-'))): Pop3Fixture {
  const db = openDatabase(join(dir, 'store.sqlite'))
  const accounts = createAccountStore(db)
  if (accounts.get(account.id)) accounts.update(account)
  else accounts.insert(account)
  const target = createTestMailTarget(db, join(dir, 'messages'))
  let now = Date.UTC(2025, 5, 1)
  const events: Pop3Fixture['events'] = []
  const deps: Pop3RetrieveDeps = {
    db,
    state: createPop3State(db),
    target,
    trust: { extraCa: [testCa()] },
    tempDir: join(dir, 'pop3-incoming'),
    clock: () => now,
    events: { emit: (event, payload) => void events.push({ event, payload }) },
    timeoutMs: 20_000,
  }
  return {
    dir,
    account,
    deps,
    target,
    inbox: target.ensureLocalMailboxes(account.id).inbox,
    events,
    setNow: (ms) => void (now = ms),
    close: () => db.close(),
  }
}
