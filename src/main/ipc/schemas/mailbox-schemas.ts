import { z } from 'zod'
import type { MailboxApi } from '../../../shared/ipc/mailbox-api'
import { args, singleLine, type ArgSpecs } from './arg-spec'
import { listViewSchema } from './list-view-schema'
import { UNIFIED_VIEWS, unifiedListId } from '../../../shared/model/list-view'

/** Store ids are integers as strings; messages attached to messages are "<row>#<part>" (core/mail/message-reader.ts). */
const rowId = z.string().regex(/^\d{1,15}$/, 'must be a mailbox or message id')
const messageId = z.string().regex(/^\d{1,15}(?:#[\w.-]{1,32}){0,8}$/, 'must be a message id')
const messageIds = z.array(rowId).min(1).max(10_000)
/** What lists messages: a mailbox, or a unified view across accounts (shared/model/list-view.ts). */
const listId = z.union([rowId, z.enum(UNIFIED_VIEWS.map(unifiedListId) as [string, ...string[]])])
const attachmentId = z.string().regex(/^[\w.-]{1,32}$/, 'must be an attachment id')

export const MAILBOX_SCHEMAS: ArgSpecs<MailboxApi> = {
  listMailboxes: args(['accountId', singleLine(200).min(1)]),
  listMessages: args(
    ['mailboxId', listId],
    [
      'range',
      z.strictObject({
        offset: z.number().int().min(0).max(100_000_000),
        limit: z.number().int().min(1).max(1000),
      }),
    ],
    ['view', listViewSchema.optional()],
  ),
  listMessageIds: args(
    ['mailboxId', listId],
    [
      'range',
      z.strictObject({
        offset: z.number().int().min(0).max(100_000_000),
        limit: z.number().int().min(1).max(1_000_000),
      }),
    ],
    ['view', listViewSchema.optional()],
  ),
  getMessage: args(['messageId', messageId]),
  getThread: args(['messageId', rowId]),
  getMessageSource: args(['messageId', messageId]),
  setFlags: args(
    ['messageIds', messageIds],
    ['flags', z.strictObject({ seen: z.boolean().optional(), flagged: z.boolean().optional() })],
  ),
  moveMessages: args(['messageIds', messageIds], ['targetMailboxId', rowId]),
  copyMessages: args(['messageIds', messageIds], ['targetMailboxId', rowId]),
  deleteMessages: args(['messageIds', messageIds]),
  archiveMessages: args(['messageIds', messageIds]),
  markAsJunk: args(['messageIds', messageIds]),
  refreshMailbox: args(['mailboxId', rowId]),
  saveAttachment: args(['messageId', messageId], ['attachmentId', attachmentId]),
  openAttachedMessage: args(['messageId', messageId], ['attachmentId', attachmentId]),
  allowRemoteContent: args(['messageId', messageId], ['scope', z.enum(['message', 'sender'])]),
}
