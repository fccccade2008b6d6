import type { Mailbox } from '../model/mail'
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
  /**
   * Creates a folder on the server (subscribed), under `parentMailboxId` or at the top (null).
   * INVALID_INPUT with reason folder-name (empty, the hierarchy delimiter, % or *) or
   * folder-exists; SERVER_REJECTED with the server's words for a name the server refuses.
   */
  createFolder(accountId: string, parentMailboxId: string | null, name: string): Promise<Mailbox>
  /** Renames a folder in place (its subfolders follow). Special folders: reason special-folder. */
  renameFolder(mailboxId: string, name: string): Promise<void>
  /** Moves a folder under another one of the same account, or to the top (null). */
  moveFolder(mailboxId: string, parentMailboxId: string | null): Promise<void>
  /** Deletes a folder with its subfolders and their messages (special folders refused). */
  deleteFolder(mailboxId: string): Promise<void>
  /** Marks every message of the folder read (undoable). */
  markFolderRead(mailboxId: string): Promise<void>
  /** Deletes every message of Trash or Junk for good. */
  emptyFolder(mailboxId: string): Promise<void>
}

export const ORGANIZE_METHODS = methodList<OrganizeApi>()([
  'undoLast',
  'restoreMessages',
  'createFolder',
  'renameFolder',
  'moveFolder',
  'deleteFolder',
  'markFolderRead',
  'emptyFolder',
])
