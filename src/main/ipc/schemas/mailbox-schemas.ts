import { z } from 'zod'
import type { MailboxApi } from '../../../shared/ipc/mailbox-api'
import { args, type ArgSpecs } from './arg-spec'

const id = () => z.string().min(1).max(512)
/** Actions on a selection: bounded so one call cannot ask for unbounded work. */
const messageIds = () => z.array(id()).min(1).max(10_000)

export const MAILBOX_SCHEMAS: ArgSpecs<MailboxApi> = {
  listMailboxes: args(['accountId', id()]),
  listMessages: args(
    ['mailboxId', id()],
    [
      'range',
      z.strictObject({
        offset: z.number().int().min(0),
        limit: z.number().int().min(1).max(1000),
      }),
    ],
  ),
  getMessage: args(['messageId', id()]),
  getMessageSource: args(['messageId', id()]),
  setFlags: args(
    ['messageIds', messageIds()],
    ['flags', z.strictObject({ seen: z.boolean().optional(), flagged: z.boolean().optional() })],
  ),
  moveMessages: args(['messageIds', messageIds()], ['targetMailboxId', id()]),
  copyMessages: args(['messageIds', messageIds()], ['targetMailboxId', id()]),
  deleteMessages: args(['messageIds', messageIds()]),
  archiveMessages: args(['messageIds', messageIds()]),
  markAsJunk: args(['messageIds', messageIds()]),
  refreshMailbox: args(['mailboxId', id()]),
  saveAttachment: args(['messageId', id()], ['attachmentId', id()]),
  openAttachedMessage: args(['messageId', id()], ['attachmentId', id()]),
  allowRemoteContent: args(['messageId', id()], ['scope', z.enum(['message', 'sender'])]),
}
