import { Readable } from 'node:stream'
import { AppError } from '../../../shared/errors'
import type { MessageSummary, MessageView } from '../../../shared/model/mail'
import { decodeText } from '../mime/charset'
import {
  DEFAULT_PARSE_LIMITS,
  parseMessage,
  type ParseLimits,
  type ParsedAttachment,
  type ParsedMessage,
} from '../mime/parse-message'
import type { MailStore } from '../store/mail-store'
import type { MessageRecord } from '../store/message-repo'

/** getMessageSource returns at most this much of a source (a viewer, not an export). */
export const MAX_SOURCE_VIEW_BYTES = 4 * 1024 * 1024
const PREVIEW_CHARS = 200
const PARSED_CACHE_SIZE = 3
const PARSED_CACHE_MAX_BYTES = 8 * 1024 * 1024

/**
 * Message ids the UI holds: a store row ("123"), or a message attached to one, by attachment id
 * ("123#3", "123#3#2" for one attached inside that).
 */
export function parseMessageRef(id: string): { rowId: number; path: string[] } {
  const [row, ...path] = id.split('#')
  const rowId = Number(row)
  if (!/^\d{1,15}$/.test(row ?? '') || !Number.isSafeInteger(rowId)) {
    throw new AppError('INVALID_INPUT', `Invalid message id ${id}`, { detail: { field: 'messageId' } })
  }
  return { rowId, path }
}

interface Loaded {
  record: MessageRecord
  parsed: ParsedMessage
  /** The raw bytes of the (possibly attached) message. */
  raw: () => Readable
  prefix: (max: number) => Buffer
  size: number
  summary: MessageSummary
}

export interface MessageReaderDeps {
  store: MailStore
  /** Makes sure the row's raw source is in the store (downloads it for IMAP messages). */
  ensureSource: (record: MessageRecord) => Promise<void>
  limits?: ParseLimits
}

