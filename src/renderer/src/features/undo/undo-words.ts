import type { UndoAction, UndoableAction, UndoOutcome } from '../../../../shared/model/organize'

function messages(n: number): string {
  return n === 1 ? '1 message' : `${n.toLocaleString('en')} messages`
}

const DONE: Record<UndoAction, (n: string, target?: string) => string> = {
  move: (n, target) => (target ? `Moved ${n} to ${target}` : `Moved ${n}`),
  archive: (n) => `Archived ${n}`,
  delete: (n) => `Moved ${n} to Trash`,
  junk: (n) => `Marked ${n} as junk`,
  'not-junk': (n) => `Marked ${n} as not junk`,
  restore: (n) => `Restored ${n}`,
  read: (n) => `Marked ${n} as read`,
  unread: (n) => `Marked ${n} as unread`,
  flag: (n) => `Flagged ${n}`,
  unflag: (n) => `Unflagged ${n}`,
}

/** "Moved 3 messages to Archive": what the toast says after an action. */
export function actionWords(a: UndoableAction): string {
  return DONE[a.action](messages(a.count), a.target)
}

/** "Undone: 3 messages are back" (and how many could not be found any more). */
export function undoneWords(o: UndoOutcome): string {
  const back =
    o.action === 'read' || o.action === 'unread' || o.action === 'flag' || o.action === 'unflag'
      ? `Undone: ${messages(o.restored)} as before`
      : `Undone: ${messages(o.restored)} back where ${o.restored === 1 ? 'it was' : 'they were'}`
  return o.missing > 0 ? `${back}; ${messages(o.missing)} no longer found` : back
}
