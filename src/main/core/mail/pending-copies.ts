/**
 * Copies the server does not have yet (PendingServerCopies, compose/ports.ts): a sent message whose
 * Sent APPEND is waiting or was refused, a draft whose Drafts APPEND was. They are rows of the
 * account's Sent or Drafts mailbox without a UID, like the placeholders of queued moves: the sync
 * never deletes a row without a UID, a UIDVALIDITY change keeps them, and the thread index files
 * them into their conversation as they are stored. When the server has the copy the row takes its
 * UID (APPENDUID, RFC 4315), so the next sync finds it and downloads nothing; without a usable UID
 * the row goes and that sync brings the server's copy.
 */
import type { EventBus } from '../events'
import type { PendingServerCopies } from '../compose/ports'
import { headerRowFields } from '../mime/header-row'
import { headerBlock } from '../mime/header-values'
import type { MailStore } from '../store/mail-store'
import type { MailboxRecord } from '../store/mailbox-repo'

export function createPendingCopies(
  store: MailStore,
  events: EventBus,
  mailboxChanged: (mb: MailboxRecord) => void,
): PendingServerCopies {
  const { db } = store
  const placeholders = db.prepare<[number, string], { id: number }>(
    "SELECT id FROM mail_messages WHERE mailbox_id = ? AND uid IS NULL AND TRIM(message_id, '<>') = TRIM(?, '<>')",
  )
  const folder = (accountId: string, role: 'sent' | 'drafts') => {
    const mb = store.mailboxes.byRole(accountId, role)
    // POP3 accounts keep their Sent copies in local folders, where they are the only copy.
    return mb && !mb.isLocal ? mb : undefined
  }
  const changed = (mb: MailboxRecord) =>
    events.emit('mailbox:changed', { accountId: mb.accountId, mailboxId: String(mb.id) })

  return {
    show(accountId, role, raw, meta) {
      const mb = folder(accountId, role)
      if (!mb) return
      const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)
      db.transaction(() => {
        store.mutations.remove(placeholders.all(mb.id, meta.messageId).map((r) => r.id))
        const id = store.messages.insert(mb.id, accountId, {
          uid: null,
          flags: { seen: meta.flags.seen, flagged: false, answered: false, draft: meta.flags.draft },
          keywords: [],
          ...headerRowFields(headerBlock(bytes), { receivedAt: meta.date, size: bytes.byteLength }),
        })
        if (id !== null) store.sources.writeBytes(id, bytes)
      })()
      changed(mb)
    },

    settle(accountId, role, messageId, server) {
      const mb = folder(accountId, role)
      if (!mb) return
      const ids = placeholders.all(mb.id, messageId).map((r) => r.id)
      if (ids.length === 0) return
      db.transaction(() => {
        // A UID counts only in the UIDVALIDITY the store knows the folder by (RFC 3501 §2.3.1.1).
        const [first, ...rest] = ids
        if (server && server.uidValidity === mb.uidValidity && first !== undefined) {
          store.mutations.assignUid(first, server.uid)
          store.mutations.remove(rest)
        } else store.mutations.remove(ids)
      })()
      changed(mb)
      mailboxChanged(mb)
    },
  }
}
