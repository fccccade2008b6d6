/** Drafts, the outbox and what the composer needs to know about the submission server. */
import type { AppErrorData } from '../errors'
import type { DeliveryNotify } from './delivery'

export type BodyFormat = 'html' | 'plain'

/** What the composer edits and sends back on every save: all plain data, no bytes. */
export interface DraftContent {
  /** Made by main when the draft is created; stable for the draft's life. */
  id: string
  accountId: string
  identityId: string
  /** Address fields as typed (RFC 5322 lists); parsed and validated when the message is queued. */
  to: string
  cc: string
  bcc: string
  subject: string
  format: BodyFormat
  /** The rich body (format 'html'). Whatever the format, a plain-text alternative is always sent. */
  html: string
  /** The plain body (format 'plain'). */
  text: string
  /** RFC 5322 §3.6.4 threading, set by reply and forward. */
  inReplyTo: string | null
  references: string[]
  /**
   * "Tell me when it is delivered" ('all'); absent or 'failure': only failures are reported
   * (RFC 3461 delivery status notifications, asked for when the submission server offers DSN).
   */
  deliveryNotify?: DeliveryNotify
}

/** A file that travels with the draft. The bytes stay in main; the renderer sees this. */
export interface DraftAttachment {
  id: string
  filename: string
  contentType: string
  size: number
  /** Shown inside the HTML body through `cid:` (forwarded inline images). */
  inline: boolean
  contentId: string | null
}

/**
 * The draft's copy in the server's Drafts folder. saved: nothing waits for the server (also for
 * POP3 accounts, which have no server folder); pending: a newer version waits (after a failure
 * that may pass, with its words and the next try); failed: the server refused it for good, with
 * its words, until the next change or retryDraftCopy.
 */
export interface DraftServerCopy {
  state: 'saved' | 'pending' | 'failed'
  error: AppErrorData | null
  retryAt: number | null
}

export interface Draft extends DraftContent {
  attachments: DraftAttachment[]
  updatedAt: number
  /**
   * 'outbox' from the moment a send claims it until its message comes back (Undo, refused) or is
   * sent: it then refuses edits (INVALID_INPUT, detail.reason "in-outbox").
   */
  state: 'editing' | 'outbox'
  serverCopy: DraftServerCopy
}

/** What the person edits in a draft, without what main keeps about it (the IPC schema refuses those). */
export function draftContent(draft: Draft): DraftContent {
  const { attachments: _a, updatedAt: _u, state: _s, serverCopy: _c, ...content } = draft
  return content
}

/** forwardAsAttachment: an empty body with the original attached whole (message/rfc822, RFC 2046 §5.2.1). */
export type ReplyKind = 'reply' | 'replyAll' | 'forward' | 'forwardAsAttachment'

/** What the submission server told us in its EHLO answer (RFC 5321 §4.1.1.1). */
export interface SubmissionInfo {
  /** RFC 1870 SIZE in bytes, or null when the server did not say. */
  maxSize: number | null
  smtpUtf8: boolean
  eightBitMime: boolean
  /** RFC 3461 DSN: the server takes NOTIFY, RET and ENVID, so delivery reports can be asked for. */
  dsn: boolean
}

/**
 * queued: waiting for its time (undo window, or the next retry); sending: in a transaction;
 * sent: the server accepted it; failed: refused for good (the draft is back in the composer);
 * uncertain: the connection died after the end of the data and before the server's answer, so it
 * may have been sent: it is never resent automatically (docs/architecture.md, Outbox).
 */
export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed' | 'uncertain'

export interface OutboxItem {
  id: string
  accountId: string
  draftId: string
  messageId: string
  subject: string
  recipients: string[]
  state: OutboxState
  queuedAt: number
  /** When it leaves (end of the undo window, or the next retry). */
  sendAt: number
  attempts: number
  lastError: AppErrorData | null
  sentAt: number | null
  /**
   * The copy in the Sent folder (IMAP) or the local Sent folder (POP3): pending (waiting, or being
   * retried after a failure that may pass), saved, or failed (refused for good; retrySentCopy).
   */
  sentCopy: 'pending' | 'saved' | 'failed' | null
  /** Why the last attempt at the Sent copy failed, with the server's words; null once saved. */
  sentCopyError: AppErrorData | null
  /** When a pending Sent copy is tried next. */
  sentCopyAt: number | null
}

export interface OutboxSettings {
  /** How long a queued message waits before it really leaves (0 to 60 s). */
  undoSeconds: number
}
