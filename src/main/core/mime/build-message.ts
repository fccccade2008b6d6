/**
 * Builds the outgoing message once, at queue time, with nodemailer's MailComposer. The bytes are
 * stored and every attempt sends exactly them (same Message-ID, same Date, same boundaries), so a
 * retry can never be a different message. This is the one place message bytes are made (the
 * submission, the Sent and Drafts copies, the local Sent folder all use them), so it is the one
 * place they are made canonical (canonical.ts) and checked before anything stores them.
 */
import { randomUUID } from 'node:crypto'
import MailComposer from 'nodemailer/lib/mail-composer'
import { convert } from 'html-to-text'
import { AppError } from '../../../shared/errors'
import { envelopeAddress, type ParsedAddress } from '../../../shared/mail/addresses'
import { canonicalText, findCanonicalProblem } from './canonical'
import { composerAttachment, displayName, fitsOnALine, subjectHeader } from './composer-input'

export interface OutgoingAttachment {
  filename: string
  contentType: string
  content: Uint8Array
  inline: boolean
  contentId: string | null
}

export interface OutgoingMessage {
  from: ParsedAddress
  to: ParsedAddress[]
  cc: ParsedAddress[]
  /** In the envelope only, never in the headers (RFC 5322 §3.6.3 leaves the choice; hiding is the point). */
  bcc: ParsedAddress[]
  subject: string
  /** The rich body, or null for plain-text-only messages. */
  html: string | null
  /** The plain body; for HTML messages it is derived from the HTML when empty. */
  text: string
  inReplyTo: string | null
  references: string[]
  attachments: OutgoingAttachment[]
}

export interface BuiltMessage {
  messageId: string
  raw: Buffer
  envelope: { from: string; to: string[] }
  /** An address's local part is non-ASCII: only deliverable with SMTPUTF8 (RFC 6531). */
  needsSmtpUtf8: boolean
  /** The bytes are not all 7-bit: announce BODY=8BITMIME (RFC 6152). */
  eightBit: boolean
}

/** Any string that becomes a header or a protocol line must be one line (header injection). */
export function assertSingleLine(field: string, value: string): void {
  if (/[\r\n]/.test(value)) {
    throw new AppError('INVALID_INPUT', `${field} must not contain line breaks`, {
      detail: { field, reason: 'line-break' },
    })
  }
}

const MSG_ID = /^<[^<>\s@]+@[^<>\s@]+>$/

/** A Message-ID (RFC 5322 §3.6.4) on the sender's domain: unique by a random UUID. */
export function newMessageId(from: ParsedAddress): string {
  const domain = from.asciiDomain.startsWith('[') ? 'mailroom.invalid' : from.asciiDomain
  return `<${randomUUID()}@${domain}>`
}

/** Plain-text alternative of an HTML body: quotes become "> " lines, links keep their target. */
export function htmlToPlainText(html: string): string {
  const text = convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'img', format: 'skip' },
    ],
  })
  // html-to-text trims line ends, which turns the RFC 3676 §4.3 separator "-- " into "--".
  return text.replace(/^--$/m, '-- ')
}

function checkHeaders(msg: OutgoingMessage, messageId: string): void {
  assertSingleLine('subject', msg.subject)
  for (const [field, list] of [
    ['from', [msg.from]],
    ['to', msg.to],
    ['cc', msg.cc],
    ['bcc', msg.bcc],
  ] as const) {
    for (const a of list) {
      assertSingleLine(field, a.address)
      if (a.name !== undefined) assertSingleLine(field, a.name)
    }
  }
  for (const id of [messageId, ...(msg.inReplyTo ? [msg.inReplyTo] : []), ...msg.references]) {
    assertSingleLine('references', id)
    if (!MSG_ID.test(id)) {
      throw new AppError('INVALID_INPUT', `Not a Message-ID: ${id}`, { detail: { field: 'references' } })
    }
  }
  msg.attachments.forEach((a, i) => {
    assertSingleLine(`attachments.${i}.filename`, a.filename)
    assertSingleLine(`attachments.${i}.contentType`, a.contentType)
    if (a.contentId !== null) assertSingleLine(`attachments.${i}.contentId`, a.contentId)
  })
}

export async function buildMessage(
  msg: OutgoingMessage,
  opts: { messageId?: string; date?: Date; draft?: boolean } = {},
): Promise<BuiltMessage> {
  const messageId = opts.messageId ?? newMessageId(msg.from)
  checkHeaders(msg, messageId)
  const recipients = [...msg.to, ...msg.cc, ...msg.bcc]
  if (recipients.length === 0 && !opts.draft) {
    throw new AppError('INVALID_INPUT', 'The message has no recipients', { detail: { field: 'to' } })
  }
  // RFC 5322 §2.3: CRLF is the only line break. nodemailer's quoted-printable keeps whatever
  // breaks the text has, so a bare LF or CR typed, pasted or produced by html-to-text is made CRLF
  // here, before encoding, where it is a line break and not data.
  const text = canonicalText(
    msg.html !== null && msg.text.trim() === '' ? htmlToPlainText(msg.html) : msg.text,
  )
  const inReplyTo = msg.inReplyTo && fitsOnALine(msg.inReplyTo) ? msg.inReplyTo : null
  const references = msg.references.filter(fitsOnALine)
  const addr = (a: ParsedAddress) => ({ name: displayName(a.name), address: a.address })
  const composer = new MailComposer({
    from: addr(msg.from),
    to: msg.to.map(addr),
    cc: msg.cc.map(addr),
    // A draft keeps its Bcc in the server's Drafts copy; a sent message never shows it.
    ...(opts.draft && msg.bcc.length > 0 ? { bcc: msg.bcc.map(addr) } : {}),
    // A string, or encoded-words prepared by composer-input when nodemailer could not fold it.
    subject: subjectHeader(msg.subject) as string,
    text,
    ...(msg.html !== null ? { html: canonicalText(msg.html) } : {}),
    messageId,
    date: opts.date ?? new Date(),
    ...(inReplyTo ? { inReplyTo } : {}),
    ...(references.length > 0 ? { references } : {}),
    attachments: msg.attachments.map(composerAttachment),
    // Content only ever comes from bytes we hold: never let a field make nodemailer read a file
    // or fetch a URL (design.md, hostile mail).
    disableFileAccess: true,
    disableUrlAccess: true,
  })
  const node = composer.compile()
  if (opts.draft) node.keepBcc = true
  const raw = await node.build()
  const needsSmtpUtf8 = [msg.from, ...recipients].some((a) => a.needsSmtpUtf8)
  const problem = findCanonicalProblem(raw, { utf8Headers: needsSmtpUtf8 })
  if (problem) {
    // Never stored, sent or copied: a strict server would refuse it (Cyrus: "Message contains
    // bare newlines"), and a lenient one would keep bytes other programs misread.
    throw new AppError(
      'INVALID_INPUT',
      `The message could not be written in canonical form (${problem.reason})`,
      {
        detail: { reason: 'not-canonical', problem: problem.reason, line: problem.line },
      },
    )
  }
  const envelopeTo = [...new Set(recipients.map(envelopeAddress))]
  return {
    messageId,
    raw,
    envelope: { from: envelopeAddress(msg.from), to: envelopeTo },
    needsSmtpUtf8,
    eightBit: raw.some((b) => b > 0x7f),
  }
}
