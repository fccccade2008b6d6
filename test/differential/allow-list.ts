/**
 * The one list of differences between how Mailroom reads a message (parseMessage) and how
 * Python's `email` package reads it (read-with-python.py), each a difference of convention with
 * its reason. src/main/core/mime/python-differential.test.ts fails on any difference not
 * explained here, and on an entry no fixture needs any more.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { MailAddress } from '../../src/shared/model/mail'

export type Field = 'subject' | 'from' | 'to' | 'cc' | 'date' | 'messageId' | 'text' | 'attachments'

export interface Reading {
  subject: string | null
  from: MailAddress[]
  to: MailAddress[]
  cc: MailAddress[]
  date: number | null
  messageId: string | null
  text: string | null
  hasHtml: boolean
  attachments: { filename: string | null; contentType: string; size: number | null }[]
  problem?: string | null
  textError?: string | null
}

export interface Difference {
  file: string
  field: Field
  ours: Reading
  python: Reading
  /** Our value and Python's for `field`. */
  a: unknown
  b: unknown
}

export interface AllowedDifference {
  id: string
  fields: Field[]
  reason: string
  /** True when this convention explains the difference (narrowly: never "any value"). */
  applies: (d: Difference) => boolean
}

/** JSON with object keys sorted, so that two readings compare by content only. */
export function canon(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  )
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Equal lists but where `same(ours, theirs)` says an entry differs only by the convention. */
function sameListBut<T>(a: unknown, b: unknown, differs: (ours: T, theirs: T) => boolean): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
  let any = false
  for (let i = 0; i < a.length; i++) {
    if (canon(a[i]) === canon(b[i])) continue
    if (!differs(a[i] as T, b[i] as T)) return false
    any = true
  }
  return any
}

export const ALLOWED_DIFFERENCES: AllowedDifference[] = [
  {
    id: 'bad-bytes-as-windows-1252',
    fields: ['subject', 'from', 'to', 'cc', 'text', 'attachments'],
    reason:
      'Bytes that are not valid in the charset (a broken UTF-8 sequence, Latin-1 in a UTF-8 part ' +
      'or header): Python shows U+FFFD for each; we read each bad byte as Windows-1252 so no text ' +
      'is lost (charset.ts, decodeUtf8Lenient). Everything around them must read the same.',
    applies: ({ a, b }) => {
      const ours = canon(a)
      const theirs = canon(b)
      if (!theirs.includes('\uFFFD') || ours.includes('\uFFFD')) return false
      const pattern = theirs
        .split(/\uFFFD+/)
        .map(escapeRegExp)
        .join('.{1,6}')
      return new RegExp(`^${pattern}$`, 's').test(ours)
    },
  },
  {
    id: 'unknown-charset-read-losslessly',
    fields: ['text'],
    reason:
      'A charset label nobody defines (x-made-up): Python refuses the part (LookupError); we read ' +
      'it as UTF-8 where valid, else byte by byte as Windows-1252.',
    applies: ({ a, b, python }) => python.textError === 'LookupError' && b === null && typeof a === 'string',
  },
  {
    id: 'comment-names-a-mailbox',
    fields: ['from', 'to', 'cc'],
    reason:
      'A mailbox without a display name but with a comment (`root (Cron Daemon)`) is named by the ' +
      'comment, as mailparser and Thunderbird show it; Python drops comments.',
    applies: ({ a, b, file }) =>
      sameListBut<{ name?: string; address: string }>(
        a,
        b,
        (ours, theirs) =>
          ours.address === theirs.address &&
          theirs.name === undefined &&
          ours.name !== undefined &&
          source(file).includes(`(${ours.name})`),
      ),
  },
  {
    id: 'attached-message-size',
    fields: ['attachments'],
    reason:
      'An attached message (message/rfc822): Python parses and re-serialises it, so it has no ' +
      'byte size; we give the size of its bytes as received (what saving it writes).',
    applies: ({ a, b }) =>
      sameListBut<{ contentType: string; size: number | null; filename: string | null }>(
        a,
        b,
        (ours, theirs) =>
          ours.contentType === 'message/rfc822' &&
          canon({ ...ours, size: null }) === canon(theirs) &&
          typeof ours.size === 'number',
      ),
  },
  {
    id: 'message-id-in-brackets',
    fields: ['messageId'],
    reason:
      'A Message-ID written without angle brackets gets them (the RFC 5322 §3.6.4 form, which ' +
      'threading compares against In-Reply-To and References); Python keeps the value as written.',
    applies: ({ a, b }) => typeof b === 'string' && a === `<${b.trim()}>`,
  },
  {
    id: 'text-from-html',
    fields: ['text'],
    reason:
      'A message whose only body is HTML: we derive its plain text from the HTML (for previews, ' +
      'search and replies); Python has no text/plain part to give.',
    applies: ({ a, b, ours, python }) =>
      b === null && typeof a === 'string' && ours.hasHtml && python.hasHtml,
  },
  {
    id: 'broken-multipart-raw-text',
    fields: ['text', 'attachments'],
    reason:
      'A multipart whose boundary never occurs: we show its raw body as text and say the ' +
      'structure is broken; Python keeps the multipart as one unparsed part.',
    applies: ({ field, a, ours, python }) =>
      /structure is broken/.test(ours.problem ?? '') &&
      python.attachments.some((p) => p.contentType.startsWith('multipart/')) &&
      (field === 'text' ? typeof a === 'string' : canon(a) === '[]'),
  },
  {
    id: 'every-inline-text-part',
    fields: ['text'],
    reason:
      'Several inline text/plain parts (a digest with a text part of its own): the text is all of ' +
      'them in order, as mailparser joins them; Python gives the first part only.',
    applies: ({ a, b }) => typeof a === 'string' && typeof b === 'string' && a.startsWith(`${b}\n`),
  },
]

function source(file: string): string {
  return readFileSync(join(import.meta.dirname, '../..', file), 'utf8')
}
