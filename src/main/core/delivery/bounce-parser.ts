/**
 * Reads a delivery report: RFC 3464 message/delivery-status wherever it sits in the message's own
 * multipart tree (RFC 6522 multipart/report, but also the multipart/mixed some servers send, and
 * RFC 6533's message/global-delivery-status), else the common reports without one
 * (legacy-bounces.ts) when the message comes from a mail system. Returns null for anything else.
 */
import type { BounceShape, ParsedBounce } from './bounce-types'
import { bracketed, readDeliveryStatus } from './dsn-fields'
import { readLegacyReport } from './legacy-bounces'
import { parseMime, readHeaders, textOf, type MimePart } from './report-mime'

const STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status'])
const MESSAGE_TYPES = new Set(['message/rfc822', 'message/global'])
const HEADER_TYPES = new Set(['text/rfc822-headers', 'message/global-headers'])

/** The message's own parts: multiparts are opened, attached messages are not (a forwarded report is no report). */
function ownParts(part: MimePart): MimePart[] {
  return [part, ...(part.type.startsWith('multipart/') ? part.parts.flatMap(ownParts) : [])]
}

function messageIds(value: string | undefined): string[] {
  return value ? [...value.matchAll(/<[^<>\s]+>/g)].map((m) => m[0]) : []
}

/** The headers of the returned message: an attached message, or the returned header block. */
function returnedHeaders(parts: MimePart[], legacyText: string | null): Map<string, string> | null {
  const message = parts.find((p) => MESSAGE_TYPES.has(p.type))?.parts[0]
  if (message) return message.headers
  const headers = parts.find((p) => HEADER_TYPES.has(p.type))
  if (headers) return readHeaders(textOf(headers))
  if (legacyText)
    return readHeaders(legacyText.replace(/^[ \t]*\r?\n/, '').split(/\r?\n[ \t]*\r?\n/)[0] ?? '')
  return null
}

/** Reports come from the mail system: the null reverse-path, or MAILER-DAEMON / postmaster. */
function fromMailSystem(headers: Map<string, string>): boolean {
  if (/^<>$/.test((headers.get('return-path') ?? '').trim())) return true
  return /\b(mailer-daemon|postmaster|mail delivery (subsystem|system))\b/i.test(headers.get('from') ?? '')
}

export function parseBounce(raw: Buffer, receivedAt: number): ParsedBounce | null {
  const root = parseMime(raw)
  const parts = ownParts(root)
  const own = [...messageIds(root.headers.get('in-reply-to')), ...messageIds(root.headers.get('references'))]
  const build = (
    shape: BounceShape,
    envelopeId: string | null,
    recipients: ParsedBounce['recipients'],
    returned: Map<string, string> | null,
  ): ParsedBounce => ({
    shape,
    envelopeId,
    originalMessageId: bracketed(returned?.get('message-id')),
    relatedIds: [...new Set([...messageIds(returned?.get('in-reply-to')), ...own])],
    recipients,
  })

  const status = parts.find((p) => STATUS_TYPES.has(p.type))
  if (status) {
    const report = readDeliveryStatus(textOf(status), receivedAt)
    return build('rfc3464', report.envelopeId, report.recipients, returnedHeaders(parts, null))
  }
  if (!fromMailSystem(root.headers)) return null
  const text = parts.find((p) => p.type === 'text/plain')
  if (!text) return null
  const legacy = readLegacyReport(textOf(text), receivedAt)
  if (!legacy || legacy.recipients.length === 0) return null
  return build(legacy.shape, null, legacy.recipients, returnedHeaders(parts, legacy.returned))
}
