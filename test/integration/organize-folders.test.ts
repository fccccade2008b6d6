import { afterEach, describe, expect, it } from 'vitest'
import { SERVER_FAMILIES, type ServerFamily } from '../servers/families'
import { MailWorld, testMessage } from './helpers/mail-world'
import { byMessageId, idsBySubject, messageIdsIn, subjectsIn } from './helpers/server-messages'

/**
 * Folder management (issue 15 item 6) against the real servers: CREATE, RENAME (also to another
 * parent), DELETE, subscriptions kept in step, the store's tree following, typed refusals.
 */

const worlds: MailWorld[] = []
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close()
})

async function world(family: ServerFamily): Promise<MailWorld> {
  const w = await MailWorld.open({ family })
  worlds.push(w)
  await w.mail.syncAccount(w.account.id)
  return w
}

/** The server's folders: path → subscribed. */
async function serverFolders(w: MailWorld): Promise<Map<string, boolean>> {
  const list = await (await w.admin()).list()
  return new Map(list.map((e) => [e.path, e.subscribed === true]))
}

describe.each(SERVER_FAMILIES)('folder management against $title', (family) => {
  it('creates, renames, moves and deletes folders; the tree, the messages and the subscriptions follow', async () => {
    const w = await world(family)
    const d = w.store.mailboxes.byPath(w.account.id, 'INBOX')!.delimiter!
    const projects = await w.mail.createFolder(w.account.id, null, 'Projects')
    const alpha = await w.mail.createFolder(w.account.id, projects.id, 'Alpha ü')
    expect(alpha.path).toBe(`Projects${d}Alpha ü`)
    let server = await serverFolders(w)
    expect(server.get('Projects')).toBe(true)
    expect(server.get(`Projects${d}Alpha ü`)).toBe(true) // non-ASCII: modified UTF-7 on the wire
    expect(w.localPaths()).toEqual(expect.arrayContaining(['Projects', `Projects${d}Alpha ü`]))

    await w.append(alpha.path, testMessage({ subject: 'kept' }))
    await w.mail.syncAccount(w.account.id)
    const cached = (await idsBySubject(w, alpha.path))['kept']!

    await w.mail.renameFolder(projects.id, 'Work')
    expect(w.store.mailboxes.byPath(w.account.id, `Work${d}Alpha ü`)?.id).toBe(Number(alpha.id))
    expect((await idsBySubject(w, `Work${d}Alpha ü`))['kept']).toBe(cached) // nothing downloaded again
    server = await serverFolders(w)
    expect(server.has('Projects')).toBe(false)
    expect(server.get('Work')).toBe(true)
    expect(server.get(`Work${d}Alpha ü`)).toBe(true)
    expect(await messageIdsIn(w, `Work${d}Alpha ü`)).toHaveLength(1)

    await w.mail.moveFolder(alpha.id, null)
    expect(w.store.mailboxes.get(Number(alpha.id))?.path).toBe('Alpha ü')
    server = await serverFolders(w)
    expect(server.get('Alpha ü')).toBe(true)
    expect(server.has(`Work${d}Alpha ü`)).toBe(false)

    const beta = await w.mail.createFolder(w.account.id, projects.id, 'Beta')
    await w.mail.deleteFolder(projects.id)
    server = await serverFolders(w)
    expect(server.has('Work')).toBe(false)
    expect(server.has(beta.path.replace('Projects', 'Work'))).toBe(false)
    expect(w.localPaths()).not.toContain('Work')
    expect(await subjectsIn(w, 'Alpha ü')).toEqual(['kept'])
    // What the store holds is what the server lists.
    expect(w.localPaths()).toEqual(await w.serverPaths())
  })

  it('refuses bad names, existing folders and special folders with typed errors, changing nothing', async () => {
    const w = await world(family)
    const d = w.store.mailboxes.byPath(w.account.id, 'INBOX')!.delimiter!
    const before = await w.serverPaths()
    const refused = async (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: { code: string; detail?: { reason?: string } }) => [e.code, e.detail?.reason],
      )
    expect(await refused(w.mail.createFolder(w.account.id, null, ''))).toEqual([
      'INVALID_INPUT',
      'folder-name',
    ])
    expect(await refused(w.mail.createFolder(w.account.id, null, `a${d}b`))).toEqual([
      'INVALID_INPUT',
      'folder-name',
    ])
    expect(await refused(w.mail.createFolder(w.account.id, null, 'a%'))).toEqual([
      'INVALID_INPUT',
      'folder-name',
    ])
    expect(await refused(w.mail.createFolder(w.account.id, null, 'Trash'))).toEqual([
      'INVALID_INPUT',
      'folder-exists',
    ])
    expect(await refused(w.mail.createFolder(w.account.id, null, 'inbox'))).toEqual([
      'INVALID_INPUT',
      'folder-exists',
    ])
    const trash = w.mailboxId('Trash')
    expect(await refused(w.mail.deleteFolder(trash))).toEqual(['INVALID_INPUT', 'special-folder'])
    expect(await refused(w.mail.renameFolder(w.mailboxId('INBOX'), 'Other'))).toEqual([
      'INVALID_INPUT',
      'special-folder',
    ])
    expect(await refused(w.mail.deleteFolder('999999'))).toEqual(['MAILBOX_NOT_FOUND', undefined])
    expect(await w.serverPaths()).toEqual(before)

    // Made by another client meanwhile: not ours to make, but listed from now on.
    await (await w.admin()).mailboxCreate('Elsewhere')
    expect(await refused(w.mail.createFolder(w.account.id, null, 'Elsewhere'))).toEqual([
      'INVALID_INPUT',
      'folder-exists',
    ])
    expect(w.localPaths()).toContain('Elsewhere')
    // Deleted by another client meanwhile: the server's refusal, typed; the tree follows.
    await (await w.admin()).mailboxDelete('Elsewhere')
    const e = await refused(w.mail.renameFolder(w.mailboxId('Elsewhere'), 'Moved'))
    expect(e?.[0]).toMatch(/MAILBOX_NOT_FOUND|SERVER_REJECTED/)
    await w.mail.syncAccount(w.account.id)
    expect(w.localPaths()).toEqual(await w.serverPaths())
  })

  it('marks a folder read and empties Trash', async () => {
    const w = await world(family)
    for (const s of ['a', 'b', 'c']) await w.append('INBOX', testMessage({ subject: s }))
    for (const s of ['t1', 't2']) await w.append('Trash', testMessage({ subject: s }))
    await w.mail.syncAccount(w.account.id)
    await w.mail.markFolderRead(w.mailboxId('INBOX'))
    await w.mail.emptyFolder(w.mailboxId('Trash'))
    expect(await subjectsIn(w, 'Trash')).toEqual([])
    await w.mail.flushActions(w.account.id)
    const inbox = [...(await byMessageId(w, 'INBOX')).values()]
    expect(inbox.map((m) => m.flags.includes('\\Seen'))).toEqual([true, true, true])
    expect(await messageIdsIn(w, 'Trash')).toEqual([])
    // Mark all read is undoable like any flag change.
    expect(await w.mail.undoLast()).toEqual({ action: 'read', restored: 3, missing: 0 })
    await w.mail.flushActions(w.account.id)
    expect([...(await byMessageId(w, 'INBOX')).values()].some((m) => m.flags.includes('\\Seen'))).toBe(false)
    await expect(w.mail.emptyFolder(w.mailboxId('INBOX'))).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })
})
