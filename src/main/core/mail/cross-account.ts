import type { ImapFlow } from 'imapflow'
import { AppError } from '../../../shared/errors'
import type { EventBus } from '../events'
import { checked } from '../imap/imap-client'
import type { MailStore } from '../store/mail-store'
import type { MailboxRecord } from '../store/mailbox-repo'
import type { MessageRecord } from '../store/message-repo'

/** Largest message carried to another account (the engine's own download cap). */
const MAX_BYTES = 64 * 1024 * 1024

export interface CrossAccountDeps {
  store: MailStore
  events: EventBus
  /** The raw RFC 5322 bytes of a stored message (fetched from its server when not cached). */
  rawSource: (messageId: string, maxBytes: number) => Promise<Uint8Array>
  onServer: <T>(accountId: string, fn: (client: ImapFlow) => Promise<T>) => Promise<T>
  syncMailbox: (mb: MailboxRecord) => Promise<void>
  /** Server actions were queued for the account. */
  queued: (accountId: string) => void
}

function flagsOf(row: MessageRecord): string[] {
  const f = row.flags
  return [
    ...(f.seen ? ['\\Seen'] : []),
    ...(f.flagged ? ['\\Flagged'] : []),
    ...(f.answered ? ['\\Answered'] : []),
    ...(f.draft ? ['\\Draft'] : []),
    ...row.keywords,
  ]
}

/**
 * Moving and copying between accounts (issue 15 item 3): each message is APPENDed to the other
 * account's folder with its exact bytes, flags and arrival date (RFC 3501 §6.3.11), and an
 * original is removed (UID EXPUNGE through the queue) only after its APPEND was answered OK. A
 * target that refuses or goes away leaves every original where it is; what was already copied
 * stays copied and its original is removed, so nothing is lost or doubled. Not undoable.
 */
export function createCrossAccount(d: CrossAccountDeps) {
  const { store } = d

  function removeOriginals(rows: MessageRecord[]): void {
    if (rows.length === 0) return
    const byMailbox = new Map<number, MessageRecord[]>()
    for (const r of rows) byMailbox.set(r.mailboxId, [...(byMailbox.get(r.mailboxId) ?? []), r])
    store.db.transaction(() => {
      for (const [mailboxId, list] of byMailbox) {
        const mb = store.mailboxes.require(mailboxId)
        const ids = list.map((r) => r.id)
        if (mb.isLocal) store.mutations.remove(ids)
        else {
          store.mutations.hide(ids, true)
          store.queue.enqueue(mb.accountId, { kind: 'expunge', mailboxId, messageIds: ids })
        }
      }
    })()
    for (const mailboxId of byMailbox.keys()) {
      const mb = store.mailboxes.require(mailboxId)
      d.events.emit('mailbox:changed', { accountId: mb.accountId, mailboxId: String(mb.id) })
      if (!mb.isLocal) d.queued(mb.accountId)
    }
  }

  return {
    /** Whether any of the messages lives in another account than `target`. */
    crosses(messageIds: readonly string[], target: MailboxRecord): boolean {
      return messageIds.some((id) => {
        const row = /^\d{1,15}$/.test(id) ? store.messages.get(Number(id)) : undefined
        return row !== undefined && row.accountId !== target.accountId
      })
    },

    async transfer(
      kind: 'move' | 'copy',
      messageIds: readonly string[],
      target: MailboxRecord,
    ): Promise<void> {
      if (target.isLocal) {
        throw new AppError('INVALID_INPUT', 'Messages can be carried only to an IMAP account’s folders', {
          detail: { field: 'targetMailboxId' },
        })
      }
      const rows = messageIds.map((id) => {
        const row = /^\d{1,15}$/.test(id) ? store.messages.get(Number(id)) : undefined
        if (!row || row.hidden) {
          throw new AppError('MESSAGE_NOT_FOUND', `No message ${id}`, {
            detail: { field: 'messageIds', messageId: id },
          })
        }
        return row
      })
      const copied: MessageRecord[] = []
      try {
        for (const row of rows) {
          const bytes = Buffer.from(await d.rawSource(String(row.id), MAX_BYTES))
          const date = new Date(row.summary.receivedAt)
          await d.onServer(target.accountId, (client) =>
            checked(client, 'append', () => client.append(target.path, bytes, flagsOf(row), date)),
          )
          copied.push(row)
        }
      } finally {
        if (kind === 'move') removeOriginals(copied)
        if (copied.length > 0) await d.syncMailbox(target).catch(() => undefined)
      }
    },
  }
}
