import type { Readable } from 'node:stream'
import { convert } from 'html-to-text'
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser'
import type { AttachmentInfo, MailAddress } from '../../../shared/model/mail'
import { LosslessIconv, RelabelUtf8, decodeText } from './charset'
import { firstMessageId, headerBlock, headerFields, parseDateHeader, parseMessageIds } from './header-values'
import { inlineCidImages } from './inline-images'

export interface ParseLimits {
  /** Larger sources are not parsed: their raw text is shown instead. */
  maxSourceBytes: number
  /** A parse that takes longer is abandoned. */
  timeoutMs: number
  /** HTML longer than this is not converted to plain text. */
  maxHtmlToText: number
  /** How much raw text a fallback shows. */
  maxFallbackChars: number
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxSourceBytes: 32 * 1024 * 1024,
  timeoutMs: 15_000,
  maxHtmlToText: 2 * 1024 * 1024,
  maxFallbackChars: 1024 * 1024,
}

export interface ParsedAttachment extends AttachmentInfo {
  content: Buffer
}

export interface ParsedMessage {
  subject: string | null
  from: MailAddress[]
  to: MailAddress[]
  cc: MailAddress[]
  bcc: MailAddress[]
  replyTo: MailAddress[]
  /** From the Date header; null when it is missing or does not parse (never the time of parsing). */
  date: number | null
  messageId: string | null
  inReplyTo: string | null
  references: string[]
  text: string | null
  /** Not sanitized; cid: references to inline parts resolved to data: URLs. */
  html: string | null
  attachments: ParsedAttachment[]
  problem: string | null
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const out: MailAddress[] = []
  const visit = (list: { name: string; address?: string; group?: unknown[] }[]) => {
    for (const a of list) {
      if (a.group) visit(a.group as typeof list)
      else if (a.address) out.push(a.name ? { name: a.name, address: a.address } : { address: a.address })
    }
  }
  for (const obj of Array.isArray(value) ? value : value ? [value] : []) visit(obj.value)
  return out
}

function attachmentInfo(a: Attachment, index: number): ParsedAttachment {
  // mailparser gives `false`, not a string, for a part whose Content-Type header is empty.
  const contentType =
    typeof a.contentType === 'string' && a.contentType ? a.contentType : 'application/octet-stream'
  const isMessage = contentType.toLowerCase() === 'message/rfc822'
  return {
    id: a.partId ?? String(index + 1),
    filename: a.filename ?? (isMessage ? 'message.eml' : `attachment-${index + 1}`),
    contentType,
    size: a.size,
    contentId: a.cid ?? null,
    inline: a.related === true,
    isMessage,
    content: a.content,
  }
}

/** The body after the header block, decoded losslessly: what a person sees when parsing fails. */
export function fallbackText(source: Buffer, maxChars: number): string {
  const head = headerBlock(source)
  const charset = /charset="?([\w.:-]+)/i.exec(head.toString('latin1'))?.[1]
  const body = source.subarray(head.length, head.length + maxChars * 4)
  return decodeText(body, charset)
    .replace(/^\r?\n/, '')
    .slice(0, maxChars)
}

function emptyMessage(problem: string): ParsedMessage {
  return {
    subject: null,
    from: [],
    to: [],
    cc: [],
    bcc: [],
    replyTo: [],
    date: null,
    messageId: null,
    inReplyTo: null,
    references: [],
    text: null,
    html: null,
    attachments: [],
    problem,
  }
}

/** `size`: of the source, which bounds how much inlined image data the HTML may carry. */
function fromParsed(m: ParsedMail, size: number): ParsedMessage {
  // mailparser sets `date` to the time of parsing when the header does not parse: read it ourselves.
  const rawDate = m.headerLines.find((l) => l.key === 'date')?.line.replace(/^date:\s*/i, '')
  return {
    subject: m.subject ?? null,
    from: addresses(m.from),
    to: addresses(m.to),
    cc: addresses(m.cc),
    bcc: addresses(m.bcc),
    replyTo: addresses(m.replyTo),
    date: parseDateHeader(rawDate),
    messageId: firstMessageId(m.messageId),
    inReplyTo: firstMessageId(m.inReplyTo),
    references: parseMessageIds([m.references ?? []].flat().join(' ')),
    text: m.text ?? null,
    html: typeof m.html === 'string' ? inlineCidImages(m.html, m.attachments, 2 * size) : null,
    attachments: m.attachments.map(attachmentInfo),
    problem: null,
  }
}

