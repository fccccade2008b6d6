import { execFile } from 'node:child_process'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors'
import { Pop3Client } from '../../src/main/core/pop3/pop3-client'
import { DAY_MS } from '../../src/main/core/pop3/pop3-options'
import { retrievePop3 } from '../../src/main/core/pop3/pop3-retrieve'
import { familyOf } from '../servers/families'
import { mailStack, type TestUser } from '../servers/mail-env'
import { pop3Account, pop3Fixture, type Pop3Fixture } from './helpers/pop3-fixture'
import {
  deliverRaw,
  deliverTo,
  FAMILY_MODES,
  largeMessage,
  newUser,
  pop3Options,
  sampleMessage,
  type Pop3Mode,
} from './helpers/pop3-mail'

/**
 * POP3 retrieval into a (test) local store, against the real POP3 services of each server family
 * (the options, which are the app's own logic, against Dovecot).
 */

const open: Pop3Fixture[] = []
afterEach(() =>
  open.splice(0).forEach((f) => {
    f.close()
    rmSync(f.dir, { recursive: true, force: true })
  }),
)

function setup(user: TestUser, mode: Pop3Mode, pop3: Parameters<typeof pop3Account>[3] = {}): Pop3Fixture {
  const f = pop3Fixture(pop3Account(`acct-${user.address.split('@')[0]}`, user, mode, pop3))
  open.push(f)
  return f
}

function run(f: Pop3Fixture, user: TestUser) {
  return retrievePop3(f.deps, f.account, user.password)
}

