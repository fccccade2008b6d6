import type { UndoOutcome } from '../model/organize'
import { methodList } from './method-list'

/**
 * Organizing mail beyond single actions: undo, and (core/mail/organize) restoring messages to
 * where they came from and managing folders.
 */
export interface OrganizeApi {
  /**
   * Takes back the newest move, archive, delete to Trash, junk or flag change (Ctrl/Cmd+Z). Works
   * also after the server carried it out: the inverse is queued like any action. null: nothing
   * to undo.
   */
  undoLast(): Promise<UndoOutcome | null>
  /**
   * Restore (from Trash) and Not junk (from Junk): each message back to the folder it was in
   * before, the account's Inbox when that is unknown or gone. Out of Junk: $Junk off, $NotJunk on.
   */
  restoreMessages(messageIds: string[]): Promise<void>
}

export const ORGANIZE_METHODS = methodList<OrganizeApi>()(['undoLast', 'restoreMessages'])
