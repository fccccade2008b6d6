import { AppError } from '../../../shared/errors'
import type { UndoOutcome } from '../../../shared/model/organize'
import type { MailStore } from '../store/mail-store'
import type { MailboxRecord } from '../store/mailbox-repo'
import type { MessageRecord } from '../store/message-repo'
import type { FlagsPart, MovedItem, MovedPart, UndoJournal } from './undo-journal'

export interface UndoDeps {
  store: MailStore
  journal: UndoJournal
  apply: (fn: (touched: Set<MailboxRecord>) => void) => void
  changeFlags: (mb: MailboxRecord, rows: MessageRecord[], add: string[], remove: string[]) => void
  transfer: (kind: 'move', mb: MailboxRecord, rows: MessageRecord[], target: MailboxRecord) => void
  syncMailbox?: (mb: MailboxRecord) => Promise<void>
}

/**
 * Undo: the inverse of the newest recorded action, applied like any action (store at once, server
 * through the queue). A message moved on the server has a new UID in its target (RFC 3501 §6.4.7);
 * the target's row learnt it from COPYUID (RFC 4315) when the queued move was replayed, so moving
 * that row back sends `UID MOVE` of the new UID. A row replaced meanwhile (a server without
 * UIDPLUS: the placeholder was dropped and the sync stored the message as a new row) is found by
 * its Message-ID, preferring the same size.
 */
export function createMailUndo(d: UndoDeps) {
  const { store } = d
  const byMessageId = store.db.prepare<[number, string, number], { id: number }>(
    `SELECT id FROM mail_messages WHERE mailbox_id = ? AND message_id = ? AND hidden = 0
     ORDER BY (size = ?) DESC, id`,
  )

  function findRow(part: MovedPart, item: MovedItem, claimed: Set<number>): MessageRecord | undefined {
    const row = store.messages.get(item.rowId)
    if (row && !row.hidden && row.mailboxId === part.to && !claimed.has(row.id)) return row
    const identity = item.identity
    if (!identity?.messageId) return undefined
    const hit = byMessageId.all(part.to, identity.messageId, identity.size).find((c) => !claimed.has(c.id))
    return hit ? store.messages.get(hit.id) : undefined
  }

  function resolve(part: MovedPart): { found: [MovedItem, MessageRecord][]; missing: number } {
    const claimed = new Set<number>()
    const found: [MovedItem, MessageRecord][] = []
    for (const item of part.items) {
      const row = findRow(part, item, claimed)
      if (!row) continue
      claimed.add(row.id)
      found.push([item, row])
    }
    return { found, missing: part.items.length - found.length }
  }

  function undoFlags(part: FlagsPart, touched: Set<MailboxRecord>): number {
    // Rows grouped by mailbox and by what must be added and removed to get their old values back.
    const groups = new Map<
      string,
      { mb: MailboxRecord; rows: MessageRecord[]; add: string[]; remove: string[] }
    >()
    let restored = 0
    for (const before of part.rows) {
      const row = store.messages.get(before.id)
      if (!row || row.hidden) continue
      const add: string[] = []
      const remove: string[] = []
      for (const key of part.keys) {
        const flag = key === 'seen' ? '\\Seen' : '\\Flagged'
        ;(before[key] ? add : remove).push(flag)
      }
      const k = `${row.mailboxId}|${add.join()}|${remove.join()}`
      let g = groups.get(k)
      if (!g) groups.set(k, (g = { mb: store.mailboxes.require(row.mailboxId), rows: [], add, remove }))
      g.rows.push(row)
      restored++
    }
    for (const g of groups.values()) {
      d.changeFlags(g.mb, g.rows, g.add, g.remove)
      touched.add(g.mb)
    }
    return restored
  }

  function undoMove(part: MovedPart, junk: boolean, touched: Set<MailboxRecord>): number {
    const from = store.mailboxes.get(part.from)
    const to = store.mailboxes.get(part.to)
    if (!from || !from.selectable) {
      throw new AppError('MAILBOX_NOT_FOUND', 'The folder the messages came from no longer exists', {
        detail: { field: 'mailboxId' },
      })
    }
    if (!to) return 0
    const { found } = resolve(part)
    if (found.length === 0) return 0
    if (junk) {
      // Marked junk by the action: $Junk off again, $NotJunk back where it was (RFC 5788).
      const groups = new Map<string, MessageRecord[]>()
      for (const [item, row] of found) {
        const k = `${item.keywords.includes('$Junk') ? '' : 'j'}${item.keywords.includes('$NotJunk') ? 'n' : ''}`
        groups.set(k, [...(groups.get(k) ?? []), row])
      }
      for (const [k, rows] of groups) {
        if (k) d.changeFlags(to, rows, k.includes('n') ? ['$NotJunk'] : [], k.includes('j') ? ['$Junk'] : [])
      }
    }
    d.transfer(
      'move',
      to,
      found.map(([, row]) => row),
      from,
    )
    touched.add(to).add(from)
    return found.length
  }

  return {
    /** Takes back the newest recorded action; null when there is nothing to undo. */
    async undoLast(): Promise<UndoOutcome | null> {
      const step = d.journal.pop()
      if (!step) return null
      const moved = step.parts.filter((p): p is MovedPart => p.kind === 'moved')
      // A target whose rows are not all found is synced first (a renumbered message is then stored).
      for (const part of moved) {
        const to = store.mailboxes.get(part.to)
        if (!to || to.isLocal || !d.syncMailbox) continue
        if (resolve(part).missing === 0) continue
        await d.syncMailbox(to).catch(() => undefined)
      }
      let restored = 0
      d.journal.silently(() =>
        d.apply((touched) => {
          for (const part of [...step.parts].reverse()) {
            restored +=
              part.kind === 'flags'
                ? undoFlags(part, touched)
                : undoMove(part, step.action === 'junk', touched)
          }
        }),
      )
      const total = step.parts.reduce((n, p) => n + (p.kind === 'flags' ? p.rows.length : p.items.length), 0)
      return { action: step.action, restored, missing: Math.max(0, total - restored) }
    },
  }
}
