import { AppError } from '../../../shared/errors'
import type { EventBus } from '../events'
import type { PlacedItem } from '../store/action-queue'
import type { LocalMailboxes } from './local-mailboxes'
import type { MailStore } from '../store/mail-store'
import type { MailboxRecord } from '../store/mailbox-repo'
import type { MessageRecord } from '../store/message-repo'
import { settle } from './settle'
import type { UndoAction } from '../../../shared/model/organize'
import { createMailRestore } from './mail-restore'
import { createMailUndo } from './mail-undo'
import { UndoJournal, type UndoStep } from './undo-journal'

export interface ActionDeps {
  store: MailStore
  events: EventBus
  local: LocalMailboxes
  /** Called after server actions were queued for an account (the engine replays them). */
  queued: (accountId: string) => void
  /** Syncs a mailbox now (an undo looks there for a moved message the server renumbered). */
  syncMailbox?: (mb: MailboxRecord) => Promise<void>
}

type Role = 'trash' | 'archive' | 'junk'

/**
 * Reader actions. Each applies to the store at once, in one transaction with the queue entry that
 * will replay it on the server (local folders need no queue). Server-side moves and deletes hide
 * the source rows until the server confirms, so a sync meanwhile cannot bring them back; a moved
 * or copied message appears in the target at once as a placeholder row (no UID yet, the cached
 * source copied along) that receives its UID from the server's COPYUID answer.
 */
