/**
 * Replies and forwards as pure functions of the original message (a MessageView from the local
 * store) and the person's account: no I/O, so every rule here is unit-tested.
 *
 * The quoted HTML is the original's, NOT sanitized: main has no DOM, and sanitizing in two places
 * with two configurations is how one of them drifts. The renderer passes every draft body it
 * loads through the reader's own sanitizer (renderer/src/lib/sanitizer/mail-sanitizer.ts, its
 * editor variant) before the editor sees it, and the editor's schema then keeps only what it can
 * edit.
 */
import type { Account, Identity } from '../../../shared/model/account'
import type { AttachmentInfo, MailAddress, MessageView } from '../../../shared/model/mail'
import type { ReplyKind } from '../../../shared/model/compose'
import { addressKey, formatAddressList } from '../../../shared/mail/addresses'
import { escapeHtml, quoteText, signatureHtml, signatureText, textToHtml } from './quote'
import { forwardSubject, replySubject } from './subject'

export interface ComposeSeed {
  identityId: string
  to: string
  cc: string
  bcc: string
  subject: string
  html: string
  text: string
  inReplyTo: string | null
  references: string[]
  /** Parts of the original to copy into the draft (forward keeps inline and attached files). */
  attachments: AttachmentInfo[]
}

export interface BuildOptions {
  /** Formats the original's date for the quote header (injected so tests do not depend on the zone). */
  formatDate?: (epochMs: number) => string
}

/** References kept in a reply: the first (thread root) and the most recent ones. */
const MAX_REFERENCES = 20

const defaultFormatDate = (ms: number): string =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms))

export function ownAddressKeys(account: Account): Set<string> {
  return new Set([account.address, ...account.identities.map((i) => i.address)].map(addressKey))
}

/** The identity the original was addressed to (so the reply comes from it), else the default one. */
export function pickIdentity(account: Account, original: MessageView): Identity {
  const first = account.identities[0]
  if (!first) throw new Error('An account always has at least one identity')
  const s = original.summary
  const recipients = new Set([...s.to, ...s.cc, ...original.bcc].map((a) => addressKey(a.address)))
  return account.identities.find((i) => recipients.has(addressKey(i.address))) ?? first
}

function uniqueExcept(list: readonly MailAddress[], exclude: Set<string>): MailAddress[] {
  const seen = new Set(exclude)
  const out: MailAddress[] = []
  for (const a of list) {
    const key = addressKey(a.address)
    if (seen.has(key)) continue
    seen.add(key)
    out.push(a)
  }
  return out
}

/**
 * RFC 5322 §3.6.4: In-Reply-To is the parent's Message-ID; References is the parent's References
 * (or, without them, its In-Reply-To) followed by the parent's Message-ID.
 */
export function threadHeaders(original: MessageView): { inReplyTo: string | null; references: string[] } {
  const s = original.summary
  const parentRefs = s.references.length > 0 ? s.references : s.inReplyTo ? [s.inReplyTo] : []
  const refs = s.messageId ? [...parentRefs, s.messageId] : [...parentRefs]
  const unique = refs.filter((id, i) => refs.indexOf(id) === i)
  const trimmed =
    unique.length > MAX_REFERENCES ? [unique[0]!, ...unique.slice(-(MAX_REFERENCES - 1))] : unique
  return { inReplyTo: s.messageId, references: trimmed }
}

function senderName(original: MessageView): string {
  const from = original.summary.from[0]
  return from ? (from.name ?? from.address) : 'Unknown sender'
}

