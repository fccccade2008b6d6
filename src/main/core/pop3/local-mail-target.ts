import type { MessageFlags } from '../../../shared/model/mail'

/** The local folders every POP3 account has (mailbox ids). */
export interface LocalMailboxes {
  inbox: string
  sent: string
  drafts: string
  trash: string
}

/**
 * What POP3 retrieval needs from the local mail store (the port; the store implements it on the
 * same better-sqlite3 database). Every method is synchronous so that retrieval can wrap
 * insertLocalMessage and its own UIDL bookkeeping in ONE db.transaction: a message is either
 * stored and recorded as downloaded, or neither.
 */
export interface LocalMailTarget {
  /** Creates the account's Inbox, Sent, Drafts and Trash if missing; returns their ids. */
  ensureLocalMailboxes(accountId: string): LocalMailboxes
  /**
   * Stores the raw message in `sourceFile` (RFC 5322 bytes) in the mailbox and returns the new
   * message id. The store copies or moves the file; retrieval removes it afterwards if it is still
   * there.
   */
  insertLocalMessage(
    mailboxId: string,
    sourceFile: string,
    meta: { receivedAt: number; flags?: Partial<MessageFlags> },
  ): string
  /**
   * False once the person deleted the message locally (expunged, not merely moved to Trash): the
   * signal for "delete from the server when deleted locally". Ids must survive local moves.
   */
  messageExists(messageId: string): boolean
  /** Forces committed data to disk; called before the server's copies are deleted for good. */
  syncToDisk(): void
}
