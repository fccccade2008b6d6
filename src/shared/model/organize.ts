/** Organizing mail: undo, restore to origin, folder management. */

/** The actions Ctrl/Cmd+Z can take back. */
export type UndoAction =
  'move' | 'archive' | 'delete' | 'junk' | 'not-junk' | 'restore' | 'read' | 'unread' | 'flag' | 'unflag'

/** Main recorded an action that can be undone (the renderer's "… · Undo" toast). */
export interface UndoableAction {
  action: UndoAction
  /** How many messages it touched. */
  count: number
  /** The folder messages went to (moves), for the toast's words. */
  target?: string
}

/** What an undo did: `restored` messages are back; `missing` ones were gone (deleted meanwhile). */
export interface UndoOutcome {
  action: UndoAction
  restored: number
  missing: number
}