/** Reads what it can from the header block alone (for sources that are too large or unparseable). */
function fromHeadersOnly(source: Buffer, problem: string, limits: ParseLimits): ParsedMessage {
  const fields = headerFields(headerBlock(source))
  const one = (name: string) => fields.get(name)?.[0] ?? null
  return {
    ...emptyMessage(problem),
    date: parseDateHeader(one('date')),
    messageId: firstMessageId(one('message-id')),
    inReplyTo: firstMessageId(one('in-reply-to')),
    references: parseMessageIds(one('references')),
    text: fallbackText(source, limits.maxFallbackChars),
  }
}

async function runParser(input: Readable, limits: ParseLimits): Promise<ParsedMail> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`parsing took longer than ${limits.timeoutMs} ms`)),
      limits.timeoutMs,
    )
  })
  try {
    return await Promise.race([
      simpleParser(input, {
        Iconv: LosslessIconv,
        maxHtmlLengthToParse: limits.maxHtmlToText,
        skipTextToHtml: true,
        skipTextLinks: true,
        // cid: images are inlined by inlineCidImages, with a budget (see there).
        keepCidLinks: true,
      }),
      timeout,
    ])
  } catch (err) {
    input.destroy()
    throw err
  } finally {
    clearTimeout(timer)
  }
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))

/** Plain text for a message that only has HTML (mailparser leaves `text` empty inside multipart/related). */
function textFromHtml(html: string, limits: ParseLimits): string | null {
  if (html.length > limits.maxHtmlToText) return null
  try {
    return convert(html, { wordwrap: false, selectors: [{ selector: 'img', format: 'skip' }] }).trim() || null
  } catch {
    return null
  }
}

/**
 * Parses a raw message for display with mailparser, within size and time limits. Never throws: a
 * message that cannot be parsed comes back with `problem` set and its raw body as `text`, and a
 * parse that found no readable part (a broken multipart) keeps the raw body too, so no text is lost.
 * `source` opens a fresh stream of the raw bytes each call; `prefix` gives the first bytes.
 */
export async function parseMessage(
  source: () => Readable,
  size: number,
  prefix: () => Buffer,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): Promise<ParsedMessage> {
  if (size > limits.maxSourceBytes) {
    return fromHeadersOnly(prefix(), `The message is too large to display (${size} bytes)`, limits)
  }
  let mail: ParsedMail
  try {
    mail = await runParser(source(), limits)
    // Parts labelled UTF-8 that are not (mailparser decodes those itself, with U+FFFD for the
    // bytes it cannot read): parse again with those labels pointed at the lossless decoder.
    if (/\uFFFD/.test(`${mail.text ?? ''}${typeof mail.html === 'string' ? mail.html : ''}`)) {
      mail = await runParser(source().pipe(new RelabelUtf8()), limits)
    }
  } catch (err) {
    return fromHeadersOnly(prefix(), `The message could not be parsed: ${messageOf(err)}`, limits)
  }
  let parsed: ParsedMessage
  try {
    parsed = fromParsed(mail, size)
  } catch (err) {
    // A shape of mailparser's result we did not expect (found by the fuzz test): still listed and shown.
    return fromHeadersOnly(prefix(), `The message could not be read: ${messageOf(err)}`, limits)
  }
  if (parsed.text === null && parsed.html !== null) parsed.text = textFromHtml(parsed.html, limits)
  const nothingRead = !parsed.text?.trim() && !parsed.html?.trim() && parsed.attachments.length === 0
  if (!nothingRead) return parsed
  if (mail.headers.size === 0) {
    const whole = decodeText(prefix().subarray(0, limits.maxFallbackChars * 4), undefined)
    return {
      ...parsed,
      text: whole.slice(0, limits.maxFallbackChars),
      problem: 'The message has no readable header',
    }
  }
  const raw = fallbackText(prefix(), limits.maxFallbackChars)
  if (!raw.trim()) return parsed
  return { ...parsed, text: raw, problem: 'The message structure is broken; showing its raw text' }
}
