/**
 * What composing and sending need from other features, as small ports. The mail store
 * implements them (wired in services.ts); tests implement them over parsed fixtures.
 */
import type { Mailbox, MailboxRole, MessageView } from '../../../shared/model/mail'

/** The stored message a reply or forward starts from. */
export interface OriginalMessageSource {
  /** Throws AppError MESSAGE_NOT_FOUND when there is no such message. */
  getMessage(messageId: string): Promise<MessageView>
  getAttachmentBytes(messageId: string, attachmentId: string): Promise<Uint8Array>
  /** The message's raw RFC 5322 source; INVALID_INPUT (reason too-large) above `maxBytes`. */
  getRawMessage(messageId: string, maxBytes: number): Promise<Uint8Array>
}

/** The mail store's side of drafts other clients made: messages of the account's Drafts folder. */
export interface StoredDraftFolder {
  /** The account's folder with that role (to tell a message of the Drafts folder). */
  findMailboxByRole(accountId: string, role: MailboxRole): Mailbox | null
  /** Removes stored messages here and on the server (to Trash, or expunged where there is none). */
  deleteMessages(messageIds: string[]): Promise<void>
}

/** Where a POP3 account keeps its Sent copies: the local store's Sent folder. */
export interface LocalCopyTarget {
  /** Stores the raw message in the account's local Sent folder (creating the folder if needed). */
  saveSentCopy(accountId: string, raw: Uint8Array, meta: { messageId: string; sentAt: number }): Promise<void>
}

/**
 * Copies the server does not have yet (a Sent or Drafts APPEND that is waiting or was refused),
 * shown in the account's Sent or Drafts folder of the mail store and in conversations until the
 * server has them (the mail store implements it with rows that have no UID).
 */
export interface PendingServerCopies {
  /** Shows the copy (replacing an earlier version with the same Message-ID). */
  show(
    accountId: string,
    role: 'sent' | 'drafts',
    raw: Uint8Array,
    meta: { messageId: string; date: number; flags: { seen: boolean; draft: boolean } },
  ): void
  /**
   * The server has it now, under this UID when the server said (APPENDUID, RFC 4315), or it is
   * not wanted any more (null: the folder's next sync shows what the server has).
   */
  settle(
    accountId: string,
    role: 'sent' | 'drafts',
    messageId: string,
    server: { uid: number; uidValidity: number } | null,
  ): void
}

/** Opens the platform's file picker (Electron's dialog in the app; a fixed list in tests). */
export interface FilePicker {
  /** Absolute paths of the files the person picked; empty when they cancelled. */
  pickFiles(): Promise<string[]>
}

/** The mail store, told when a reply or forward was sent, so the original shows as answered. */
export interface RepliedMessageTarget {
  /** Marks the account's stored copies of the message with this Message-ID. */
  markReplied(accountId: string, messageId: string, how: 'answered' | 'forwarded'): Promise<void>
}
