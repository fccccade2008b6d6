import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppErrorData } from '../../src/shared/errors'
import type { MailEvents } from '../../src/shared/ipc/contract'
import { SERVER_FAMILIES } from '../servers/families'
import { mailStack } from '../servers/mail-env'
import { MailWorld, testMessage, type WorldOptions } from './helpers/mail-world'
import { TcpRelay } from './helpers/tcp-relay'

/**
 * The running engine against the real servers: IDLE push and reconnects against each server family
 * (Dovecot, Cyrus); scheduled refresh, prefetch and a refused password (the engine's own logic)
 * against Dovecot.
 */

const worlds: MailWorld[] = []
const relays: TcpRelay[] = []
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close()
  for (const r of relays.splice(0)) await r.stop()
})

async function running(opts: WorldOptions = {}, seed?: (w: MailWorld) => Promise<void>): Promise<MailWorld> {
  const w = await MailWorld.open({ ...opts, start: false })
  worlds.push(w)
  if (seed) await seed(w)
  w.mail.start()
  await w.until('the first sync', () => w.store.mailboxes.byRole(w.account.id, 'inbox')?.syncedAt != null)
  return w
}

async function inboxSubjects(w: MailWorld): Promise<string[]> {
  const page = await w.mail.listMessages(w.mailboxId('INBOX'), { offset: 0, limit: 100 })
  return page.items.map((m) => m.subject)
}

describe.each(SERVER_FAMILIES)('the running IMAP engine against $title', (family) => {
  it('shows mail delivered to the server without any action (IDLE), with mail:new', async () => {
    const w = await running({ family })
    const newMail: MailEvents['mail:new'][] = []
    w.services.events.on('mail:new', (e) => newMail.push(e))
    await w.deliver(testMessage({ subject: 'pushed by IDLE' }))
    await w.until('the delivered message in the store', async () =>
      (await inboxSubjects(w)).includes('pushed by IDLE'),
    )
    await w.until('mail:new', () => newMail.length > 0)
    expect(newMail).toEqual([{ accountId: w.account.id, mailboxId: w.mailboxId('INBOX'), count: 1 }])

    // Changes by another client are pushed too (flags, expunge).
    const admin = await w.admin()
    const lock = await admin.getMailboxLock('INBOX')
    try {
      await admin.messageFlagsAdd('1', ['\\Flagged'])
    } finally {
      lock.release()
    }
    await w.until('the flag from the other client', async () => {
      const page = await w.mail.listMessages(w.mailboxId('INBOX'), { offset: 0, limit: 1 })
      return page.items[0]?.flags.flagged === true
    })
  })

  it('reconnects with backoff after the network drops, then replays queued actions on its own', async () => {
    const { host, ports } = family
    const relay = new TcpRelay(host, ports.imaps)
    relays.push(relay)
    const port = await relay.start()
    const opts = { family, port, engine: { backoffInitialMs: 100, backoffMaxMs: 400 } }
    const w = await running(opts, async (w) => {
      await w.append('INBOX', testMessage({ subject: 'before the outage' }))
    })
    const errors: AppErrorData[] = []
    w.services.events.on('app:error', (e) => errors.push(e.error))

    await relay.stop() // cuts the IDLE and worker connections; new ones are refused
    const [id] = (await w.mail.listMessages(w.mailboxId('INBOX'), { offset: 0, limit: 1 })).items.map(
      (m) => m.id,
    )
    await w.mail.setFlags([id!], { flagged: true })
    await w.append('INBOX', testMessage({ subject: 'during the outage' }))
    await w.until('an offline report', () => errors.some((e) => e.code === 'CONNECTION_FAILED'))
    // Reported once, not once per retry.
    expect(errors.filter((e) => e.code === 'CONNECTION_FAILED').length).toBe(1)

    await relay.start()
    await w.until('the missed message', async () => (await inboxSubjects(w)).includes('during the outage'))
    await w.until('the queued flag on the server', async () =>
      [...(await w.serverState('INBOX')).values()].some((f) => f.includes('\\Flagged')),
    )
    expect(w.store.queue.count(w.account.id)).toBe(0)
  })
})

describe('the running IMAP engine', () => {
  it('refreshes other folders on a schedule, and a folder when it is opened', async () => {
    const w = await running({ engine: { refreshIntervalMs: 300 } }, async (w) => {
      await (await w.admin()).mailboxCreate('Work')
    })
    await w.append('Work', testMessage({ subject: 'found by the schedule' }))
    await w.until('the scheduled refresh', async () => {
      const page = await w.mail.listMessages(w.mailboxId('Work'), { offset: 1, limit: 10 }) // offset 1: not "opened"
      return page.total === 1
    })

    const w2 = await running(
      { engine: { refreshIntervalMs: 3_600_000, openedRefreshAfterMs: 0 } },
      async (w) => {
        await (await w.admin()).mailboxCreate('Projects')
      },
    )
    await w2.append('Projects', testMessage({ subject: 'found on opening' }))
    await w2.until('the refresh on opening', async () => {
      const page = await w2.mail.listMessages(w2.mailboxId('Projects'), { offset: 0, limit: 10 })
      return page.items.some((m) => m.subject === 'found on opening')
    })
  })

  it('prefetches the bodies of the newest Inbox messages, and only those', async () => {
    const w = await running({ engine: { prefetchCount: 3 } }, async (w) => {
      for (let i = 0; i < 6; i++) await w.append('INBOX', testMessage({ subject: `m${i}` }))
    })
    const cached = () =>
      w.services.db
        .prepare<[number], { subject: string }>(
          'SELECT subject FROM mail_messages WHERE mailbox_id = ? AND has_source = 1 ORDER BY subject',
        )
        .all(Number(w.mailboxId('INBOX')))
        .map((r) => r.subject)
    await w.until('three cached bodies', () => cached().length === 3)
    expect(cached()).toEqual(['m3', 'm4', 'm5'])
  })

  it('stops retrying when the password is refused, until the account changes', async () => {
    const w = await MailWorld.open({ engine: { backoffInitialMs: 50, backoffMaxMs: 50 } })
    worlds.push(w)
    const key = `account:${w.account.id}:incoming`
    await w.secrets.set(key, 'not the password')
    const errors: AppErrorData[] = []
    w.services.events.on('app:error', (e) => errors.push(e.error))
    const log = join(mailStack().logDir, 'dovecot.log')
    const logStart = readFileSync(log).length
    w.mail.start()
    await w.until('AUTH_FAILED', () => errors.some((e) => e.code === 'AUTH_FAILED'))
    // With a 50 ms backoff a retrying engine would try again and again; this one waits.
    await new Promise((r) => setTimeout(r, 600))
    const failedLogins = readFileSync(log)
      .subarray(logStart)
      .toString('utf8')
      .split('\n')
      .filter((l) => l.includes('auth failed') && l.includes(w.user.address))
    expect(failedLogins).toHaveLength(1)
    expect(errors.map((e) => e.code)).toEqual(['AUTH_FAILED'])

    await w.secrets.set(key, w.user.password)
    w.services.events.emit('accounts:changed', { accountId: w.account.id })
    await w.until(
      'a sync after the fix',
      () => w.store.mailboxes.byRole(w.account.id, 'inbox')?.syncedAt != null,
    )
  })
})