/** What is on the server now, read with the app's client (a separate session). */
async function serverCount(user: TestUser): Promise<number> {
  const client = await Pop3Client.connect(pop3Options('tls', familyOf(user)))
  await client.login(user.address, user.password)
  const { count } = await client.stat()
  await client.quit()
  return count
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

describe.each(FAMILY_MODES)('POP3 retrieval over $mode against $title', ({ family, mode }) => {
  it('downloads each message once into the local Inbox and leaves mail on the server by default', async () => {
    const user = newUser('r-leave', family)
    const messages = [
      sampleMessage('one'),
      largeMessage('two (large)', 3 * 1024 * 1024),
      sampleMessage('three'),
    ]
    for (const m of messages) await deliverTo(user, m)
    const f = setup(user, mode)
    const boxes = f.deps.target.ensureLocalMailboxes(f.account.id)
    expect(new Set(Object.values(boxes)).size).toBe(4)

    const first = await run(f, user)
    expect(first).toMatchObject({ identity: 'uidl', downloaded: 3, deletedOnServer: 0, onServer: 3 })
    expect(f.target.sources(f.inbox).map((b) => b.toString())).toEqual(messages.map(String))
    expect(f.events).toContainEqual({
      event: 'mail:new',
      payload: { accountId: f.account.id, mailboxId: f.inbox, count: 3 },
    })
    expect(f.events).toContainEqual({
      event: 'mailbox:changed',
      payload: { accountId: f.account.id, mailboxId: f.inbox },
    })

    expect((await run(f, user)).downloaded).toBe(0)
    const late = sampleMessage('four')
    await deliverTo(user, late)
    expect((await run(f, user)).downloaded).toBe(1)
    expect(f.target.sources(f.inbox).map(String)).toEqual([...messages.map(String), late])
    expect(await serverCount(user)).toBe(4)
    // Nothing left behind in the download folder.
    expect(readdirSync(join(f.deps.tempDir, f.account.id))).toEqual([])
  })

  it('deletes from the server after a committed download when told not to leave mail there', async () => {
    const user = newUser('r-del', family)
    await deliverTo(user, sampleMessage('a'))
    await deliverTo(user, sampleMessage('b'))
    const f = setup(user, mode, { leaveOnServer: false })
    expect(await run(f, user)).toMatchObject({ downloaded: 2, deletedOnServer: 2, onServer: 0 })
    expect(await serverCount(user)).toBe(0)
    expect(f.target.ids(f.inbox)).toHaveLength(2)
    expect((await run(f, user)).downloaded).toBe(0)
  })

  it('refuses a wrong password with AUTH_FAILED and stores nothing', async () => {
    const user = newUser('r-auth', family)
    await deliverTo(user, sampleMessage('never read'))
    const f = setup(user, mode)
    const err = await failure(retrievePop3(f.deps, f.account, 'not-the-password'))
    expect(err.code).toBe('AUTH_FAILED')
    expect(err.detail?.serverResponse).toMatch(/^-ERR/)
    expect(f.target.ids(f.inbox)).toEqual([])
  })
})

describe('POP3 retrieval options', () => {
  it('deletes from the server after N days, counted with the injected clock from the download', async () => {
    const user = newUser('r-days')
    deliverRaw(user, sampleMessage('old 1'))
    deliverRaw(user, sampleMessage('old 2'))
    const f = setup(user, 'tls', { leaveOnServer: true, deleteAfterDays: 3 })
    const t0 = Date.UTC(2025, 0, 10)
    f.setNow(t0)
    expect(await run(f, user)).toMatchObject({ downloaded: 2, deletedOnServer: 0 })

    f.setNow(t0 + 2 * DAY_MS)
    deliverRaw(user, sampleMessage('newer'))
    expect(await run(f, user)).toMatchObject({ downloaded: 1, deletedOnServer: 0 })
    expect(await serverCount(user)).toBe(3)

    f.setNow(t0 + 3 * DAY_MS)
    expect(await run(f, user)).toMatchObject({ downloaded: 0, deletedOnServer: 2, onServer: 1 })
    expect(await serverCount(user)).toBe(1)
    // The local copies stay.
    expect(f.target.ids(f.inbox)).toHaveLength(3)

    f.setNow(t0 + 5 * DAY_MS)
    expect(await run(f, user)).toMatchObject({ downloaded: 0, deletedOnServer: 1, onServer: 0 })
    expect(await serverCount(user)).toBe(0)
    expect(f.target.ids(f.inbox)).toHaveLength(3)
  })

  it('deletes on the server what was deleted locally, when asked to', async () => {
    const user = newUser('r-local')
    deliverRaw(user, sampleMessage('keep'))
    deliverRaw(user, sampleMessage('drop'))
    const f = setup(user, 'starttls', { deleteOnServerWhenDeletedLocally: true })
    await run(f, user)
    const [keep, drop] = f.target.ids(f.inbox)
    f.target.deleteLocally(drop!)
    expect(await run(f, user)).toMatchObject({ downloaded: 0, deletedOnServer: 1, onServer: 1 })
    expect(await serverCount(user)).toBe(1)
    expect(f.target.ids(f.inbox)).toEqual([keep])
    // And without the option, a local deletion leaves the server alone (and is not re-downloaded).
    const other = newUser('r-local2')
    deliverRaw(other, sampleMessage('x'))
    const g = setup(other, 'starttls')
    await run(g, other)
    g.target.deleteLocally(g.target.ids(g.inbox)[0]!)
    expect(await run(g, other)).toMatchObject({ downloaded: 0, deletedOnServer: 0 })
    expect(await serverCount(other)).toBe(1)
  })

  it('falls back to a content hash when the server has no UIDL, and says so', async () => {
    const user = newUser('r-hash')
    const messages = [sampleMessage('h1'), sampleMessage('h2')]
    messages.forEach((m) => deliverRaw(user, m))
    const f = setup(user, 'tls')
    // Dovecot always offers UIDL: the real client, answering as for a server without UIDL.
    f.deps.connect = async (o) => {
      const client = await Pop3Client.connect(o)
      client.uidl = () => Promise.resolve({ supported: false })
      return client
    }
    expect(await run(f, user)).toMatchObject({ identity: 'content-hash', downloaded: 2 })
    const phases = f.events.map((e) =>
      e.event === 'sync:progress' ? (e.payload as { phase: string }).phase : '',
    )
    expect(phases).toContain('pop3:no-uidl')
    expect(f.deps.state.status(f.account.id)?.identity).toBe('content-hash')
    expect((await run(f, user)).downloaded).toBe(0)
    const h3 = sampleMessage('h3')
    deliverRaw(user, h3)
    f.account.pop3 = { ...f.account.pop3!, leaveOnServer: false }
    expect(await run(f, user)).toMatchObject({ downloaded: 1, deletedOnServer: 3 })
    expect(f.target.sources(f.inbox).map(String)).toEqual([...messages, h3])
    expect(await serverCount(user)).toBe(0)
  })

  it('resumes after the server drops the connection mid-RETR: nothing lost, nothing twice', async () => {
    const user = newUser('r-drop')
    const messages = [sampleMessage('before'), largeMessage('cut', 20 * 1024 * 1024), sampleMessage('after')]
    messages.forEach((m) => deliverRaw(user, m))
    const f = setup(user, 'tls', { leaveOnServer: false })
    let kicked = false
    f.deps.onBytes = async (n, received) => {
      if (n === 2 && received > 1024 * 1024 && !kicked) {
        kicked = true
        // Dovecot itself ends the session (as a server restart or a network cut would).
        await promisify(execFile)('doveadm', ['-c', mailStack().dovecotConf, 'kick', user.address])
      }
    }
    const err = await failure(run(f, user))
    expect(kicked).toBe(true)
    expect(err.code).toBe('CONNECTION_FAILED')
    expect(f.target.ids(f.inbox)).toHaveLength(1)
    // Nothing was deleted: DELE only counts at QUIT, and that session never got there.
    expect(await serverCount(user)).toBe(3)

    f.deps.onBytes = undefined
    expect(await run(f, user)).toMatchObject({ downloaded: 2, deletedOnServer: 3, onServer: 0 })
    expect(f.target.sources(f.inbox).map(String)).toEqual(messages.map(String))
    expect(await serverCount(user)).toBe(0)
  })

  it('never sends the password when STLS is required but not offered', async () => {
    const user = newUser('r-nostls')
    const f = setup(user, 'starttls')
    const { pop3NoStls, logDir } = mailStack()
    f.account.incoming = { ...f.account.incoming, ...pop3NoStls }
    const attempts = (): number =>
      readFileSync(join(logDir, 'dovecot.log'), 'utf8')
        .split('\n')
        .filter((l) => l.includes(user.address)).length
    const before = attempts()
    const err = await failure(run(f, user))
    expect(err.code).toBe('TLS_FAILED')
    expect(err.detail?.tlsReason).toBe('no-starttls')
    // Dovecot logs every authentication attempt (auth_verbose): there was none for this user.
    expect(attempts()).toBe(before)
  })
})
