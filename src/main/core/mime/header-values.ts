/** Small, strict readers for header values the store keeps (the full parse is mailparser's). */

/** Every `<...>` msg-id of a Message-ID / In-Reply-To / References value (RFC 5322 §3.6.4), brackets kept. */
export function parseMessageIds(value: string | null | undefined): string[] {
  if (!value) return []
  return value.match(/<[^<>\s]+>/g) ?? []
}

export function firstMessageId(value: string | null | undefined): string | null {
  return parseMessageIds(value)[0] ?? null
}

/**
 * An RFC 5322 §3.3 date-time (obsolete forms and trailing comments included) as epoch ms, or null
 * when it does not parse. Stricter than `Date.parse` alone, which reads "5" as the year 2001:
 * the value must name a day, a month and a year, or be ISO 8601.
 */
export function parseDateHeader(value: string | Date | null | undefined): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime()
  if (!value) return null
  const v = value
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  const rfc = /\b\d{1,2} [A-Za-z]{3,9}\.? \d{2,4}\b/.test(v)
  const iso = /^\d{4}-\d{2}-\d{2}/.test(v)
  if (!rfc && !iso) return null
  const ms = Date.parse(v)
  return Number.isNaN(ms) ? null : ms
}

/**
 * Splits a raw header block into unfolded fields, names lower-cased. Bytes are read as UTF-8
 * (RFC 6532) when valid, otherwise as Latin-1, so nothing is lost either way.
 */
const utf8Strict = new TextDecoder('utf-8', { fatal: true })

export function headerFields(block: Buffer): Map<string, string[]> {
  let text: string
  try {
    text = utf8Strict.decode(block)
  } catch {
    text = block.toString('latin1')
  }
  const fields = new Map<string, string[]>()
  // RFC 5322 §2.2.3: a CRLF followed by white space is folding, not the end of the field.
  for (const line of text.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    const list = fields.get(name) ?? []
    list.push(line.slice(colon + 1).trim())
    fields.set(name, list)
  }
  return fields
}

/** The header block of a message (up to the first empty line), at most `max` bytes. */
export function headerBlock(source: Buffer, max = 1024 * 1024): Buffer {
  const crlf = source.indexOf('\r\n\r\n')
  const lf = source.indexOf('\n\n')
  const ends = [crlf === -1 ? -1 : crlf + 2, lf === -1 ? -1 : lf + 1].filter((i) => i >= 0)
  const end = ends.length ? Math.min(...ends) : source.length
  return source.subarray(0, Math.min(end, max))
}
