/** Small, strict readers for header values the store keeps (the full parse is mailparser's). */
import { decodeUtf8Lenient } from './charset'
import { headerBlockLength } from './header-lines'

/**
 * Every msg-id of a Message-ID / In-Reply-To / References value (RFC 5322 §3.6.4), with brackets.
 * Ids written without `<>` (RFC 822-era and broken mailers; mailparser and Python keep them too)
 * are taken when the value has no bracketed one: each `left@right` word, comments dropped.
 */
export function parseMessageIds(value: string | null | undefined): string[] {
  if (!value) return []
  const bracketed = value.match(/<[^<>\s]+>/g)
  if (bracketed) return bracketed
  const words = value.replace(/\([^()]*\)/g, ' ').match(/[^\s<>()",;]+/g) ?? []
  return words.filter((w) => /^[^@]+@[^@]+$/.test(w)).map((w) => `<${w}>`)
}

export function firstMessageId(value: string | null | undefined): string | null {
  return parseMessageIds(value)[0] ?? null
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
}
/** RFC 5322 §4.3 obs-zone names with a known offset (minutes). */
const ZONES: Readonly<Record<string, number>> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
}
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?`
/** day month year [time] [zone] (RFC 5322 §3.3, obsolete forms and `-` separators included). */
const RFC_DATE = new RegExp(
  String.raw`^(\d{1,2})[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{2,4})(?:,?\s+${TIME})?\s*(.*)$`,
  'i',
)
/** month day [time] year or month day year [time] (asctime and US shapes). */
const US_DATE = new RegExp(
  String.raw`^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(?:${TIME}\s+(?:([a-z]+|[+-]\d{4})\s+)?(\d{4})|(\d{4})(?:\s+${TIME})?\s*(.*))$`,
  'i',
)

/** A zone's offset in minutes; unknown zones are "-0000", time in UTC, local zone unknown (§4.3). */
function zoneOffset(zone: string): number {
  const z = zone.trim().toLowerCase()
  const numeric = /^(?:(?:ut|utc|gmt)\s*)?([+-])(\d{1,2}):?(\d{2})?\b/.exec(z)
  if (numeric) {
    const hours = Number(numeric[2])
    const minutes = Number(numeric[3] ?? 0)
    if (hours <= 23 && minutes <= 59) return (numeric[1] === '-' ? -1 : 1) * (hours * 60 + minutes)
    return 0
  }
  return ZONES[/^[a-z]+/.exec(z)?.[0] ?? ''] ?? 0
}

function toEpoch(
  year: string,
  month: string,
  day: string,
  time: (string | undefined)[],
  zone: string,
): number | null {
  const m = MONTHS[month.slice(0, 3).toLowerCase()]
  if (m === undefined) return null
  let y = Number(year)
  // RFC 5322 §4.3: two-digit years 00-49 are 20xx, 50-99 19xx; three-digit years add 1900.
  if (year.length === 2) y += y < 50 ? 2000 : 1900
  else if (year.length === 3) y += 1900
  const d = Number(day)
  const [hh = 0, mm = 0, ss = 0] = time.map((t) => Number(t ?? 0))
  if (d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 60) return null
  const ms = Date.UTC(y, m, d, hh, mm, Math.min(ss, 59))
  if (new Date(ms).getUTCDate() !== d) return null // 31 Feb
  return ms - zoneOffset(zone) * 60_000
}

/**
 * An RFC 5322 §3.3 date-time (obsolete forms, trailing comments, asctime and ISO 8601 included)
 * as epoch ms, or null when it does not parse: it must name a day, a month and a year. A zone that
 * is not a numeric offset or one of the RFC 822 names (`JST`, `H0500`, military letters) keeps
 * the date and time and counts as "-0000", as RFC 5322 §4.3 says, rather than losing the date.
 * Why by hand: `Date.parse` rejects unknown zones, reads "5" as the year 2001 and a date without
 * a zone as local time.
 */
export function parseDateHeader(value: string | Date | null | undefined): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime()
  if (!value) return null
  const v = value
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*/i, '') // day-of-week
  const rfc = RFC_DATE.exec(v)
  if (rfc) return toEpoch(rfc[3]!, rfc[2]!, rfc[1]!, [rfc[4], rfc[5], rfc[6]], rfc[7]!)
  const us = US_DATE.exec(v)
  if (us) {
    return us[7]
      ? toEpoch(us[7], us[1]!, us[2]!, [us[3], us[4], us[5]], us[6] ?? '')
      : toEpoch(us[8]!, us[1]!, us[2]!, [us[9], us[10], us[11]], us[12] ?? '')
  }
  const iso =
    /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(v)
  if (!iso) return null
  const ms = Date.parse(
    `${iso[1]}T${iso[2] ?? '00:00'}${(iso[3] ?? 'Z').replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`,
  )
  return Number.isNaN(ms) ? null : ms
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true })

/**
 * Splits a raw header block into unfolded fields, names lower-cased. Bytes are read as UTF-8
 * (RFC 6532); a field that is not valid UTF-8 is decoded on its own (decodeUtf8Lenient: each bad
 * byte as Windows-1252), so one Latin-1 field garbles neither itself nor the others.
 */
export function headerFields(block: Buffer): Map<string, string[]> {
  let text: string
  let latin1 = false
  try {
    text = utf8Strict.decode(block)
  } catch {
    text = block.toString('latin1') // one character per byte: a field's bytes can be had back
    latin1 = true
  }
  const fields = new Map<string, string[]>()
  // RFC 5322 §2.2.3: a CRLF followed by white space is folding, not the end of the field.
  for (const line of text.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    const raw = line.slice(colon + 1).trim()
    const value = latin1 && /[\u0080-\u00ff]/.test(raw) ? decodeUtf8Lenient(Buffer.from(raw, 'latin1')) : raw
    const list = fields.get(name) ?? []
    list.push(value)
    fields.set(name, list)
  }
  return fields
}

/**
 * The header block of a message, at most `max` bytes: up to the line that ends it, by the rules
 * the parser reads it with (mime-normalize.ts: an empty line, a line of only white space before
 * the body, or the first line that is no header field).
 */
export function headerBlock(source: Buffer, max = 1024 * 1024): Buffer {
  return source.subarray(0, Math.min(headerBlockLength(source.subarray(0, max + 2)), max))
}
