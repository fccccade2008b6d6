import type { ListView } from '../model/list-view'
import type { Mailbox, MessagePage, MessageSummary, MessageView } from '../model/mail'
import { methodList } from './method-list'

/**
 * Reading and organizing mail. Reads come from the local store (fast, offline); actions apply to
 * the store at once and reach the server through the durable action queue.
 */
export interface MailboxApi {
  listMailboxes(accountId: string): Promise<Mailbox[]>
  /** Newest first, or sorted and filtered as `view` says (model/list-view.ts). */
  listMessages(
    mailboxId: string,
    range: { offset: number; limit: number },
    view?: ListView,
  ): Promise<MessagePage>
  /**
   * The ids of the same rows as listMessages, in its order, without the rows: "select all" in a
   * 100,000-message folder costs ids, not summaries.
   */
  listMessageIds(
    mailboxId: string,
    range: { offset: number; limit: number },
    view?: ListView,
  ): Promise<string[]>
  /** Fetches the body on demand (cached afterwards). Does not mark the message read. */
  getMessage(messageId: string): Promise<MessageView>
  /**
   * The message's conversation, oldest first: the messages of the account (any mailbox, Sent
   * included; not Trash, Junk or Drafts) joined by Message-ID, In-Reply-To and References.
   */
  getThread(messageId: string): Promise<MessageSummary[]>
  /** The raw RFC 5322 source (size-capped), also for messages that failed to parse. */
  getMessageSource(messageId: string): Promise<string>
  setFlags(messageIds: string[], flags: { seen?: boolean; flagged?: boolean }): Promise<void>
  moveMessages(messageIds: string[], targetMailboxId: string): Promise<void>
  copyMessages(messageIds: string[], targetMailboxId: string): Promise<void>
  /** Moves to Trash; in Trash, deletes for good (expunge). */
  deleteMessages(messageIds: string[]): Promise<void>
  archiveMessages(messageIds: string[]): Promise<void>
  markAsJunk(messageIds: string[]): Promise<void>
  /** Syncs the mailbox now (also done on a schedule and by IDLE for the Inbox). */
  refreshMailbox(mailboxId: string): Promise<void>
  /** Main opens a save dialog and writes the bytes; `saved` is false when the person cancelled. */
  saveAttachment(messageId: string, attachmentId: string): Promise<{ saved: boolean }>
  /** Opens an attached message/rfc822 part as a message of its own. */
  openAttachedMessage(messageId: string, attachmentId: string): Promise<MessageView>
  /** Allows remote content for this message only, or always for its sender. */
  allowRemoteContent(messageId: string, scope: 'message' | 'sender'): Promise<void>
}

export const MAILBOX_METHODS = methodList<MailboxApi>()([
  'listMailboxes',
  'listMessages',
  'listMessageIds',
  'getMessage',
  'getThread',
  'getMessageSource',
  'setFlags',
  'moveMessages',
  'copyMessages',
  'deleteMessages',
  'archiveMessages',
  'markAsJunk',
  'refreshMailbox',
  'saveAttachment',
  'openAttachedMessage',
  'allowRemoteContent',
])
