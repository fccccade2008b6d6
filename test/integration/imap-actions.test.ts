import { afterEach, describe, expect, it } from 'vitest'
import type { AppErrorData } from '../../src/shared/errors'
import { SERVER_FAMILIES, type ServerFamily } from '../servers/families'
import { MailWorld, testMessage } from './helpers/mail-world'
import { TcpRelay } from './helpers/tcp-relay'

/**
 * Reader actions on IMAP mailboxes, against each server family: local at once, on the server
 * through the durable queue.
 */

const worlds: MailWorld[] = []
const relays: TcpRelay[] = []
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close()
  for (const r of relays.splice(0)) await r.stop()
})

async function world(family: ServerFamily, port?: number, reuse?: MailWorld): Promise<MailWorld> {
  const w = await MailWorld.open(
    reuse ? { port, user: reuse.user, dataDir: reuse.dataDir, secrets: reuse.secrets } : { port, family },
  )
  worlds.push(w)
  return w
}

async function expectConverged(w: MailWorld): Promise<void> {
  const paths = await w.serverPaths()
  expect(w.localPaths()).toEqual(paths)
  for (const path of paths)
    expect({ path, state: w.localState(path) }).toEqual({ path, state: await w.serverState(path) })
}

async function subjects(w: MailWorld, path: string): Promise<string[]> {
  const page = await w.mail.listMessages(w.mailboxId(path), { offset: 0, limit: 100 })
  return page.items.map((m) => m.subject).sort()
}

async function idsBySubject(w: MailWorld, path: string): Promise<Record<string, string>> {
  const page = await w.mail.listMessages(w.mailboxId(path), { offset: 0, limit: 100 })
  return Object.fromEntries(page.items.map((m) => [m.subject, m.id]))
}

async function seed(w: MailWorld): Promise<void> {
  for (const s of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) await w.append('INBOX', testMessage({ subject: s }))
  await w.mail.syncAccount(w.account.id)
}

