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
}

export const ORGANIZE_METHODS = methodList<OrganizeApi>()(['undoLast'])
