import type { ImapFlow } from 'imapflow'
import { AppError } from '../../../shared/errors'
import type { Mailbox } from '../../../shared/model/mail'
import type { EventBus } from '../events'
import { createOnServer, deleteOnServer, renameOnServer } from '../imap/folder-commands'
import type { MailStore } from '../store/mail-store'
import type { MailboxRecord } from '../store/mailbox-repo'
import { settle } from './settle'
import { checkFolderName, childPath, folderExists, refuseSpecial, subtree } from './folder-names'

export interface FolderDeps {
  store: MailStore
  events: EventBus
  /** Runs commands on the account's IMAP session, for a person waiting. */
  onServer: <T>(accountId: string, fn: (client: ImapFlow) => Promise<T>) => Promise<T>
  /** Replays the account's queued actions first (they may name the folder by its old path). */
  flush: (accountId: string) => Promise<void>
  markRead: (messageIds: string[]) => Promise<void>
  /** Server actions were queued for the account. */
  queued: (accountId: string) => void
}

/**
 * Folder management (issue 15 item 6): create, rename, move and delete folders on the server,
 * mark a folder read, empty Trash or Junk. Local folders (POP3 accounts) change in the store only.
 * The tree in the store follows at once (`mailbox:changed` makes the renderer read it again).
 */