describe.each(SERVER_FAMILIES)('reader actions on IMAP against $title', (family) => {
  it('apply locally at once and reach the server: flags, move, copy, delete, expunge in Trash, archive, junk', async () => {
    const w = await world(family)
    await seed(w)
    const id = await idsBySubject(w, 'INBOX')

    await w.mail.setFlags([id['a']!, id['b']!], { seen: true, flagged: true })
    await w.mail.setFlags([id['b']!], { seen: false })
    await w.mail.moveMessages([id['c']!], w.mailboxId('Archive'))
    await w.mail.copyMessages([id['d']!], w.mailboxId('Drafts'))
    await w.mail.deleteMessages([id['e']!])
    await w.mail.archiveMessages([id['f']!])
    await w.mail.markAsJunk([id['g']!])
    // The store shows everything at once (no server round trip needed).
    expect(await subjects(w, 'INBOX')).toEqual(['a', 'b', 'd'])
    expect(await subjects(w, 'Archive')).toEqual(['c', 'f'])
    expect(await subjects(w, 'Drafts')).toEqual(['d'])
    expect(await subjects(w, 'Trash')).toEqual(['e'])
    expect(await subjects(w, 'Junk')).toEqual(['g'])
    const flags = (await w.mail.listMessages(w.mailboxId('INBOX'), { offset: 0, limit: 10 })).items
    expect(Object.fromEntries(flags.map((m) => [m.subject, [m.flags.seen, m.flags.flagged]]))).toEqual({
      a: [true, true],
      b: [false, true],
      d: [false, false],
    })

    await w.mail.flushActions(w.account.id)
    expect(w.store.queue.count(w.account.id)).toBe(0)
    // Placeholders received their UIDs from COPYUID: the store equals the server without a resync.
    await expectConverged(w)
    const junk = [...(await w.serverState('Junk')).values()]
    expect(junk).toEqual([['$Junk']])

    // Delete in Trash expunges.
    const trashed = await idsBySubject(w, 'Trash')
    await w.mail.deleteMessages([trashed['e']!])
    await w.mail.flushActions(w.account.id)
    expect((await w.serverState('Trash')).size).toBe(0)
    await w.mail.syncAccount(w.account.id)
    await expectConverged(w)
  })

  it('queues actions while the server is unreachable, keeps them across a restart, and replays them', async () => {
    const { host, ports } = family
    const relay = new TcpRelay(host, ports.imaps)
    relays.push(relay)
    const port = await relay.start()
    const w1 = await world(family, port)
    await seed(w1)
    const id = await idsBySubject(w1, 'INBOX')
    await w1.mail.getMessage(id['a']!) // body cached while online

    await relay.stop()
    await w1.mail.setFlags([id['a']!], { flagged: true, seen: true })
    await w1.mail.moveMessages([id['b']!], w1.mailboxId('Archive'))
    await w1.mail.deleteMessages([id['c']!])
    await expect(w1.mail.flushActions(w1.account.id)).rejects.toMatchObject({
      code: 'CONNECTION_FAILED',
      retryable: true,
    })
    expect(await subjects(w1, 'INBOX')).toEqual(['a', 'd', 'e', 'f', 'g'])
    expect((await w1.mail.getMessage(id['a']!)).text).toContain('Body of message') // reads offline
    expect(w1.store.queue.count(w1.account.id)).toBe(3)
    await w1.close({ keepData: true })

    // The app restarts (same data folder) and the network comes back.
    const w2 = await world(family, port, w1)
    expect(w2.store.queue.count(w2.account.id)).toBe(3)
    expect(await subjects(w2, 'Archive')).toEqual(['b'])
    await relay.start()
    await w2.mail.syncAccount(w2.account.id)
    expect(w2.store.queue.count(w2.account.id)).toBe(0)
    await expectConverged(w2)
    const archive = [...(await w2.serverState('Archive')).values()]
    expect(archive).toHaveLength(1)
    expect(await subjects(w2, 'Trash')).toEqual(['c'])
    const inbox = await w2.mail.listMessages(w2.mailboxId('INBOX'), { offset: 0, limit: 10 })
    expect(inbox.items.find((m) => m.subject === 'a')?.flags).toMatchObject({ seen: true, flagged: true })
  })

  it('undoes an action the server refuses and reports it', async () => {
    const w = await world(family)
    const admin = await w.admin()
    await admin.mailboxCreate('Doomed')
    await seed(w)
    const id = await idsBySubject(w, 'INBOX')
    const errors: AppErrorData[] = []
    w.services.events.on('app:error', (e) => errors.push(e.error))
    // The target folder disappears on the server before the queued move is replayed.
    await admin.mailboxDelete('Doomed')
    await w.mail.moveMessages([id['a']!], w.mailboxId('Doomed'))
    expect(await subjects(w, 'INBOX')).not.toContain('a')
    await w.mail.flushActions(w.account.id)
    expect(errors.map((e) => e.code)).toEqual(['MAILBOX_NOT_FOUND'])
    expect(await subjects(w, 'INBOX')).toContain('a')
    await w.mail.syncAccount(w.account.id)
    await expectConverged(w)
  })

  it('keeps local flags while their action is queued, even when a sync runs first', async () => {
    const w = await world(family)
    await seed(w)
    const id = await idsBySubject(w, 'INBOX')
    await w.mail.setFlags([id['a']!], { flagged: true })
    // A mailbox sync before the replay must not put the server's old flags back.
    await w.mail.refreshMailbox(w.mailboxId('INBOX'))
    const row = (await w.mail.listMessages(w.mailboxId('INBOX'), { offset: 0, limit: 10 })).items.find(
      (m) => m.subject === 'a',
    )
    expect(row?.flags.flagged).toBe(true)
    await w.mail.flushActions(w.account.id)
    await w.mail.syncAccount(w.account.id)
    await expectConverged(w)
  })
})
