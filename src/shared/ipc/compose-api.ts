import type { MailAddress } from '../model/mail'
import type {
  Draft,
  DraftAttachment,
  DraftContent,
  OutboxItem,
  OutboxSettings,
  ReplyKind,
  SubmissionInfo,
} from '../model/compose'
import { methodList } from './method-list'

/** Writing mail: drafts (saved locally and to the server's Drafts), attachments, contacts. */
export interface ComposeApi {
  /** A new empty draft for the account (its first identity unless one is named), with the signature. */
  createDraft(accountId: string, identityId: string | null): Promise<Draft>
  /** A draft answering or forwarding a stored message (threading headers, quote, attachments). */
  createReply(messageId: string, kind: ReplyKind): Promise<Draft>
  /**
   * Opens a message of the account's Drafts folder (made by any client) as a draft: the composer
   * edits it, saving replaces that server copy and sending removes it.
   */
  editDraftMessage(messageId: string): Promise<Draft>
  getDraft(draftId: string): Promise<Draft>
  listDrafts(): Promise<Draft[]>
  /**
   * Autosave: stored locally at once; copied to the server's Drafts folder every so often. Refused
   * (INVALID_INPUT, detail.reason "in-outbox") while the draft is in the outbox: Undo first.
   */
  saveDraft(draft: DraftContent): Promise<{ savedAt: number }>
  /** The composer closes: saved locally and to the server's Drafts folder now. */
  closeDraft(draft: DraftContent): Promise<{ savedAt: number }>
  /**
   * Tries the draft's copy in the server's Drafts folder again now (after the server refused it);
   * answers the draft, whose serverCopy says how it went.
   */
  retryDraftCopy(draftId: string): Promise<Draft>
  /** Discards the draft (locally and on the server). */
  deleteDraft(draftId: string): Promise<void>
  /** Main opens a file dialog and attaches what the person picked (none when cancelled). */
  pickAttachments(draftId: string): Promise<DraftAttachment[]>
  /** Attaches bytes the renderer has (drag and drop). */
  addAttachment(
    draftId: string,
    file: { filename: string; contentType: string; data: Uint8Array },
  ): Promise<DraftAttachment[]>
  removeAttachment(draftId: string, attachmentId: string): Promise<DraftAttachment[]>
  /** What the account's submission server accepts (SIZE, SMTPUTF8, 8BITMIME); asks it once, then cached. */
  getSubmissionInfo(accountId: string): Promise<SubmissionInfo>
  /** Addresses seen in mail and sent to, best first. */
  suggestAddresses(query: string, limit: number): Promise<MailAddress[]>
  /**
   * Saves the draft and queues it in the outbox (it leaves after the undo window), exactly once: a
   * repeated or concurrent send of the same draft answers with the message already queued or sent.
   */
  sendDraft(draft: DraftContent): Promise<OutboxItem>
}

export const COMPOSE_METHODS = methodList<ComposeApi>()([
  'createDraft',
  'createReply',
  'editDraftMessage',
  'getDraft',
  'listDrafts',
  'saveDraft',
  'closeDraft',
  'retryDraftCopy',
  'deleteDraft',
  'pickAttachments',
  'addAttachment',
  'removeAttachment',
  'getSubmissionInfo',
  'suggestAddresses',
  'sendDraft',
])

/** The outbox: what is waiting, leaving, sent or failed. */
export interface OutboxApi {
  listOutbox(): Promise<OutboxItem[]>
  /**
   * Takes a message back out of the outbox into its draft (undo within the window, or a failed or
   * uncertain one to edit). Refused while it is being sent.
   */
  undoSend(outboxId: string): Promise<Draft>
  /** Tries a queued or failed message again now. */
  retryNow(outboxId: string): Promise<void>
  /** Tries a sent message's Sent copy again now (sentCopy 'failed', or 'pending' between tries). */
  retrySentCopy(outboxId: string): Promise<void>
  /** Settles a message that may have been sent: the person checked and says it was, or sends it again. */
  resolveUncertain(outboxId: string, resolution: 'was-sent' | 'send-again'): Promise<void>
  getOutboxSettings(): Promise<OutboxSettings>
  setOutboxSettings(settings: OutboxSettings): Promise<void>
}

export const OUTBOX_METHODS = methodList<OutboxApi>()([
  'listOutbox',
  'undoSend',
  'retryNow',
  'retrySentCopy',
  'resolveUncertain',
  'getOutboxSettings',
  'setOutboxSettings',
])
