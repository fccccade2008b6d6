import { z } from 'zod'
import type { ComposeApi, OutboxApi } from '../../../shared/ipc/compose-api'
import { args, singleLine, type ArgSpecs } from './arg-spec'

const id = singleLine(200).min(1)
/** Message-IDs in References/In-Reply-To: one line each, angle-bracketed (RFC 5322 §3.6.4). */
const msgId = singleLine(998).regex(/^<[^<>\s]+>$/, 'must be a <message-id>')
/** Address fields are parsed in core (which names the bad entry); here they only must be one line. */
const addressField = singleLine(32_000)

const draftContent = z.strictObject({
  id,
  accountId: id,
  identityId: id,
  to: addressField,
  cc: addressField,
  bcc: addressField,
  subject: singleLine(998),
  format: z.enum(['html', 'plain']),
  html: z.string().max(20 * 1024 * 1024),
  text: z.string().max(20 * 1024 * 1024),
  inReplyTo: msgId.nullable(),
  references: z.array(msgId).max(200),
  deliveryNotify: z.enum(['failure', 'all']).optional(),
})

const file = z.strictObject({
  filename: singleLine(255).min(1),
  contentType: singleLine(255),
  data: z.instanceof(Uint8Array),
})

export const COMPOSE_SCHEMAS: ArgSpecs<ComposeApi> = {
  createDraft: args(['accountId', id], ['identityId', id.nullable()]),
  createReply: args(
    ['messageId', id],
    ['kind', z.enum(['reply', 'replyAll', 'forward', 'forwardAsAttachment'])],
  ),
  editDraftMessage: args(['messageId', id]),
  getDraft: args(['draftId', id]),
  listDrafts: args(),
  saveDraft: args(['draft', draftContent]),
  closeDraft: args(['draft', draftContent]),
  retryDraftCopy: args(['draftId', id]),
  deleteDraft: args(['draftId', id]),
  pickAttachments: args(['draftId', id]),
  addAttachment: args(['draftId', id], ['file', file]),
  removeAttachment: args(['draftId', id], ['attachmentId', id]),
  getSubmissionInfo: args(['accountId', id]),
  suggestAddresses: args(['query', singleLine(320)], ['limit', z.number().int().min(1).max(50)]),
  sendDraft: args(['draft', draftContent]),
}

export const OUTBOX_SCHEMAS: ArgSpecs<OutboxApi> = {
  listOutbox: args(),
  undoSend: args(['outboxId', id]),
  retryNow: args(['outboxId', id]),
  retrySentCopy: args(['outboxId', id]),
  resolveUncertain: args(['outboxId', id], ['resolution', z.enum(['was-sent', 'send-again'])]),
  getOutboxSettings: args(),
  setOutboxSettings: args(['settings', z.strictObject({ undoSeconds: z.number().int().min(0).max(60) })]),
}
