import type { MessageSummary } from '../../../../shared/model/mail'
import type { CommandBindings } from '../../lib/commands'
import type { BulkAction } from './BulkActions'
import type { MessageCommands } from './MessageHeader'

/** What the reader's commands act on at the moment. */
export interface ReaderCommandContext {
  /** The message the keyboard or menu acts on (the row it is on, else the open message). */
  current: MessageSummary | undefined
  commands: MessageCommands
  /** With several messages selected: runs an action on all of them (else null). */
  bulk: ((action: BulkAction) => void) | null
  /** Whether the selection can be moved or copied (not in search results, which span accounts). */
  bulkTransfers: boolean
  /** Moves the keyboard's row (j/k). */
  move: (delta: number) => void
  /** Shows the current message's source, where the pane can. */
  viewSource: (() => void) | null
}

/**
 * The reader's side of the command table: what each message command does and when it can, on
 * one message or, with a selection, on all of it. Keys, the context menu and the application menu
 * all run these.
 */
export function readerBindings(ctx: ReaderCommandContext): CommandBindings {
  const { current: m, commands: c, bulk } = ctx
  const one = () => m !== undefined
  const any = () => m !== undefined || bulk !== null
  const onOne = (run: () => void) => ({ run, enabled: one })
  const either = (action: BulkAction, single: () => void) => ({
    run: () => (bulk ? bulk(action) : single()),
    enabled: any,
  })
  const seen = m?.flags.seen ?? false
  const flagged = m?.flags.flagged ?? false
  const transfer = (action: 'move' | 'copy', single: (() => void) | undefined) => ({
    run: () => (bulk && ctx.bulkTransfers ? bulk(action) : single?.()),
    enabled: () => (bulk ? ctx.bulkTransfers : m !== undefined && single !== undefined),
  })
  return {
    next: { run: () => ctx.move(1) },
    previous: { run: () => ctx.move(-1) },
    reply: onOne(c.reply),
    replyAll: onOne(c.replyAll),
    forward: onOne(c.forward),
    forwardAsAttachment: onOne(c.forwardAsAttachment),
    toggleRead: {
      ...either(m && !seen ? 'read' : 'unread', c.toggleRead),
      label: seen ? 'Mark as unread' : 'Mark as read',
    },
    markRead: { ...either('read', c.toggleRead), enabled: () => bulk !== null || (m !== undefined && !seen) },
    markUnread: {
      ...either('unread', c.toggleRead),
      enabled: () => bulk !== null || (m !== undefined && seen),
    },
    toggleFlag: {
      ...either(m && !flagged ? 'flag' : 'unflag', c.toggleFlag),
      label: flagged ? 'Unflag' : 'Flag',
    },
    moveTo: transfer('move', c.moveTo),
    copyTo: transfer('copy', c.copyTo),
    archive: either('archive', c.archive),
    junk: either('junk', c.junk),
    delete: either('delete', c.remove),
    viewSource: { run: () => ctx.viewSource?.(), enabled: () => m !== undefined && ctx.viewSource !== null },
  }
}

/**
 * After the open message left the list (deleted, archived, moved), the one to open instead: the
 * first loaded row after it that did not leave too, else the nearest before it. `index` is the new
 * row's place once the removed rows are gone from the list.
 */
export function nextAfterRemoval(
  openIndex: number,
  removed: readonly string[],
  count: number,
  rowAt: (index: number) => MessageSummary | undefined,
): { message: MessageSummary; index: number } | null {
  if (openIndex < 0) return null
  const gone = new Set(removed)
  let goneBefore = 0
  // Removed rows above the open one shift everything below up (loaded rows only: a selection
  // reaching far pages is rare, and a wrong guess only moves the keyboard's row).
  for (let i = 0; i < openIndex; i++) {
    const row = rowAt(i)
    if (row && gone.has(row.id)) goneBefore++
    if (goneBefore === gone.size) break
  }
  for (let i = openIndex; i < count; i++) {
    const row = rowAt(i)
    if (!row) break
    // Every row from the open one to here left: this one moves up to the open one's place.
    if (!gone.has(row.id)) return { message: row, index: openIndex - goneBefore }
  }
  let above = 0
  for (let i = openIndex - 1; i >= 0; i--) {
    const row = rowAt(i)
    if (!row) break
    if (!gone.has(row.id)) {
      for (let j = 0; j < i; j++) {
        const r = rowAt(j)
        if (r && gone.has(r.id)) above++
      }
      return { message: row, index: i - above }
    }
  }
  return null
}
