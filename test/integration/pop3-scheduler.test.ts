import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppErrorData } from '../../src/shared/errors'
import type { MailEvents } from '../../src/shared/ipc/contract'
import { createAccountSource, secretKey } from '../../src/main/core/accounts/account-secrets'
import { createAccountStore, type AccountStore } from '../../src/main/core/accounts/account-store'
import { createEventBus, type EventBus } from '../../src/main/core/events'
import { createPop3Scheduler } from '../../src/main/core/pop3/pop3-scheduler'
import type { Pop3Scheduler } from '../../src/main/core/pop3/pop3-scheduler-api'
import { createMemorySecretStore, type SecretStore } from '../../src/main/core/secrets/secret-store'
import { openDatabase, type Db } from '../../src/main/core/store/database'
import { testCa, type TestUser } from '../servers/mail-env'
import { sampleAccount } from '../helpers/sample-account'
import { createTestMailTarget, type TestMailTarget } from './helpers/local-mail-target'
import { pop3Account } from './helpers/pop3-fixture'
import { deliverRaw, newUser, sampleMessage } from './helpers/pop3-mail'

/** The POP3 scheduler with the real account store and keyring port, against the real Dovecot. */

interface Setup {
  dir: string
  db: Db
  accounts: AccountStore
  secrets: SecretStore
  events: EventBus
  target: TestMailTarget
  scheduler: Pop3Scheduler
}
const setups: Setup[] = []
afterEach(async () => {
  for (const s of setups.splice(0)) {
    await s.scheduler.stop()
    s.db.close()
    rmSync(s.dir, { recursive: true, force: true })
  }
})

/** "A minute" of checkEveryMinutes lasts this long here. */
const MINUTE_MS = 150

function setup(): Setup {
  const dir = mkdtempSync(join(tmpdir(), 'pop3-sched-'))
  const db = openDatabase(join(dir, 'store.sqlite'))
  const accounts = createAccountStore(db)
  const secrets = createMemorySecretStore()
  const events = createEventBus()
  const target = createTestMailTarget(db, join(dir, 'messages'))
  const scheduler = createPop3Scheduler({
    db,
    dataDir: dir,
    trust: { extraCa: [testCa()] },
    events,
    accountSource: createAccountSource(accounts, secrets),
    listAccounts: () => accounts.list(),
    target,
    minuteMs: MINUTE_MS,
    timeoutMs: 20_000,
  })
  const s = { dir, db, accounts, secrets, events, target, scheduler }
  setups.push(s)
  return s
}

async function addPop3(s: Setup, user: TestUser, password = user.password, polled = true) {
  // Not polled: no check at start, and the timer never fires during the test.
  const account = pop3Account(`acct-${user.address.split('@')[0]}`, user, 'tls', {
    checkEveryMinutes: polled ? 1 : 1_000_000,
    checkAtStart: polled,
  })
  s.accounts.insert(account)
  await s.secrets.set(secretKey(account.id, 'incoming'), password)
  return account
}

/** Resolves with the next event of that name for the account. */
function next<E extends 'mail:new' | 'app:error'>(
  s: Setup,
  event: E,
  accountId: string,
): Promise<MailEvents[E]> {
  return new Promise((resolve) => {
    const off = s.events.on(event, (payload) => {
      if (payload.accountId === accountId) {
        off()
        resolve(payload)
      }
    })
  })
}

describe('POP3 scheduler', () => {
  it('checks POP3 accounts at start and then every N minutes, and ignores IMAP accounts', async () => {
    const s = setup()
    const user = newUser('s-poll')
    deliverRaw(user, sampleMessage('at start 1'))
    deliverRaw(user, sampleMessage('at start 2'))
    const account = await addPop3(s, user)
    s.accounts.insert(sampleAccount('imap-only'))
    const inbox = s.target.ensureLocalMailboxes(account.id).inbox

    const atStart = next(s, 'mail:new', account.id)
    s.scheduler.start()
    expect(await atStart).toEqual({ accountId: account.id, mailboxId: inbox, count: 2 })

    const later = next(s, 'mail:new', account.id)
    deliverRaw(user, sampleMessage('later'))
    expect((await later).count).toBe(1)
    expect(s.target.ids(inbox)).toHaveLength(3)
    expect(s.scheduler.status(account.id)).toMatchObject({ identity: 'uidl', lastError: null })
    expect(s.scheduler.status('imap-only')).toBeUndefined()
  })

  it('reports a failing check as app:error and in the status, and checkNow rejects with it', async () => {
    const s = setup()
    const user = newUser('s-fail')
    const account = await addPop3(s, user, 'wrong-password', false)
    s.scheduler.start()
    const reported = next(s, 'app:error', account.id)
    await expect(s.scheduler.checkNow(account.id)).rejects.toMatchObject({ code: 'AUTH_FAILED' })
    const { error } = await reported
    expect(error.code).toBe('AUTH_FAILED')
    expect(error.detail?.serverResponse).toMatch(/^-ERR/)
    const lastError = JSON.parse(s.scheduler.status(account.id)?.lastError ?? 'null') as AppErrorData | null
    expect(lastError?.code).toBe('AUTH_FAILED')

    // With the right password stored, the next check works and clears the error.
    await s.secrets.set(secretKey(account.id, 'incoming'), user.password)
    deliverRaw(user, sampleMessage('now'))
    expect(await s.scheduler.checkNow(account.id)).toMatchObject({ downloaded: 1 })
    expect(s.scheduler.status(account.id)?.lastError).toBeNull()
  })

  it('picks up an account added while running (accounts:changed) and joins overlapping checks', async () => {
    const s = setup()
    s.scheduler.start()
    const user = newUser('s-added')
    deliverRaw(user, sampleMessage('hello'))
    const account = await addPop3(s, user)
    const arrived = next(s, 'mail:new', account.id)
    s.events.emit('accounts:changed', { accountId: account.id })
    expect((await arrived).count).toBe(1)
    // Two checks asked at once share one session; no message is ever stored twice.
    deliverRaw(user, sampleMessage('again'))
    const [a, b] = await Promise.all([s.scheduler.checkNow(account.id), s.scheduler.checkNow(account.id)])
    expect(a).toBe(b)
    // (The timer's own check may have listed the server just before "again" arrived.)
    await s.scheduler.checkNow(account.id)
    expect(s.target.ids(s.target.ensureLocalMailboxes(account.id).inbox)).toHaveLength(2)
  })

  it('checks an account at once when it is saved (accounts:changed), not only when it is new', async () => {
    const s = setup()
    const user = newUser('s-saved')
    // Not polled: only a save can make it check during this test.
    const account = await addPop3(s, user, user.password, false)
    s.scheduler.start()
    deliverRaw(user, sampleMessage('before the save'))
    const arrived = next(s, 'mail:new', account.id)
    s.accounts.update({ ...account, displayName: 'Renamed' })
    s.events.emit('accounts:changed', { accountId: account.id })
    expect((await arrived).count).toBe(1)
    expect(s.scheduler.status(account.id)).toMatchObject({ lastError: null })
  })

  it('stops: running checks are cancelled and later checks refused', async () => {
    const s = setup()
    const user = newUser('s-stop')
    const account = await addPop3(s, user, user.password, false)
    s.scheduler.start()
    const running = s.scheduler.checkNow(account.id)
    await s.scheduler.stop()
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' })
    await expect(s.scheduler.checkNow(account.id)).rejects.toMatchObject({ code: 'CANCELLED' })
  })
})