export function createFolderService(d: FolderDeps) {
  const { store } = d

  function folder(mailboxId: string): MailboxRecord {
    const mb = /^\d{1,15}$/.test(mailboxId) ? store.mailboxes.get(Number(mailboxId)) : undefined
    if (!mb) throw new AppError('MAILBOX_NOT_FOUND', 'No such folder', { detail: { field: 'mailboxId' } })
    return mb
  }

  function delimiterOf(accountId: string): string | null {
    return store.mailboxes.list(accountId).find((m) => m.delimiter)?.delimiter ?? null
  }

  /** A path already used (INBOX in any case: RFC 3501 §5.1 makes it case-insensitive). */
  function taken(accountId: string, path: string): boolean {
    if (path.toUpperCase() === 'INBOX') return true
    return store.mailboxes.list(accountId).some((m) => m.path === path)
  }

  function changed(accountId: string, mailboxId?: number): void {
    const id = mailboxId ?? store.mailboxes.list(accountId)[0]?.id
    if (id !== undefined) d.events.emit('mailbox:changed', { accountId, mailboxId: String(id) })
  }

  /** New paths for the folder and every folder under it (deepest first, the folder last). */
  function moves(mb: MailboxRecord, to: string): { mb: MailboxRecord; from: string; to: string }[] {
    return subtree(store.mailboxes.list(mb.accountId), mb).map((m) => ({
      mb: m,
      from: m.path,
      to: to + m.path.slice(mb.path.length),
    }))
  }

  /** The store follows a rename at once, keeping ids (and so every cached message). */
  function renameInStore(list: { mb: MailboxRecord; from: string; to: string }[], name: string): void {
    const stmt = store.db.prepare(
      'UPDATE mail_mailboxes SET path = ?, name = ?, parent_path = ? WHERE id = ?',
    )
    const top = list[list.length - 1]!
    store.db.transaction(() => {
      for (const m of list) {
        const delimiter = m.mb.delimiter ?? ''
        const cut = m.to.lastIndexOf(delimiter)
        const parent = delimiter && cut > 0 ? m.to.slice(0, cut) : null
        stmt.run(m.to, m === top ? name : m.mb.name, parent, m.mb.id)
      }
    })()
  }

  async function moveTo(mb: MailboxRecord, to: string, name: string): Promise<void> {
    if (to === mb.path) return
    if (taken(mb.accountId, to)) throw folderExists(to)
    const list = moves(mb, to)
    if (!mb.isLocal) {
      await d.flush(mb.accountId)
      await d.onServer(mb.accountId, (client) =>
        renameOnServer(client, store, mb.accountId, list, () => renameInStore(list, name)),
      )
    } else renameInStore(list, name)
    changed(mb.accountId, mb.id)
  }

  const service = {
    async createFolder(accountId: string, parentMailboxId: string | null, name: string): Promise<Mailbox> {
      const any = store.mailboxes.list(accountId)[0]
      if (!any) throw new AppError('ACCOUNT_NOT_FOUND', 'No such account', { detail: { field: 'accountId' } })
      const parent = parentMailboxId === null ? null : folder(parentMailboxId)
      if (parent && parent.accountId !== accountId) {
        throw new AppError('INVALID_INPUT', 'The parent folder is in another account', {
          detail: { field: 'parentMailboxId' },
        })
      }
      const delimiter = parent?.delimiter ?? delimiterOf(accountId)
      const path = childPath(parent, checkFolderName(name, delimiter), delimiter)
      if (taken(accountId, path)) throw folderExists(path)
      if (any.isLocal) {
        const id = store.mailboxes.insert(
          accountId,
          {
            path,
            name: name.trim(),
            parentPath: parent?.path ?? null,
            delimiter: delimiter ?? '/',
            role: null,
            selectable: true,
            statusTotal: null,
            statusUnread: null,
          },
          true,
        )
        changed(accountId, id)
        return store.mailboxes.toMailbox(store.mailboxes.require(id))
      }
      const res = await d.onServer(accountId, (client) => createOnServer(client, store, accountId, path))
      // Someone else made it meanwhile (ALREADYEXISTS, RFC 5530): now listed, but not ours to make.
      if (!res.created) throw folderExists(path)
      const made = store.mailboxes.byPath(accountId, res.path) ?? store.mailboxes.byPath(accountId, path)
      if (!made) throw new AppError('MAILBOX_NOT_FOUND', 'The server did not list the new folder')
      changed(accountId, made.id)
      return store.mailboxes.toMailbox(made)
    },

    async renameFolder(mailboxId: string, name: string): Promise<void> {
      const mb = folder(mailboxId)
      refuseSpecial(mb, 'renamed')
      const delimiter = mb.delimiter ?? delimiterOf(mb.accountId)
      const clean = checkFolderName(name, delimiter)
      const to = mb.parentPath && delimiter ? `${mb.parentPath}${delimiter}${clean}` : clean
      await moveTo(mb, to, clean)
    },

    /** Moves a folder (with its subfolders) under another one, or to the top (null). */
    async moveFolder(mailboxId: string, parentMailboxId: string | null): Promise<void> {
      const mb = folder(mailboxId)
      refuseSpecial(mb, 'moved')
      const parent = parentMailboxId === null ? null : folder(parentMailboxId)
      if (
        parent &&
        (parent.accountId !== mb.accountId ||
          subtree(store.mailboxes.list(mb.accountId), mb).includes(parent))
      ) {
        throw new AppError('INVALID_INPUT', 'A folder cannot move into itself or into another account', {
          detail: { field: 'parentMailboxId', reason: 'folder-name' },
        })
      }
      const delimiter = mb.delimiter ?? delimiterOf(mb.accountId)
      await moveTo(mb, childPath(parent, mb.name, delimiter), mb.name)
    },

    /** Deletes the folder, its subfolders and their messages (the renderer asks first). */
    async deleteFolder(mailboxId: string): Promise<void> {
      const mb = folder(mailboxId)
      const all = subtree(store.mailboxes.list(mb.accountId), mb)
      for (const m of all) refuseSpecial(m, 'deleted')
      if (mb.isLocal) {
        store.db.transaction(() => all.forEach((m) => store.mailboxes.remove(m.id)))()
      } else {
        await d.flush(mb.accountId)
        await d.onServer(mb.accountId, (client) =>
          deleteOnServer(
            client,
            store,
            mb.accountId,
            all.map((m) => m.path),
          ),
        )
      }
      changed(mb.accountId)
    },

    /** Every message of the folder read: one flag change (and queue entry), undoable. */
    async markFolderRead(mailboxId: string): Promise<void> {
      const mb = folder(mailboxId)
      const ids = store.db
        .prepare<[number], { id: number }>(
          'SELECT id FROM mail_messages WHERE mailbox_id = ? AND hidden = 0 AND seen = 0',
        )
        .all(mb.id)
        .map((r) => String(r.id))
      if (ids.length > 0) await d.markRead(ids)
    },

    /** Trash or Junk emptied for good: \Deleted + UID EXPUNGE of every message (RFC 4315). */
    emptyFolder(mailboxId: string): Promise<void> {
      return settle(() => emptyNow(mailboxId))
    },
  }
  return service

  function emptyNow(mailboxId: string): void {
    const mb = folder(mailboxId)
    if (mb.role !== 'trash' && mb.role !== 'junk') {
      throw new AppError('INVALID_INPUT', 'Only Trash and Junk can be emptied', {
        detail: { field: 'mailboxId' },
      })
    }
    const ids = store.db
      .prepare<[number], { id: number }>('SELECT id FROM mail_messages WHERE mailbox_id = ? AND hidden = 0')
      .all(mb.id)
      .map((r) => r.id)
    if (ids.length === 0) return
    store.db.transaction(() => {
      if (mb.isLocal) return store.mutations.remove(ids)
      store.mutations.hide(ids, true)
      store.queue.enqueue(mb.accountId, { kind: 'expunge', mailboxId: mb.id, messageIds: ids })
    })()
    changed(mb.accountId, mb.id)
    if (!mb.isLocal) d.queued(mb.accountId)
  }
}
