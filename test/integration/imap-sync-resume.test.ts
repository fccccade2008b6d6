import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestUser, mailStack, type TestUser } from '../servers/mail-env'
import { MailWorld, testMessage } from './helpers/mail-world'
import { TcpRelay } from './helpers/tcp-relay'

/** A large Inbox, synced newest first, and syncs killed mid-way that resume without duplicates or gaps. */

const COUNT = 1200
let user: TestUser
const worlds: MailWorld[] = []
const relays: TcpRelay[] = []

async function world(port?: number): Promise<MailWorld> {
  const w = await MailWorld.open({ user, port })
  worlds.push(w)
  return w
}

beforeAll(async () => {
  user = createTestUser('resume')
  const seed = await MailWorld.open({ user })
  for (let i = 0; i < COUNT; i++) {
    const flags = i % 7 === 0 ? ['\\Flagged'] : i % 2 ? ['\\Seen'] : []
    await seed.append(
      'INBOX',
      testMessage({ subject: `bulk ${i}`, body: `Message number ${i}\r\n`.repeat(8) }),
      flags,
    )
  }
  await seed.close()
}, 180_000)

afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close()
  for (const r of relays.splice(0)) await r.stop()
})
afterAll(() => undefined)

/** No UID twice, and every stored UID exists on the server with the server's flags. */
async function expectConsistentSubset(w: MailWorld): Promise<number> {
  const inbox = Number(w.mailboxId('INBOX'))
  const dup = w.services.db
    .prepare<[number], { n: number; d: number }>(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT uid) AS d FROM mail_messages WHERE mailbox_id = ?',
    )
    .get(inbox)!
  expect(dup.n).toBe(dup.d)
  const server = await w.serverState('INBOX')
  const local = w.localState('INBOX')
  for (const [uid, flags] of local) expect({ uid, flags }).toEqual({ uid, flags: server.get(uid) })
  return local.size
}

async function expectInboxConverged(w: MailWorld): Promise<void> {
  expect(w.localState('INBOX')).toEqual(await w.serverState('INBOX'))
}

describe('IMAP sync of a large mailbox', () => {
  it('stores the 50 newest headers first, then backfills the rest', async () => {
    const w = await world()
    const inboxSnapshots: number[][] = []
    const off = w.services.events.on('mailbox:changed', (e) => {
      const mb = w.store.mailboxes.get(Number(e.mailboxId))
      if (mb?.path === 'INBOX' && inboxSnapshots.length === 0) {
        const uids = w.store.messages.uids(mb.id)
        if (uids.length > 0) inboxSnapshots.push(uids)
      }
    })
    await w.mail.syncAccount(w.account.id)
    off()
    const server = [...(await w.serverState('INBOX')).keys()].sort((a, b) => a - b)
    expect(server).toHaveLength(COUNT)
    expect(inboxSnapshots[0]).toEqual(server.slice(-50))
    const page = await w.mail.listMessages(w.mailboxId('INBOX'), { offset: 0, limit: 3 })
    expect(page.total).toBe(COUNT)
    expect(page.items.map((m) => m.subject)).toEqual([
      `bulk ${COUNT - 1}`,
      `bulk ${COUNT - 2}`,
      `bulk ${COUNT - 3}`,
    ])
    await expectInboxConverged(w)
  })

  it('resumes after the connection is cut at several points, without duplicates or gaps', async () => {
    const { host, ports } = mailStack()
    const relay = new TcpRelay(host, ports.imaps)
    relays.push(relay)
    const w = await world(await relay.start())
    const progress: number[] = []
    // Small budgets: even with the engine's one retry on a new connection, no attempt can finish.
    for (const budget of [30_000, 60_000, 120_000]) {
      relay.cutAfterBytes(budget)
      await expect(w.mail.syncAccount(w.account.id)).rejects.toMatchObject({
        code: expect.stringMatching(/^(CONNECTION_FAILED|TIMEOUT)$/) as unknown,
      })
      progress.push(await expectConsistentSubset(w))
    }
    expect(relay.cuts).toBeGreaterThanOrEqual(6) // each attempt: the first connection, then its retry
    // Each interrupted attempt kept what it had stored, and some stopped half-way.
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    expect(progress.some((n) => n > 0 && n < COUNT)).toBe(true)
    relay.cutAfterBytes(null)
    await w.mail.syncAccount(w.account.id)
    await expectInboxConverged(w)
  })

  it('resumes after Dovecot kicks the session mid-backfill (doveadm kick)', async () => {
    const w = await world()
    const { dovecotConf, logDir } = mailStack()
    const log = join(logDir, 'dovecot.log')
    const logStart = readFileSync(log).length
    const midway = new Promise<void>((resolve) => {
      const off = w.services.events.on('sync:progress', (e) => {
        if (e.phase === 'headers' && e.done >= 50 && e.done < COUNT) {
          off()
          resolve()
        }
      })
    })
    const first = w.mail.syncAccount(w.account.id)
    await midway
    execFileSync('doveadm', ['-c', dovecotConf, 'kick', user.address], { stdio: 'ignore' })
    // The engine may carry on by itself on a new connection (idempotent jobs are retried once),
    // or fail; either way the next sync completes the mailbox without duplicates or gaps.
    await first.catch(() => undefined)
    const kicked = readFileSync(log).subarray(logStart).toString('utf8')
    expect(kicked).toMatch(new RegExp(`imap\\(${user.address.replace('.', '\\.')}\\).*Server shutting down`))
    await expectConsistentSubset(w)
    await w.mail.syncAccount(w.account.id)
    await expectInboxConverged(w)
  })
})
