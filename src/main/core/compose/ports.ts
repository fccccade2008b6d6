/**
 * What composing and sending need from other features, as small ports. The mail store
 * implements them (wired in services.ts); tests implement them over parsed fixtures.
 */
import type { MessageView } from '../../../shared/model/mail'

/** The stored message a reply or forward starts from. */
export interface OriginalMessageSource {
  /** Throws AppError MESSAGE_NOT_FOUND when there is no such message. */
  getMessage(messageId: string): Promise<MessageView>
  getAttachmentBytes(messageId: string, attachmentId: string): Promise<Uint8Array>
}

/** Where a POP3 account keeps its Sent copies: the local store's Sent folder. */
export interface LocalCopyTarget {
  /** Stores the raw message in the account's local Sent folder (creating the folder if needed). */
  saveSentCopy(accountId: string, raw: Uint8Array, meta: { messageId: string; sentAt: number }): Promise<void>
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