/** Reads stored messages for display: parse (mailparser, limits), views, sources, attachments. */
export function createMessageReader(deps: MessageReaderDeps) {
  const { store } = deps
  const limits = deps.limits ?? DEFAULT_PARSE_LIMITS
  const cache = new Map<number, ParsedMessage>()

  async function loadRow(rowId: number): Promise<Loaded> {
    let record = store.messages.require(rowId)
    if (!record.hasSource) {
      await deps.ensureSource(record)
      record = store.messages.require(rowId)
    }
    const size = store.sources.size(rowId)
    const raw = () => store.sources.stream(rowId)
    const prefix = (max: number) => store.sources.prefix(rowId, max)
    let parsed = cache.get(rowId)
    if (!parsed) {
      parsed = await parseMessage(raw, size, () => prefix(limits.maxSourceBytes), limits)
      const attachmentBytes = parsed.attachments.reduce((n, a) => n + a.size, 0)
      if (attachmentBytes <= PARSED_CACHE_MAX_BYTES) {
        cache.set(rowId, parsed)
        if (cache.size > PARSED_CACHE_SIZE) cache.delete(cache.keys().next().value!)
      }
      const text = (parsed.text ?? '').replace(/\s+/g, ' ').trim()
      store.messages.recordParse(rowId, {
        preview: text ? text.slice(0, PREVIEW_CHARS) : null,
        hasAttachments: parsed.attachments.some((a) => !a.inline),
        parseProblem: parsed.problem,
      })
      record = store.messages.require(rowId)
    }
    return { record, parsed, raw, prefix, size, summary: record.summary }
  }

  function attachment(parsed: ParsedMessage, attachmentId: string): ParsedAttachment {
    const found = parsed.attachments.find((a) => a.id === attachmentId)
    if (!found) {
      throw new AppError('MESSAGE_NOT_FOUND', `No attachment ${attachmentId}`, {
        detail: { field: 'attachmentId' },
      })
    }
    return found
  }

  /** Opens an attached message/rfc822 part as a message of its own. */
  async function loadAttached(parent: Loaded, attachmentId: string): Promise<Loaded> {
    const part = attachment(parent.parsed, attachmentId)
    if (!part.isMessage) {
      throw new AppError('INVALID_INPUT', 'That attachment is not a message', {
        detail: { field: 'attachmentId' },
      })
    }
    const bytes = part.content
    const parsed = await parseMessage(
      () => Readable.from([bytes]),
      bytes.length,
      () => bytes,
      limits,
    )
    const summary: MessageSummary = {
      ...parent.summary,
      id: `${parent.summary.id}#${attachmentId}`,
      subject: parsed.subject ?? '',
      from: parsed.from,
      to: parsed.to,
      cc: parsed.cc,
      date: parsed.date ?? parent.summary.receivedAt,
      hasAttachments: parsed.attachments.some((a) => !a.inline),
      size: bytes.length,
      messageId: parsed.messageId,
      inReplyTo: parsed.inReplyTo,
      references: parsed.references,
      preview: null,
      // An attached message is not a stored row: it has no thread of its own here.
      threadId: null,
      threadSize: 1,
    }
    return {
      record: parent.record,
      parsed,
      raw: () => Readable.from([bytes]),
      prefix: (max) => bytes.subarray(0, max),
      size: bytes.length,
      summary,
    }
  }

  async function load(id: string): Promise<Loaded> {
    const ref = parseMessageRef(id)
    let loaded = await loadRow(ref.rowId)
    for (const attachmentId of ref.path) loaded = await loadAttached(loaded, attachmentId)
    return loaded
  }

  function toView(l: Loaded): MessageView {
    const nested = l.summary.id !== String(l.record.id)
    return {
      summary: l.summary,
      bcc: l.parsed.bcc,
      replyTo: l.parsed.replyTo,
      text: l.parsed.text,
      html: l.parsed.html,
      attachments: l.parsed.attachments.map(({ content: _content, ...info }) => info),
      parseProblem: l.parsed.problem,
      remoteContentAllowed:
        (!nested && l.record.remoteAllowed) ||
        store.messages.senderAllowed(l.record.accountId, l.summary.from),
    }
  }

  return {
    getMessage: async (id: string): Promise<MessageView> => toView(await load(id)),
    openAttachedMessage: async (id: string, attachmentId: string): Promise<MessageView> =>
      toView(await loadAttached(await load(id), attachmentId)),
    async getMessageSource(id: string): Promise<string> {
      const l = await load(id)
      let bytes = l.prefix(MAX_SOURCE_VIEW_BYTES)
      // Cut a truncated source at a line end, never inside a multi-byte character.
      if (l.size > MAX_SOURCE_VIEW_BYTES) bytes = bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1)
      const text = decodeText(bytes, 'utf-8')
      return l.size > MAX_SOURCE_VIEW_BYTES
        ? `${text}\n\n[Mailroom: the source is ${l.size} bytes; only the first ${MAX_SOURCE_VIEW_BYTES} are shown]\n`
        : text
    },
    /** The whole raw message (a stored row or an attached one), refused above `maxBytes`. */
    async getRawSource(id: string, maxBytes: number): Promise<Buffer> {
      const l = await load(id)
      if (l.size > maxBytes) {
        throw new AppError('INVALID_INPUT', `The message is larger than ${maxBytes} bytes`, {
          detail: { field: 'messageId', reason: 'too-large' },
        })
      }
      return l.prefix(l.size)
    },
    async getAttachment(id: string, attachmentId: string): Promise<ParsedAttachment> {
      return attachment((await load(id)).parsed, attachmentId)
    },
    /** The row and sender behind an id (for allowRemoteContent). */
    async summaryOf(id: string): Promise<{ record: MessageRecord; summary: MessageSummary }> {
      const ref = parseMessageRef(id)
      if (ref.path.length === 0) {
        const record = store.messages.require(ref.rowId)
        return { record, summary: record.summary }
      }
      const l = await load(id)
      return { record: l.record, summary: l.summary }
    },
  }
}

export type MessageReader = ReturnType<typeof createMessageReader>
