/** Mailboxes and messages as the UI sees them (local store rows, never protocol objects). */

/** RFC 6154 special-use roles (plus the Inbox). */
export type MailboxRole = 'inbox' | 'sent' | 'drafts' | 'trash' | 'junk' | 'archive' | 'all' | 'flagged'

export interface Mailbox {
  id: string
  accountId: string
  /** Full path on the server (IMAP) or a local name (POP3 local folders). */
  path: string
  /** Last path segment, decoded for display. */
  name: string
  /** Path of the parent mailbox, or null at the top level. */
  parentPath: string | null
  role: MailboxRole | null
  unread: number
  total: number
  /** False for \Noselect / \NonExistent containers that only hold children. */
  selectable: boolean
}

export interface MailAddress {
  name?: string
  address: string
}

export interface MessageFlags {
  seen: boolean
  flagged: boolean
  answered: boolean
  draft: boolean
}

export interface MessageSummary {
  id: string
  accountId: string
  mailboxId: string
  subject: string
  from: MailAddress[]
  to: MailAddress[]
  cc: MailAddress[]
  /** Epoch ms: the Date header when it parses, otherwise the server's received date. */
  date: number
  /** Epoch ms: when the server received it (IMAP INTERNALDATE). */
  receivedAt: number
  flags: MessageFlags
  hasAttachments: boolean
  size: number
  messageId: string | null
  inReplyTo: string | null
  references: string[]
  /** A short plain-text excerpt, when the body is cached. */
  preview: string | null
  /**
   * The conversation (References / In-Reply-To / Message-ID, across the account's mailboxes,
   * Sent included); null for messages that are not stored rows (attached messages).
   */
  threadId: string | null
  /** Messages in the conversation (this one included; counted up to 100). */
  threadSize: number
}

export interface MessagePage {
  /** Messages in the mailbox in the local store. */
  total: number
  offset: number
  /** Newest first. */
  items: MessageSummary[]
}

export interface AttachmentInfo {
  /** Stable within the message (MIME part path). */
  id: string
  /** The name the sender gave (null when none: show the type instead, see shared/mail/file-types). */
  filename: string | null
  /** A name for saving: `filename`, or one made from the type (or an attached message's subject). */
  saveName: string
  contentType: string
  size: number
  contentId: string | null
  /** Shown inside the body (cid: image) rather than listed as a file. */
  inline: boolean
  /** message/rfc822: can be opened as a message of its own. */
  isMessage: boolean
}

export interface MessageView {
  summary: MessageSummary
  bcc: MailAddress[]
  replyTo: MailAddress[]
  /** Plain-text body (also derived from HTML when only HTML exists), or null. */
  text: string | null
  /**
   * HTML body, NOT sanitized (the renderer sanitizes it with DOMPurify before display). cid:
   * references to inline parts are already resolved to data: URLs.
   */
  html: string | null
  attachments: AttachmentInfo[]
  /** Set when the message could not be parsed fully; its source can still be viewed. */
  parseProblem: string | null
  /** Whether remote content may load for this message (per message or per sender). */
  remoteContentAllowed: boolean
}
