import { afterEach, describe, expect, it } from 'vitest'
import { SERVER_FAMILIES, type ServerFamily } from '../servers/families'
import { MailWorld, testMessage } from './helpers/mail-world'

/**
 * The sync engine against each real server family (Dovecot, Cyrus): the store must converge to
 * exactly the server's state.
 */

const worlds: MailWorld[] = []
async function world(family: ServerFamily): Promise<MailWorld> {
  const w = await MailWorld.open({ family })
  worlds.push(w)
  return w
}
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close()
})

/** Every selectable server mailbox: same paths, and per mailbox the same UIDs with the same flags. */
async function expectConverged(w: MailWorld): Promise<void> {
  const paths = await w.serverPaths()
  expect(w.localPaths()).toEqual(paths)
  for (const path of paths) {
    const server = await w.serverState(path)
    expect({ path, state: w.localState(path) }).toEqual({ path, state: server })
  }
}

describe.each(SERVER_FAMILIES)('IMAP sync engine against $title', (family) => {
  it('follows the folder tree with special-use roles, hierarchy and counts', async () => {
    const w = await world(family)
    const admin = await w.admin()
    await admin.mailboxCreate('Projects/2024')
    await w.deliver(testMessage({ subject: 'delivered over LMTP' }))
    await w.append('INBOX', testMessage({ subject: 'appended, read' }), ['\\Seen'])
    await w.append('Projects/2024', testMessage({ subject: 'in a sub-folder' }))

    await w.mail.syncAccount(w.account.id)

    const boxes = await w.mail.listMailboxes(w.account.id)
    const byPath = new Map(boxes.map((b) => [b.path, b]))
    expect(boxes[0]).toMatchObject({ path: 'INBOX', role: 'inbox', unread: 1, total: 2, parentPath: null })
    for (const [path, role] of [
      ['Sent', 'sent'],
      ['Drafts', 'drafts'],
      ['Trash', 'trash'],
      ['Junk', 'junk'],
      ['Archive', 'archive'],
    ] as const) {
      expect(byPath.get(path)).toMatchObject({ role, total: 0, selectable: true })
    }
    expect(byPath.get('Projects/2024')).toMatchObject({
      name: '2024',
      parentPath: 'Projects',
      total: 1,
      unread: 1,
    })
    expect(byPath.get('Projects')).toMatchObject({ name: 'Projects', parentPath: null })
    expect(w.mail.findMailboxByRole(w.account.id, 'trash')?.path).toBe('Trash')
    await expectConverged(w)
  })

  it('converges to the server after another client changes flags, adds, expunges, moves, renames and recreates', async () => {
    const w = await world(family)
    const admin = await w.admin()
    await admin.mailboxCreate('Work')
    await admin.mailboxCreate('Old')
    for (let i = 0; i < 12; i++)
      await w.append('INBOX', testMessage({ subject: `inbox ${i}` }), i % 3 ? [] : ['\\Seen'])
    for (let i = 0; i < 4; i++) await w.deliver(testMessage({ subject: `delivered ${i}` }))
    for (let i = 0; i < 5; i++) await w.append('Work', testMessage({ subject: `work ${i}` }), ['\\Flagged'])
    for (let i = 0; i < 3; i++) await w.append('Old', testMessage({ subject: `old ${i}` }))
    await w.mail.syncAccount(w.account.id)
    await expectConverged(w)
    const oldValidity = w.store.mailboxes.byPath(w.account.id, 'Old')!.uidValidity
    const workId = w.mailboxId('Work')

    // Another device changes everything behind the engine's back.
    let lock = await admin.getMailboxLock('INBOX')
    try {
      await admin.messageFlagsAdd('1:3', ['\\Flagged', '\\Answered', '$Important'])
      await admin.messageFlagsRemove('1', ['\\Seen'])
      await admin.messageFlagsAdd('5', ['\\Seen'])
      await admin.messageDelete('6:7')
      await admin.messageMove('8', 'Work')
    } finally {
      lock.release()
    }
    await w.deliver(testMessage({ subject: 'new while away' }))
    await admin.mailboxRename('Work', 'Work Renamed')
    // UIDVALIDITY reset: the folder is deleted and created again with other messages.
    await admin.mailboxDelete('Old')
    await admin.mailboxCreate('Old')
    await w.append('Old', testMessage({ subject: 'reborn' }), ['\\Seen'])
    lock = await admin.getMailboxLock('Work Renamed')
    try {
      await admin.messageFlagsRemove('1', ['\\Flagged'])
    } finally {
      lock.release()
    }

    await w.mail.syncAccount(w.account.id)
    await expectConverged(w)
    // The renamed folder kept its id (and its cached rows); the recreated one got a new UIDVALIDITY.
    expect(w.mailboxId('Work Renamed')).toBe(workId)
    expect(w.store.mailboxes.byPath(w.account.id, 'Old')!.uidValidity).not.toBe(oldValidity)
    const old = await w.mail.listMessages(w.mailboxId('Old'), { offset: 0, limit: 10 })
    expect(old.items.map((m) => m.subject)).toEqual(['reborn'])

    // A second pass with nothing changed changes nothing.
    await w.mail.syncAccount(w.account.id)
    await expectConverged(w)
  })

  it('follows a folder deleted on the server', async () => {
    const w = await world(family)
    const admin = await w.admin()
    await admin.mailboxCreate('Temporary')
    await w.append('Temporary', testMessage())
    await w.mail.syncAccount(w.account.id)
    expect(w.localPaths()).toContain('Temporary')
    await admin.mailboxDelete('Temporary')
    await w.mail.syncAccount(w.account.id)
    expect(w.localPaths()).not.toContain('Temporary')
    await expectConverged(w)
  })

  it('refreshes one mailbox on request and reports the change', async () => {
    const w = await world(family)
    await w.mail.syncAccount(w.account.id)
    const inbox = w.mailboxId('INBOX')
    const changed: string[] = []
    const off = w.services.events.on('mailbox:changed', (e) => changed.push(e.mailboxId))
    await w.append('INBOX', testMessage({ subject: 'refresh me' }))
    await w.mail.refreshMailbox(inbox)
    off()
    expect(changed).toContain(inbox)
    const page = await w.mail.listMessages(inbox, { offset: 0, limit: 50 })
    expect(page.items.map((m) => m.subject)).toEqual(['refresh me'])
    await expectConverged(w)
  })
})