export function createMailActions(deps: ActionDeps) {
  const { store, events } = deps
  const journal = new UndoJournal()
  /** The undo step of the action being applied (null: not undoable, e.g. the app's own marks). */
  let step: UndoStep | null = null

  /**
   * Visible rows for the ids, grouped by mailbox. A person's action on an id that is unknown or
   * already on its way out (hidden by a queued move or delete) answers MESSAGE_NOT_FOUND and changes
   * nothing; `skipMissing` is for the app's own bookkeeping (marking an original as answered).
   */
  function groups(
    messageIds: readonly string[],
    skipMissing = false,
  ): Map<number, { mb: MailboxRecord; rows: MessageRecord[] }> {
    const out = new Map<number, { mb: MailboxRecord; rows: MessageRecord[] }>()
    for (const raw of messageIds) {
      if (!/^\d{1,15}$/.test(raw)) {
        throw new AppError('INVALID_INPUT', `Not a stored message: ${raw}`, {
          detail: { field: 'messageIds' },
        })
      }
      const row = store.messages.get(Number(raw))
      if (!row || row.hidden) {
        if (skipMissing) continue
        throw new AppError('MESSAGE_NOT_FOUND', `No message ${raw}`, {
          detail: { field: 'messageIds', messageId: raw },
        })
      }
      let g = out.get(row.mailboxId)
      if (!g) out.set(row.mailboxId, (g = { mb: store.mailboxes.require(row.mailboxId), rows: [] }))
      g.rows.push(row)
    }
    return out
  }

  /**
   * Runs a local change transactionally, then tells the UI and the engine. With `undoable`, what
   * the change needs to be taken back is recorded in the journal and announced (`mail:undoable`).
   */
  function apply(
    fn: (touched: Set<MailboxRecord>) => void,
    undoable?: { action: UndoAction; count: number; target?: MailboxRecord },
  ): void {
    const touched = new Set<MailboxRecord>()
    const current: UndoStep | null = undoable
      ? { action: undoable.action, count: undoable.count, parts: [] }
      : null
    step = current
    try {
      store.db.transaction(() => fn(touched))()
    } finally {
      step = null
    }
    if (current && undoable && journal.push(current)) {
      events.emit('mail:undoable', {
        action: undoable.action,
        count: undoable.count,
        ...(undoable.target ? { target: undoable.target.name } : {}),
      })
    }
    const accounts = new Set<string>()
    for (const mb of touched) {
      events.emit('mailbox:changed', { accountId: mb.accountId, mailboxId: String(mb.id) })
      if (!mb.isLocal) accounts.add(mb.accountId)
    }
    accounts.forEach((a) => deps.queued(a))
  }

  function changeFlags(mb: MailboxRecord, rows: MessageRecord[], add: string[], remove: string[]): void {
    const ids = rows.map((r) => r.id)
    const keys = (['seen', 'flagged'] as const).filter((k) => {
      const flag = k === 'seen' ? '\\Seen' : '\\Flagged'
      return add.includes(flag) || remove.includes(flag)
    })
    if (step && keys.length > 0) {
      step.parts.push({
        kind: 'flags',
        keys: [...keys],
        rows: rows.map((r) => ({ id: r.id, seen: r.flags.seen, flagged: r.flags.flagged })),
      })
    }
    const system = (flag: string) => (add.includes(flag) ? true : remove.includes(flag) ? false : undefined)
    store.mutations.setFlags(ids, {
      seen: system('\\Seen'),
      flagged: system('\\Flagged'),
      answered: system('\\Answered'),
    })
    const keywords = (list: string[]) => list.filter((f) => !f.startsWith('\\'))
    store.mutations.changeKeywords(ids, keywords(add), keywords(remove))
    if (!mb.isLocal)
      store.queue.enqueue(mb.accountId, { kind: 'flags', mailboxId: mb.id, messageIds: ids, add, remove })
  }

  function transfer(
    kind: 'move' | 'copy',
    mb: MailboxRecord,
    rows: MessageRecord[],
    target: MailboxRecord,
  ): void {
    if (mb.accountId !== target.accountId || mb.isLocal !== target.isLocal) {
      throw new AppError('INVALID_INPUT', 'Messages can only move between mailboxes of the same account', {
        detail: { field: 'targetMailboxId' },
      })
    }
    const ids = rows.map((r) => r.id)
    const identities = step && kind === 'move' ? store.mutations.identitiesOf(ids) : undefined
    const moved = (rowOf: (i: number) => number) =>
      step?.parts.push({
        kind: 'moved',
        from: mb.id,
        to: target.id,
        items: rows.map((r, i) => ({
          rowId: rowOf(i),
          identity: identities?.get(r.id),
          keywords: r.keywords,
        })),
      })
    if (mb.isLocal) {
      if (kind === 'move') store.mutations.relocate(ids, target.id)
      else ids.forEach((id) => store.mutations.duplicate(id, target.id))
      if (kind === 'move') {
        moved((i) => ids[i]!)
        restore.noteMoved(mb, rows, target, ids)
      }
      return
    }
    const items: PlacedItem[] = ids.map((sourceId) => ({
      sourceId,
      placeholderId: store.mutations.duplicate(sourceId, target.id),
    }))
    if (kind === 'move') {
      store.mutations.hide(ids, true)
      moved((i) => items[i]!.placeholderId)
      restore.noteMoved(
        mb,
        rows,
        target,
        items.map((i) => i.placeholderId),
      )
    }
    store.queue.enqueue(mb.accountId, { kind, mailboxId: mb.id, targetId: target.id, items })
  }

  function expunge(mb: MailboxRecord, rows: MessageRecord[]): void {
    const ids = rows.map((r) => r.id)
    if (mb.isLocal) return store.mutations.remove(ids)
    store.mutations.hide(ids, true)
    store.queue.enqueue(mb.accountId, { kind: 'expunge', mailboxId: mb.id, messageIds: ids })
  }

  function roleTarget(mb: MailboxRecord, role: Role): MailboxRecord | null {
    const target = deps.local.targetFor(mb, role)
    if (target || role === 'trash') return target
    throw new AppError('MAILBOX_NOT_FOUND', `The account has no ${role} folder`, { detail: { role } })
  }

  function requireTarget(targetMailboxId: string): MailboxRecord {
    const target = /^\d{1,15}$/.test(targetMailboxId)
      ? store.mailboxes.get(Number(targetMailboxId))
      : undefined
    if (!target || !target.selectable) {
      throw new AppError('MAILBOX_NOT_FOUND', 'No such mailbox', { detail: { field: 'targetMailboxId' } })
    }
    return target
  }

  const restore = createMailRestore({ store, groups, apply, changeFlags, transfer })

  const actions = {
    setFlags(messageIds: string[], flags: { seen?: boolean; flagged?: boolean }): Promise<void> {
      const add = [...(flags.seen ? ['\\Seen'] : []), ...(flags.flagged ? ['\\Flagged'] : [])]
      const remove = [
        ...(flags.seen === false ? ['\\Seen'] : []),
        ...(flags.flagged === false ? ['\\Flagged'] : []),
      ]
      const action: UndoAction =
        flags.seen !== undefined ? (flags.seen ? 'read' : 'unread') : flags.flagged ? 'flag' : 'unflag'
      return settle(() =>
        apply(
          (touched) => {
            for (const { mb, rows } of groups(messageIds).values()) {
              changeFlags(mb, rows, add, remove)
              touched.add(mb)
            }
          },
          { action, count: messageIds.length },
        ),
      )
    },

    moveMessages(messageIds: string[], targetMailboxId: string): Promise<void> {
      return settle(() => {
        const target = requireTarget(targetMailboxId)
        apply(
          (touched) => {
            for (const { mb, rows } of groups(messageIds).values()) {
              if (mb.id === target.id) continue
              transfer('move', mb, rows, target)
              touched.add(mb).add(target)
            }
          },
          { action: 'move', count: messageIds.length, target },
        )
      })
    },

    copyMessages(messageIds: string[], targetMailboxId: string): Promise<void> {
      return settle(() => {
        const target = requireTarget(targetMailboxId)
        apply((touched) => {
          for (const { mb, rows } of groups(messageIds).values()) {
            transfer('copy', mb, rows, target)
            touched.add(mb).add(target)
          }
        })
      })
    },

    /** To Trash; in Trash (or without one) for good: \Deleted + UID EXPUNGE (RFC 4315). */
    deleteMessages(messageIds: string[]): Promise<void> {
      return settle(() =>
        apply(
          (touched) => {
            for (const { mb, rows } of groups(messageIds).values()) {
              const trash = roleTarget(mb, 'trash')
              touched.add(mb)
              if (!trash || trash.id === mb.id) {
                expunge(mb, rows)
                continue
              }
              transfer('move', mb, rows, trash)
              touched.add(trash)
            }
          },
          { action: 'delete', count: messageIds.length },
        ),
      )
    },

    archiveMessages(messageIds: string[]): Promise<void> {
      return settle(() =>
        apply(
          (touched) => {
            for (const { mb, rows } of groups(messageIds).values()) {
              const archive = roleTarget(mb, 'archive')!
              if (archive.id === mb.id) continue
              transfer('move', mb, rows, archive)
              touched.add(mb).add(archive)
            }
          },
          { action: 'archive', count: messageIds.length },
        ),
      )
    },

    /**
     * After a reply or forward was sent: marks the stored copies of the message it answered (by
     * Message-ID, in the sending account) \Answered (RFC 3501 §2.3.2), or $Forwarded for a
     * forward (the keyword registered with IANA by RFC 5550 that Thunderbird and Apple Mail use).
     * Through the same queue as every flag change, so it reaches the server also after a restart.
     */
    markReplied(accountId: string, messageId: string, how: 'answered' | 'forwarded'): Promise<void> {
      return settle(() => {
        const ids = store.threads.rowsWithMessageId(accountId, messageId)
        const flag = how === 'answered' ? '\\Answered' : '$Forwarded'
        apply((touched) => {
          for (const { mb, rows } of groups(ids.map(String), true).values()) {
            changeFlags(mb, rows, [flag], [])
            touched.add(mb)
          }
        })
      })
    },

    /** Marks with the $Junk keyword (RFC 5788; $NotJunk removed) and moves to the Junk folder. */
    markAsJunk(messageIds: string[]): Promise<void> {
      return settle(() =>
        apply(
          (touched) => {
            for (const { mb, rows } of groups(messageIds).values()) {
              const junk = roleTarget(mb, 'junk')!
              changeFlags(mb, rows, ['$Junk'], ['$NotJunk'])
              touched.add(mb)
              if (junk.id === mb.id) continue
              transfer('move', mb, rows, junk)
              touched.add(junk)
            }
          },
          { action: 'junk', count: messageIds.length },
        ),
      )
    },

    restoreMessages: (messageIds: string[]) => restore.restoreMessages(messageIds),
    ...createMailUndo({ store, journal, apply, changeFlags, transfer, syncMailbox: deps.syncMailbox }),
  }
  return actions
}
