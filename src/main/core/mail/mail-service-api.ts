/**
 * What the mail service offers (mail-service.ts implements it). Consumers (the IPC facade, the
 * compose service's ports, POP3, the outbox's local copies, tests) import this interface, never
 * the implementation; the store and the engines behind it are not part of it (tests read the
 * store through its repositories, core/store).
 */
import type { ListView } from '../../../shared/model/list-view'
import type {
  Mailbox,
  MailboxRole,
  MessageFlags,
  MessagePage,
  MessageSummary,
  MessageView,
} from '../../../shared/model/mail'
import type { PendingServerCopies } from '../compose/ports'
import type { OrganizeApi } from '../../../shared/ipc/organize-api'
import type { ServerSearchPort } from './server-search-port'

/** A person's actions on stored messages (mail-actions.ts); each is queued for the server. */
export interface MailActionsApi {
  setFlags(messageIds: string[], flags: { seen?: boolean; flagged?: boolean }): Promise<void>
  moveMessages(messageIds: string[], targetMailboxId: string): Promise<void>
  copyMessages(messageIds: string[], targetMailboxId: string): Promise<void>
  deleteMessages(messageIds: string[]): Promise<void>
  archiveMessages(messageIds: string[]): Promise<void>
  /** A reply or forward of the message was sent: mark it \Answered or $Forwarded. */
  markReplied(accountId: string, messageId: string, how: 'answered' | 'forwarded'): Promise<void>
  markAsJunk(messageIds: string[]): Promise<void>
}

/** Undo, restore to origin and folder management (mail-undo.ts, organize/). */
export type MailOrganizeApi = OrganizeApi

export interface MailService extends MailActionsApi, MailOrganizeApi {
  /** Sent and Drafts copies the server does not have yet, shown until it has them. */
  readonly pendingCopies: PendingServerCopies
  /** The IMAP servers' own SEARCH, for what the local index cannot answer (issue 17). */
  readonly serverSearch: ServerSearchPort
  /** Starts syncing every IMAP account and follows account changes (`accounts:changed`). */
  start(): void
  close(): Promise<void>
  /**
   * For POP3 (local folders): the account's Inbox, Sent, Drafts and Trash, created when missing.
   * Archive and Junk are created on first use by archiveMessages / markAsJunk.
   */
  ensureLocalMailboxes(accountId: string): Record<'inbox' | 'sent' | 'drafts' | 'trash', string>
  /**
   * For POP3: stores a downloaded message (raw RFC 5322 in `sourceFile`) in a local folder and
   * returns its id. Synchronous, so the caller can put it in one `db.transaction` with its own
   * bookkeeping (e.g. the UIDL it came from). Emits `mailbox:changed` once the caller's code
   * has returned; `mail:new` is the caller's to emit.
   */
  insertLocalMessage(
    mailboxId: string,
    sourceFile: string,
    meta: { receivedAt: number; flags?: Partial<MessageFlags> },
  ): string
  /**
   * Forces the store's data to disk (a full WAL checkpoint): before deleting the only other copy
   * of something (e.g. a POP3 message on the server).
   */
  syncToDisk(): void
  /**
   * Stops the engine of a removed account and deletes what it stored after the account's rows
   * were deleted (store/account-removal.ts: the database deletes them with the account).
   */
  purgeAccount(accountId: string): void
  /** Syncs the account's folder list and every changed mailbox now. */
  syncAccount(accountId: string): Promise<void>
  /** Replays the account's queued actions on the server now; resolves when the queue is empty. */
  flushActions(accountId: string): Promise<void>
  listMailboxes(accountId: string): Promise<Mailbox[]>
  findMailboxByRole(accountId: string, role: MailboxRole): Mailbox | null
  listMessages(
    mailboxId: string,
    range: { offset: number; limit: number },
    view?: ListView,
  ): Promise<MessagePage>
  /** The ids of listMessages' rows, in its order: what "select all" acts on. */
  listMessageIds(
    mailboxId: string,
    range: { offset: number; limit: number },
    view?: ListView,
  ): Promise<string[]>
  getMessage(messageId: string): Promise<MessageView>
  /** The conversation of a stored message, oldest first, across the account's mailboxes. */
  getThread(messageId: string): Promise<MessageSummary[]>
  getMessageSource(messageId: string): Promise<string>
  openAttachedMessage(messageId: string, attachmentId: string): Promise<MessageView>
  /** The raw source, for forwarding it whole (fetched from the server when not cached). */
  getRawMessage(messageId: string, maxBytes: number): Promise<Uint8Array>
  getAttachmentBytes(messageId: string, attachmentId: string): Promise<Uint8Array>
  saveAttachment(messageId: string, attachmentId: string): Promise<{ saved: boolean }>
  allowRemoteContent(messageId: string, scope: 'message' | 'sender'): Promise<void>
  /** Syncs one mailbox now (a person asked); local folders have nothing to sync. */
  refreshMailbox(mailboxId: string): Promise<void>
}
