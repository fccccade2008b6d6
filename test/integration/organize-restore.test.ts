import { afterEach, describe, expect, it } from 'vitest'
import { SERVER_FAMILIES } from '../servers/families'
import { MailWorld, testMessage } from './helpers/mail-world'
import { byMessageId, idsBySubject, subjectsIn } from './helpers/server-messages'

/**
 * Restore from Trash and Not junk (issue 15 item 2): back to the folder each message came from,
 * remembered in the store across a restart; the Inbox when unknown or gone.
 */

const worlds: MailWorld[] = []
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close()
})

async function track(w: Promise<MailWorld>): Promise<MailWorld> {
  worlds.push(await w)
  return worlds[worlds.length - 1]!
}

describe.each(SERVER_FAMILIES)('restore to origin against $title', (family) => {
  it('puts messages back where they were, also after a restart; Not junk sets $NotJunk', async () => {
    const w1 = await track(MailWorld.open({ family }))
    const admin = await w1.admin()
    await admin.mailboxCreate('Projects')
    await admin.mailboxCreate('Gone')
    await w1.append('INBOX', testMessage({ subject: 'a' }))
    await w1.append('INBOX', testMessage({ subject: 'c' }))
    await w1.append('Projects', testMessage({ subject: 'b' }))
    await w1.append('Gone', testMessage({ subject: 'g' }))
    await w1.append('Trash', testMessage({ subject: 'x' })) // put there by another client
    await w1.mail.syncAccount(w1.account.id)
    const inbox = await idsBySubject(w1, 'INBOX')
    await w1.mail.deleteMessages([inbox['a']!])
    await w1.mail.markAsJunk([inbox['c']!])
    await w1.mail.deleteMessages([(await idsBySubject(w1, 'Projects'))['b']!])
    await w1.mail.deleteMessages([(await idsBySubject(w1, 'Gone'))['g']!])
    await w1.mail.flushActions(w1.account.id)
    await w1.close({ keepData: true })
    worlds.splice(worlds.indexOf(w1), 1)

    // The app restarts; "Gone" is deleted on the server (by another client) meanwhile.
    const w = await track(MailWorld.open({ user: w1.user, dataDir: w1.dataDir, secrets: w1.secrets }))
    await (await w.admin()).mailboxDelete('Gone')
    await w.mail.syncAccount(w.account.id)
    const trash = await idsBySubject(w, 'Trash')
    await w.mail.restoreMessages([trash['a']!, trash['b']!, trash['g']!, trash['x']!])
    await w.mail.restoreMessages([(await idsBySubject(w, 'Junk'))['c']!])
    expect(await subjectsIn(w, 'Trash')).toEqual([])
    expect(await subjectsIn(w, 'Projects')).toEqual(['b'])
    expect(await subjectsIn(w, 'INBOX')).toEqual(['a', 'c', 'g', 'x'])
    await w.mail.flushActions(w.account.id)

    expect((await byMessageId(w, 'Trash')).size).toBe(0)
    expect((await byMessageId(w, 'Junk')).size).toBe(0)
    expect((await byMessageId(w, 'Projects')).size).toBe(1)
    const server = [...(await byMessageId(w, 'INBOX')).values()]
    expect(server).toHaveLength(4)
    // c was judged not junk: the keyword tells the server's filters (RFC 5788).
    expect(server.filter((m) => m.flags.includes('$NotJunk'))).toHaveLength(1)
    expect(server.some((m) => m.flags.includes('$Junk'))).toBe(false)
    // Restore is undoable like a move: back to Trash.
    expect((await w.mail.undoLast())?.action).toBe('not-junk')
    expect((await w.mail.undoLast())?.action).toBe('restore')
    await w.mail.flushActions(w.account.id)
    expect((await byMessageId(w, 'Trash')).size).toBe(4)
    expect((await byMessageId(w, 'Junk')).size).toBe(1)
  })
})
