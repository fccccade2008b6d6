import type { Mailbox } from '../../../shared/model/mail'

/**
 * Messages being dragged from a list onto the folder tree. The ids stay here, in the renderer,
 * rather than in the DataTransfer: a drag of "all 100,000" must not resolve every id when it
 * starts, and a drag from outside the app (a file, text) must never be taken for messages. The
 * DataTransfer carries only a marker type, so drop targets can tell what kind of drag it is.
 */
export const MESSAGE_DRAG_TYPE = 'application/x-mailroom-messages'

export interface MessageDrag {
  accountId: string
  sourceMailboxId: string
  count: number
  /** Moves (or copies) the dragged messages there, through the list's own commands. */
  drop(target: Mailbox, copy: boolean): void
}

let current: MessageDrag | null = null

export function startMessageDrag(drag: MessageDrag, data: DataTransfer | null): void {
  current = drag
  if (!data) return
  data.effectAllowed = 'copyMove'
  data.setData(MESSAGE_DRAG_TYPE, String(drag.count))
  data.setData('text/plain', drag.count === 1 ? '1 message' : `${drag.count} messages`)
}

export function endMessageDrag(): void {
  current = null
}

/** Ctrl (Windows, Linux) or Alt/Option (macOS) held while dropping: a copy. */
export const copyKey = (e: { ctrlKey: boolean; altKey: boolean }) => e.ctrlKey || e.altKey

/**
 * The drag under way, if `target` takes it: a selectable folder of the same account (moving
 * between accounts is a command of its own), not the folder the messages are in.
 */
export function dragOnto(target: Mailbox, data: DataTransfer | null): MessageDrag | null {
  if (!current || !data || !Array.from(data.types).includes(MESSAGE_DRAG_TYPE)) return null
  if (!target.selectable || target.accountId !== current.accountId) return null
  return target.id === current.sourceMailboxId ? null : current
}