export function buildReply(
  original: MessageView,
  account: Account,
  kind: Exclude<ReplyKind, 'forward'>,
  opts: BuildOptions = {},
): ComposeSeed {
  const identity = pickIdentity(account, original)
  const own = ownAddressKeys(account)
  const s = original.summary
  const fromMe = s.from.some((a) => own.has(addressKey(a.address)))
  // Replying to one's own message (from Sent) goes to its recipients, not back to oneself.
  const primary = fromMe ? s.to : original.replyTo.length > 0 ? original.replyTo : s.from
  let to: MailAddress[]
  let cc: MailAddress[] = []
  if (kind === 'reply') {
    to = uniqueExcept(primary, fromMe ? own : new Set())
    if (to.length === 0) to = uniqueExcept(primary, new Set())
  } else {
    to = uniqueExcept([...primary, ...(fromMe ? [] : s.to)], own)
    cc = uniqueExcept(s.cc, new Set([...own, ...to.map((a) => addressKey(a.address))]))
  }
  const format = opts.formatDate ?? defaultFormatDate
  const header = `On ${format(s.date)}, ${senderName(original)} wrote:`
  const originalText = original.text ?? ''
  const text = `\n${signatureText(identity.signature)}\n${header}\n${quoteText(originalText)}\n`
  const quotedHtml = original.html ?? textToHtml(originalText)
  const html =
    `<p></p>${signatureHtml(identity.signature)}` +
    `<p>${escapeHtml(header)}</p><blockquote type="cite">${quotedHtml}</blockquote>`
  return {
    identityId: identity.id,
    to: formatAddressList(to),
    cc: formatAddressList(cc),
    bcc: '',
    subject: replySubject(s.subject),
    html,
    text,
    ...threadHeaders(original),
    attachments: [],
  }
}

export function buildForward(original: MessageView, account: Account, opts: BuildOptions = {}): ComposeSeed {
  const identity = pickIdentity(account, original)
  const s = original.summary
  const format = opts.formatDate ?? defaultFormatDate
  const fields: [string, string][] = [
    ['From', formatAddressList(s.from)],
    ['Date', format(s.date)],
    ['Subject', s.subject],
    ['To', formatAddressList(s.to)],
  ]
  if (s.cc.length > 0) fields.push(['Cc', formatAddressList(s.cc)])
  const intro = '---------- Forwarded message ----------'
  const headerText = fields.map(([k, v]) => `${k}: ${v}`).join('\n')
  const text = `\n${signatureText(identity.signature)}\n${intro}\n${headerText}\n\n${original.text ?? ''}\n`
  const headerHtml = fields.map(([k, v]) => `${k}: ${escapeHtml(v)}`).join('<br>')
  const html =
    `<p></p>${signatureHtml(identity.signature)}<p>${intro}<br>${headerHtml}</p>` +
    `<div>${original.html ?? textToHtml(original.text ?? '')}</div>`
  // Forwarding is not a reply: no In-Reply-To. References keep the forward in the thread for the
  // sender's own client (as Thunderbird does), which RFC 5322 permits.
  const { references } = threadHeaders(original)
  return {
    identityId: identity.id,
    to: '',
    cc: '',
    bcc: '',
    subject: forwardSubject(s.subject),
    html,
    text,
    inReplyTo: null,
    references,
    attachments: [...original.attachments],
  }
}

/**
 * Forward as attachment: the original travels whole as a message/rfc822 part (RFC 2046 §5.2.1),
 * so its headers, body and files reach the recipient unchanged; the body is the person's own
 * (empty but for the signature). The caller attaches the raw source.
 */
export function buildForwardAsAttachment(original: MessageView, account: Account): ComposeSeed {
  const identity = pickIdentity(account, original)
  const { references } = threadHeaders(original)
  return {
    identityId: identity.id,
    to: '',
    cc: '',
    bcc: '',
    subject: forwardSubject(original.summary.subject),
    html: `<p></p>${signatureHtml(identity.signature)}`,
    text: signatureText(identity.signature),
    inReplyTo: null,
    references,
    attachments: [],
  }
}

/** The attached message's file name: its subject, without characters file systems refuse. */
export function emlFileName(subject: string): string {
  const cleaned = [...subject]
    .map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || '<>:"/\\|?*'.includes(c) ? '_' : c))
    .join('')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 120)
    .trim()
  return `${cleaned || 'message'}.eml`
}
