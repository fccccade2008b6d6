import type { OrganizeApi } from '../../../shared/ipc/organize-api'
import { z } from 'zod'
import { args, singleLine, type ArgSpecs } from './arg-spec'

const rowId = z.string().regex(/^\d{1,15}$/, 'must be a mailbox or message id')
const messageIds = z.array(rowId).min(1).max(10_000)
/** Checked again in core (folder-names.ts); here only its size and one line. */
const folderName = singleLine(1000)

export const ORGANIZE_SCHEMAS: ArgSpecs<OrganizeApi> = {
  undoLast: args(),
  restoreMessages: args(['messageIds', messageIds]),
  createFolder: args(
    ['accountId', singleLine(200).min(1)],
    ['parentMailboxId', rowId.nullable()],
    ['name', folderName],
  ),
  renameFolder: args(['mailboxId', rowId], ['name', folderName]),
  moveFolder: args(['mailboxId', rowId], ['parentMailboxId', rowId.nullable()]),
  deleteFolder: args(['mailboxId', rowId]),
  markFolderRead: args(['mailboxId', rowId]),
  emptyFolder: args(['mailboxId', rowId]),
}
