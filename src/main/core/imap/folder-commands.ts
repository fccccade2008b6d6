import type { ImapFlow } from 'imapflow'
import type { MailStore } from '../store/mail-store'
import { syncFolderList } from './folder-sync'

/**
 * Folder management on the server (RFC 3501 §6.3.3-6.3.7, RFC 9051 §6.3.4-6.3.8), each followed
 * by a LIST so the store holds the server's tree again. Subscriptions are kept in step: a new
 * folder is subscribed (imapflow's CREATE does it), a renamed one subscribed under its new name
 * where the old one was (RFC 3501 leaves the old subscription alone; RFC 9051 servers may move
 * it themselves), a deleted one unsubscribed, so clients that show only subscribed folders agree.
 */
export async function createOnServer(
  client: ImapFlow,
  store: MailStore,
  accountId: string,
  path: string,
): Promise<{ path: string; created: boolean }> {
  try {
    const res = await client.mailboxCreate(path)
    await syncFolderList(client, store, accountId)
    return { path: res.path, created: res.created }
  } catch (err) {
    // Cyrus says a bare "NO Mailbox already exists" (no [ALREADYEXISTS], RFC 5530): look.
    await syncFolderList(client, store, accountId)
    if (store.mailboxes.byPath(accountId, path)) return { path, created: false }
    throw err
  }
}

/**
 * Leaves a selected mailbox that is about to be renamed or deleted: servers end the session of
 * a client whose selected mailbox goes away (Dovecot does). Selecting the Inbox (never renamed or
 * deleted here) deselects it without CLOSE's implicit expunge (RFC 3501 §6.4.2).
 */
async function leave(client: ImapFlow, paths: readonly string[]): Promise<void> {
  const selected = client.mailbox ? client.mailbox.path : null
  if (selected === null || !paths.includes(selected)) return
  const lock = await client.getMailboxLock('INBOX', { description: 'leave' })
  lock.release()
}

/** The subscribed paths among `paths` (LSUB/LIST SUBSCRIBED, merged into imapflow's list). */
async function subscribedAmong(client: ImapFlow, paths: readonly string[]): Promise<Set<string>> {
  const wanted = new Set(paths)
  const list = await client.list()
  return new Set(list.filter((e) => e.subscribed && wanted.has(e.path)).map((e) => e.path))
}

/** RENAME (also a move to another parent: RFC 3501 §6.3.5 renames the inferiors with it). */
export async function renameOnServer(
  client: ImapFlow,
  store: MailStore,
  accountId: string,
  moves: readonly { from: string; to: string }[],
  beforeList: () => void,
): Promise<void> {
  const top = moves[moves.length - 1]!
  const subscribed = await subscribedAmong(
    client,
    moves.map((m) => m.from),
  )
  await leave(
    client,
    moves.map((m) => m.from),
  )
  await client.mailboxRename(top.from, top.to)
  for (const m of moves) {
    if (!subscribed.has(m.from)) continue
    await client.mailboxSubscribe(m.to)
    await client.mailboxUnsubscribe(m.from)
  }
  beforeList()
  await syncFolderList(client, store, accountId)
}

/** DELETE of the folder and its subfolders, deepest first (servers refuse a folder with children). */
export async function deleteOnServer(
  client: ImapFlow,
  store: MailStore,
  accountId: string,
  pathsDeepestFirst: readonly string[],
): Promise<void> {
  const subscribed = await subscribedAmong(client, pathsDeepestFirst)
  await leave(client, pathsDeepestFirst)
  for (const path of pathsDeepestFirst) {
    await client.mailboxDelete(path)
    if (subscribed.has(path)) await client.mailboxUnsubscribe(path)
  }
  await syncFolderList(client, store, accountId)
}
