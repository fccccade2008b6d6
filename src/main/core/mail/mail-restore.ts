import { AppError } from '../../../shared/errors'
import type { UndoAction } from '../../../shared/model/organize'
import type { MailStore } from '../store/mail-store'
import type { MailboxRecord } from '../store/mailbox-repo'
import type { MessageRecord } from '../store/message-repo'
import { createOriginRepo } from '../store/origin-repo'
import { settle } from './settle'

export interface RestoreDeps {
  store: MailStore
  groups: (ids: readonly string[]) => Map<number, { mb: MailboxRecord; rows: MessageRecord[] }>
  apply: (
    fn: (touched: Set<MailboxRecord>) => void,
    undoable?: { action: UndoAction; count: number; target?: MailboxRecord },
  ) => void
  changeFlags: (mb: MailboxRecord, rows: MessageRecord[], add: string[], remove: string[]) => void
  transfer: (kind: 'move', mb: MailboxRecord, rows: MessageRecord[], target: MailboxRecord) => void
}

const KEPT = new Set(['trash', 'junk'])

/**
 * Restore and Not junk: messages go back to the folder they were in before they went to Trash or
 * Junk (recorded by `noteMoved`), or the account's Inbox when that is unknown or gone.
 */
export function createMailRestore(d: RestoreDeps) {
  const { store } = d
  const origins = createOriginRepo(store.db)

  function destination(mb: MailboxRecord, row: MessageRecord): MailboxRecord {
    const originId = origins.originOf(row.id, mb.id, row.summary.messageId)
    const origin = originId === null ? undefined : store.mailboxes.get(originId)
    if (origin && origin.selectable && origin.accountId === mb.accountId && origin.id !== mb.id) return origin
    const inbox = store.mailboxes.byRole(mb.accountId, 'inbox')
    if (!inbox)
      throw new AppError('MAILBOX_NOT_FOUND', 'The account has no Inbox', { detail: { role: 'inbox' } })
    return inbox
  }

  return {
    /**
     * After a move (inside its transaction): remembers where messages that went to Trash or Junk
     * came from. `targetIds[i]` is the target's row for `rows[i]`. From Trash to Junk (or back)
     * the first origin is kept.
     */
    noteMoved(mb: MailboxRecord, rows: MessageRecord[], target: MailboxRecord, targetIds: number[]): void {
      if (!target.role || !KEPT.has(target.role)) return
      rows.forEach((row, i) => {
        const messageId = row.summary.messageId
        const earlier = mb.role && KEPT.has(mb.role) ? origins.originOf(row.id, mb.id, messageId) : null
        origins.record(targetIds[i]!, target.id, messageId, earlier ?? mb.id)
      })
    },

    /**
     * Back where they came from. Out of Junk also $Junk off and $NotJunk on (RFC 5788), so the
     * server's filters learn from it; servers that keep no keywords are not sent them (replay).
     */
    restoreMessages(messageIds: string[]): Promise<void> {
      return settle(() => {
        const all = [...d.groups(messageIds).values()]
        const junkOnly = all.every(({ mb }) => mb.role === 'junk')
        d.apply(
          (touched) => {
            for (const { mb, rows } of all) {
              if (mb.role === 'junk') d.changeFlags(mb, rows, ['$NotJunk'], ['$Junk'])
              touched.add(mb)
              const byTarget = new Map<number, { target: MailboxRecord; rows: MessageRecord[] }>()
              for (const row of rows) {
                const target = destination(mb, row)
                const g = byTarget.get(target.id) ?? { target, rows: [] }
                g.rows.push(row)
                byTarget.set(target.id, g)
              }
              for (const { target, rows: moving } of byTarget.values()) {
                d.transfer('move', mb, moving, target)
                touched.add(target)
              }
              origins.forget(rows.map((r) => r.id))
            }
          },
          { action: junkOnly ? 'not-junk' : 'restore', count: messageIds.length },
        )
      })
    },
  }
}
