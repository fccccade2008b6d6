import { afterEach, describe, expect, it } from 'vitest'
import type { UndoableAction } from '../../src/shared/model/organize'
import { SERVER_FAMILIES, type ServerFamily } from '../servers/families'
import { MailWorld, testMessage } from './helpers/mail-world'
import { byMessageId, idsBySubject, messageIdsIn, subjectsIn } from './helpers/server-messages'

/**
 * Undo (issue 15 item 5) against the real servers: the inverse of an action is queued like any
 * action, so an undo after the server carried the action out moves the messages back by their new
 * UIDs; the server's final state is compared message by message (Message-ID → UID and flags).
 */

const worlds: MailWorld[] = []
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close()
})

async function seeded(family: ServerFamily, subjects: string[]): Promise<MailWorld> {
  const w = await MailWorld.open({ family })
  worlds.push(w)
  for (const s of subjects) await w.append('INBOX', testMessage({ subject: s }))
  await w.mail.syncAccount(w.account.id)
  return w
}

async function expectConverged(w: MailWorld, paths: string[]): Promise<void> {
  for (const path of paths)
    expect({ path, state: w.localState(path) }).toEqual({ path, state: await w.serverState(path) })
}

describe.each(SERVER_FAMILIES)('undo against $title', (family) => {
  it('moves three messages back after the server moved them: same messages, new UIDs, nothing doubled', async () => {
    const w = await seeded(family, ['a', 'b', 'c', 'd', 'e'])
    const before = await byMessageId(w, 'INBOX')
    const id = await idsBySubject(w, 'INBOX')
    const announced: UndoableAction[] = []
    w.services.events.on('mail:undoable', (e) => announced.push(e))

    await w.mail.moveMessages([id['a']!, id['b']!, id['c']!], w.mailboxId('Archive'))
    expect(announced).toEqual([{ action: 'move', count: 3, target: 'Archive' }])
    await w.mail.flushActions(w.account.id)
    expect(await messageIdsIn(w, 'Archive')).toHaveLength(3)
    expect(await messageIdsIn(w, 'INBOX')).toHaveLength(2)

    expect(await w.mail.undoLast()).toEqual({ action: 'move', restored: 3, missing: 0 })
    // The store shows them back at once; the server follows through the queue.
    expect(await subjectsIn(w, 'INBOX')).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(await subjectsIn(w, 'Archive')).toEqual([])
    await w.mail.flushActions(w.account.id)

    const after = await byMessageId(w, 'INBOX')
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
    expect(await messageIdsIn(w, 'Archive')).toEqual([])
    const maxBefore = Math.max(...[...before.values()].map((m) => m.uid))
    const moved = new Set(await movedIds(w, ['a', 'b', 'c'], before))
    for (const [messageId, m] of after) {
      // Moved back: a new UID above every old one (RFC 3501 §2.3.1.1); the others keep theirs.
      if (moved.has(messageId)) expect(m.uid).toBeGreaterThan(maxBefore)
      else expect(m.uid).toBe(before.get(messageId)!.uid)
      expect(m.flags).toEqual(before.get(messageId)!.flags)
    }
    await expectConverged(w, ['INBOX', 'Archive'])
    expect(await w.mail.undoLast()).toBeNull() // an undo is not itself undone
  })

  it('takes back flags, delete, archive and junk, also while the actions are still queued', async () => {
    const w = await seeded(family, ['a', 'b', 'c', 'd'])
    const before = await byMessageId(w, 'INBOX')
    const id = await idsBySubject(w, 'INBOX')

    await w.mail.setFlags([id['a']!], { flagged: true })
    await w.mail.deleteMessages([id['b']!])
    await w.mail.archiveMessages([id['c']!])
    await w.mail.markAsJunk([id['d']!])
    await w.mail.flushActions(w.account.id) // flags and delete reach the server; undo after
    expect((await w.mail.undoLast())?.action).toBe('junk')
    expect((await w.mail.undoLast())?.action).toBe('archive') // before the server heard of either
    await w.mail.flushActions(w.account.id)
    expect((await w.mail.undoLast())?.action).toBe('delete')
    expect(await w.mail.undoLast()).toEqual({ action: 'flag', restored: 1, missing: 0 })
    await w.mail.flushActions(w.account.id)

    const after = await byMessageId(w, 'INBOX')
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
    for (const [messageId, m] of after) expect(m.flags).toEqual(before.get(messageId)!.flags)
    for (const path of ['Trash', 'Archive', 'Junk']) expect(await messageIdsIn(w, path)).toEqual([])
    await expectConverged(w, ['INBOX', 'Trash', 'Archive', 'Junk'])
  })

  it('finds a moved message by Message-ID when its placeholder was replaced by a synced row', async () => {
    const w = await seeded(family, ['a', 'b'])
    const id = await idsBySubject(w, 'INBOX')
    await w.mail.moveMessages([id['a']!], w.mailboxId('Archive'))
    await w.mail.flushActions(w.account.id)
    // As after a server without COPYUID: the row goes, the next sync of Archive stores it anew.
    const row = (await idsBySubject(w, 'Archive'))['a']!
    w.services.db.prepare('DELETE FROM mail_messages WHERE id = ?').run(Number(row))

    expect(await w.mail.undoLast()).toEqual({ action: 'move', restored: 1, missing: 0 })
    await w.mail.flushActions(w.account.id)
    expect(await subjectsIn(w, 'INBOX')).toEqual(['a', 'b'])
    expect(await messageIdsIn(w, 'INBOX')).toHaveLength(2)
    expect(await messageIdsIn(w, 'Archive')).toEqual([])
  })
})

/** The Message-IDs of the messages with these subjects (from the local rows). */
async function movedIds(w: MailWorld, subjects: string[], before: Map<string, unknown>): Promise<string[]> {
  const page = await w.mail.listMessages(w.mailboxId('INBOX'), { offset: 0, limit: 100 })
  return subjects.map((s) => {
    const mid = page.items.find((m) => m.subject === s)?.messageId
    if (!mid || !before.has(mid)) throw new Error(`no Message-ID for ${s}: ${mid}`)
    return mid
  })
}
