/**
 * What the compose service offers (compose-service.ts implements it): drafts, replies and
 * forwards, attachments, address suggestions, and handing finished messages to the outbox.
 * Consumers import this interface, never the implementation.
 */
import type {
  Draft,
  DraftAttachment,
  DraftContent,
  OutboxItem,
  ReplyKind,
  SubmissionInfo,
} from '../../../shared/model/compose'
import type { MailAddress } from '../../../shared/model/mail'

export interface ComposeService {
  createDraft(accountId: string, identityId: string | null): Draft
  /** A reply or forward of a stored message (draft-openers.ts). */
  createReply(messageId: string, kind: ReplyKind): Promise<Draft>
  /** A message of the Drafts folder, made by any client, opened as a draft (draft-openers.ts). */
  editDraftMessage(messageId: string): Promise<Draft>
  getDraft(draftId: string): Draft
  listDrafts(): Draft[]
  saveDraft(content: DraftContent): { savedAt: number }
  /** Saves and copies the draft to the server's Drafts folder now (the composer closed). */
  closeDraft(content: DraftContent): Promise<{ savedAt: number }>
  retryDraftCopy(draftId: string): Promise<Draft>
  deleteDraft(draftId: string): Promise<void>
  pickAttachments(draftId: string): Promise<DraftAttachment[]>
  addAttachment(
    draftId: string,
    file: { filename: string; contentType: string; data: Uint8Array },
  ): DraftAttachment[]
  removeAttachment(draftId: string, attachmentId: string): DraftAttachment[]
  /** What the account's submission server advertises (SIZE), cached from the outbox's connections. */
  getSubmissionInfo(accountId: string): Promise<SubmissionInfo>
  suggestAddresses(query: string, limit: number): MailAddress[]
  /** Claims the draft, builds its message once and queues it; exactly once (draft-sender.ts). */
  sendDraft(content: DraftContent): Promise<OutboxItem>
  /** Takes a message back from the outbox into its draft. */
  undoSend(outboxId: string): Draft
}
