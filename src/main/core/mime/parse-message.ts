import type { Readable } from 'node:stream'
import { convert } from 'html-to-text'
import { simpleParser, type Attachment, type ParsedMail } from 'mailparser'
import type { AttachmentInfo, MailAddress } from '../../../shared/model/mail'
import { rawParameterText, saveNameFor } from './attachment-names'
import { LosslessIconv, decodeText } from './charset'
import { readHeaderSummary } from './header-row'
import { headerBlock, headerFields } from './header-values'
import { inlineCidImages } from './inline-images'
import { MimeNormalizer, normalizeMime } from './mime-normalize'

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

function attachmentInfo(a: Attachment, index: number, taken: Set<string>): ParsedAttachment {
  // mailparser gives `false`, not a string, for a part whose Content-Type header is empty.
  const contentType =
    typeof a.contentType === 'string' && a.contentType ? a.contentType : 'application/octet-stream'
  const filename = a.filename ? rawParameterText(a.filename) : null
  if (filename) taken.add(filename.toLowerCase())
  return {
    id: a.partId ?? String(index + 1),
    filename,
    saveName: filename ?? '',
    contentType,
    size: a.size,
    contentId: a.cid ?? null,
    inline: a.related === true,
    isMessage: contentType.toLowerCase() === 'message/rfc822',
    content: a.content,
  }
}

function attachmentList(list: Attachment[]): ParsedAttachment[] {
  const taken = new Set<string>()
  const out = list.map((a, i) => attachmentInfo(a, i, taken))
  // Named after the named ones, so an invented name never takes a name the sender gave.
  for (const a of out) if (!a.saveName) a.saveName = saveNameFor(a.contentType, a.content, taken)
  return out
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

/** The top-level header lines mailparser kept (raw bytes as Latin-1 characters), as fields. */
function topFields(m: ParsedMail): Map<string, string[]> {
  const lines = (m.headerLines ?? []).map((l) => l.line)
  return headerFields(Buffer.from(lines.join('\r\n'), 'latin1'))
}

/**
 * `size`: of the source, which bounds how much inlined image data the HTML may carry. The header
 * fields are read by the same readers as the list row (readHeaderSummary), not by mailparser's:
 * one message reads the same in the list and when opened, and mailparser substitutes the parse
 * time for a bad Date, drops mailboxes without a domain and decodes 8-bit headers as UTF-8 only.
 */
function fromParsed(m: ParsedMail, size: number): ParsedMessage {
  const fields = topFields(m)
  const h = readHeaderSummary(fields)
  return {
    subject: fields.has('subject') ? h.subject : null,
    from: h.from,
    to: h.to,
    cc: h.cc,
    bcc: h.bcc,
    replyTo: h.replyTo,
    date: h.date,
    messageId: h.messageId,
    inReplyTo: h.inReplyTo,
    references: h.references,
    text: m.text ?? null,
    html: typeof m.html === 'string' ? inlineCidImages(m.html, m.attachments, 2 * size) : null,
    attachments: attachmentList(m.attachments),
    problem: null,
  }
}

/** Reads what it can from the header block alone (for sources that are too large or unparseable). */
function fromHeadersOnly(source: Buffer, problem: string, limits: ParseLimits): ParsedMessage {
  const fields = headerFields(headerBlock(source))
  const { subject, ...h } = readHeaderSummary(fields)
  return {
    ...emptyMessage(problem),
    ...h,
    subject: fields.has('subject') ? subject : null,
    text: fallbackText(source, limits.maxFallbackChars),
  }
}

/**
 * Sources up to this size are normalised and parsed from memory (one buffer, no stream stages:
 * cheaper for the small messages most mail is); larger ones stream through the normaliser.
 */
const IN_MEMORY_BYTES = 4 * 1024 * 1024

async function runParser(
  source: () => Readable,
  size: number,
  prefix: () => Buffer,
  limits: ParseLimits,
  relabel: boolean,
): Promise<ParsedMail> {
  const whole = size <= IN_MEMORY_BYTES ? prefix() : null
  let stream: Readable | null = null
  let input: Buffer | Readable
  if (whole && whole.length === size) {
    input = normalizeMime(whole, { relabel })
  } else {
    stream = source()
    const normalized = new MimeNormalizer({ relabel })
    stream.once('error', (err) => normalized.destroy(err))
    input = stream.pipe(normalized)
  }
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
        // Text from HTML is made by textFromHtml, with table rows kept apart (see there).
        skipHtmlToText: true,
        // cid: images are inlined by inlineCidImages, with a budget (see there).
        keepCidLinks: true,
      }),
      timeout,
    ])
  } catch (err) {
    stream?.destroy()
    if (!Buffer.isBuffer(input)) input.destroy()
    throw err
  } finally {
    clearTimeout(timer)
  }
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))

/**
 * Tables keep one line per row with their cells apart (html-to-text's default runs a row's cells
 * together, so a newsletter's price list read "ItemPriceCoffee3.50" in previews, replies and
 * forwards); images are left out.
 */
const HTML_TEXT_SELECTORS = [
  { selector: 'img', format: 'skip' },
  { selector: 'table', format: 'dataTable' },
]

/** Plain text for a message that only has HTML (mailparser leaves `text` empty inside multipart/related). */
function textFromHtml(html: string, limits: ParseLimits): string | null {
  if (html.length > limits.maxHtmlToText) return null
  try {
    return (
      convert(html, { wordwrap: false, selectors: HTML_TEXT_SELECTORS, limits: { maxDepth: 256 } }).trim() ||
      null
    )
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
    mail = await runParser(source, size, prefix, limits, false)
    // Text parts labelled UTF-8 (or US-ASCII, or not labelled) that are not: mailparser decodes
    // those itself, with U+FFFD for the bytes it cannot read. Parse again with those parts
    // pointed at the lossless decoder (mime-normalize.ts), which loses only the broken character.
    if (/\uFFFD/.test(`${mail.text ?? ''}${typeof mail.html === 'string' ? mail.html : ''}`)) {
      mail = await runParser(source, size, prefix, limits, true)
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
  if (!parsed.text?.trim() && parsed.html !== null) parsed.text = textFromHtml(parsed.html, limits)
  if (mail.headers.size === 0) {
    // Not a message (no header field at all): what it holds is shown as text, as written.
    const whole = decodeText(prefix().subarray(0, limits.maxFallbackChars * 4), undefined)
    return {
      ...parsed,
      text: whole.slice(0, limits.maxFallbackChars),
      problem: 'The message has no readable header',
    }
  }
  const nothingRead = !parsed.text?.trim() && !parsed.html?.trim() && parsed.attachments.length === 0
  if (!nothingRead) return parsed
  const raw = fallbackText(prefix(), limits.maxFallbackChars)
  if (!raw.trim()) return parsed
  return { ...parsed, text: raw, problem: 'The message structure is broken; showing its raw text' }
}
