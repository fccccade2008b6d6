/**
 * The search box's query language: Gmail's operators, which people already know
 * (https://support.google.com/mail/answer/7190). Parsed into a typed tree that query-sql.ts turns
 * into SQL over the store and the FTS5 index.
 *
 * Written by hand: the grammar is small and ours (no library parses Gmail's syntax), and it must
 * be total. Any string yields a tree (possibly empty) and a list of problems, never an exception:
 * unknown operators (`re:`, `http:`) are words, a missing `)` or `"` is closed at the end, a
 * stray `)` or a dangling `OR` is dropped or read as a word. Only a known operator with a value
 * that cannot mean anything (`before:2026/13/45`, `larger:lots`) is a problem, which the service
 * reports as INVALID_INPUT naming the term, rather than silently searching for something else.
 */

/** Where a text term looks: every indexed field, or one of them. */
export type TextField = 'any' | 'from' | 'to' | 'cc' | 'subject' | 'body' | 'filename'
export type FlagName = 'unread' | 'read' | 'flagged' | 'answered'

export type QueryNode =
  | { kind: 'text'; field: TextField; text: string }
  | { kind: 'flag'; flag: FlagName }
  | { kind: 'attachment' }
  /** `in:anywhere` is folder null (every folder). */
  | { kind: 'in'; folder: string | null }
  /** Message date (ms since the epoch) below or at/above `at`. */
  | { kind: 'date'; op: 'before' | 'after'; at: number }
  | { kind: 'size'; op: 'larger' | 'smaller'; bytes: number }
  | { kind: 'and'; items: QueryNode[] }
  | { kind: 'or'; items: QueryNode[] }
  | { kind: 'not'; item: QueryNode }

export interface QueryProblem {
  /** The term as typed, e.g. `before:2026/13/45`. */
  term: string
  message: string
}

export interface ParsedQuery {
  /** Null: nothing to search for (empty input, or only punctuation). */
  root: QueryNode | null
  problems: QueryProblem[]
}

/** Longest input considered; the IPC schema refuses longer ones before they get here. */
export const MAX_QUERY_LENGTH = 500
/** Terms beyond this are ignored (each query stays a bounded amount of SQL). */
export const MAX_QUERY_TERMS = 32
/** Parentheses nested deeper are read as if they were not there. */
const MAX_DEPTH = 8

const TEXT_FIELDS: Record<string, TextField> = {
  from: 'from',
  to: 'to',
  cc: 'cc',
  subject: 'subject',
  body: 'body',
  filename: 'filename',
}
const FLAGS: Record<string, FlagName> = {
  unread: 'unread',
  read: 'read',
  flagged: 'flagged',
  starred: 'flagged',
  answered: 'answered',
  replied: 'answered',
}
const OPERATORS = new Set([
  ...Object.keys(TEXT_FIELDS),
  'is',
  'has',
  'in',
  'before',
  'after',
  'older_than',
  'newer_than',
  'larger',
  'smaller',
])
/** The operators the search box offers while typing (autocomplete). */
export const QUERY_OPERATORS: readonly string[] = [...OPERATORS].map((o) => `${o}:`)

type Token =
  | { t: 'open' }
  | { t: 'close' }
  | { t: 'or' }
  | { t: 'neg' }
  | { t: 'term'; name: string | null; value: string; raw: string }

/** Splits the input into terms, parentheses, `-` and `OR`. */
function tokenize(input: string): Token[] {
  const out: Token[] = []
  const s = input.slice(0, MAX_QUERY_LENGTH)
  let i = 0
  while (i < s.length) {
    const c = s[i] as string
    if (/\s/u.test(c)) {
      i++
    } else if (c === '(') {
      out.push({ t: 'open' })
      i++
    } else if (c === ')') {
      out.push({ t: 'close' })
      i++
    } else if (c === '-' && i + 1 < s.length && !/[\s)-]/u.test(s[i + 1] as string)) {
      out.push({ t: 'neg' })
      i++
    } else {
      const start = i
      const op = /^([A-Za-z_]+):/.exec(s.slice(i))
      const name = op ? (op[1] as string).toLowerCase() : null
      if (op) i += op[0].length
      let value: string
      if (s[i] === '"') {
        const end = s.indexOf('"', i + 1)
        value = s.slice(i + 1, end < 0 ? s.length : end)
        i = end < 0 ? s.length : end + 1
      } else {
        const m = /^[^\s()]*/u.exec(s.slice(i))
        value = m ? m[0] : ''
        i += value.length
      }
      const raw = s.slice(start, i)
      if (raw === 'OR' || raw === '|') out.push({ t: 'or' })
      else out.push({ t: 'term', name, value, raw })
    }
  }
  return out
}

/** A date as Gmail takes it: 2026/12/01, 2026-12-01 or 12/01/2026; local midnight of that day. */
export function parseDay(value: string): number | null {
  let y: number, mo: number, d: number
  const ymd = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(value)
  const mdy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value)
  if (ymd) [y, mo, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])]
  else if (mdy) [y, mo, d] = [Number(mdy[3]), Number(mdy[1]), Number(mdy[2])]
  else return null
  const date = new Date(y, mo - 1, d)
  // Rejects 2026/02/30 and 2026/13/01 (Date would roll them over into the next month or year).
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null
  return date.getTime()
}

/** `7d`, `2m`, `1y` before `now`: calendar months and years, as Gmail counts them. */
export function parseAge(value: string, now: number): number | null {
  const m = /^(\d{1,5})([dmy])$/i.exec(value)
  if (!m) return null
  const n = Number(m[1])
  const unit = (m[2] as string).toLowerCase()
  const date = new Date(now)
  if (unit === 'd') date.setDate(date.getDate() - n)
  else if (unit === 'm') date.setMonth(date.getMonth() - n)
  else date.setFullYear(date.getFullYear() - n)
  const at = date.getTime()
  return Number.isFinite(at) ? at : null
}

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }

/** `10K`, `5M`, `1.5MB`, `2000` (bytes). */
export function parseSize(value: string): number | null {
  const m = /^(\d{1,12}(?:\.\d{1,6})?)\s*([kmg]?)b?$/i.exec(value)
  if (!m) return null
  return Math.round(Number(m[1]) * (UNITS[(m[2] as string).toLowerCase()] ?? 1))
}

type Built = QueryNode | QueryProblem | null

/** Letters, digits and combining marks: what FTS5's unicode61 tokenizer keeps inside a token. */
export const WORD = /[\p{L}\p{N}\p{M}]+/gu

/** Text with no word in it (`"!!"`, `-`) looks for nothing: no node. */
const textNode = (field: TextField, text: string): QueryNode | null =>
  text.match(WORD) ? { kind: 'text', field, text } : null

const isProblem = (b: Built): b is QueryProblem => b !== null && 'message' in b

/** One `name:value` term as a node; a bare word (or an unknown operator) as text. */
function termNode(name: string | null, value: string, raw: string, now: number): Built {
  if (name === null || !OPERATORS.has(name)) return textNode('any', raw)
  // A bare `before:` while typing adds nothing yet.
  if (!value.trim()) return null
  const field = TEXT_FIELDS[name]
  if (field) return textNode(field, value)
  const v = value.trim().toLowerCase()
  const bad = (message: string): QueryProblem => ({ term: raw, message })
  switch (name) {
    case 'is': {
      const flag = FLAGS[v]
      return flag ? { kind: 'flag', flag } : bad('is: takes unread, read, flagged, starred or answered')
    }
    case 'has':
      return v === 'attachment' || v === 'attachments' ? { kind: 'attachment' } : bad('has: takes attachment')
    case 'in':
      return { kind: 'in', folder: v === 'anywhere' ? null : value.trim() }
    case 'before':
    case 'after': {
      const at = parseDay(v)
      return at === null ? bad(`${name}: takes a date such as 2026/12/01`) : { kind: 'date', op: name, at }
    }
    case 'older_than':
    case 'newer_than': {
      const at = parseAge(v, now)
      if (at === null) return bad(`${name}: takes an age such as 7d, 2m or 1y`)
      // Both strict, as the words say: exactly 3 days old is neither newer nor older than 3d.
      return name === 'older_than'
        ? { kind: 'date', op: 'before', at }
        : { kind: 'date', op: 'after', at: at + 1 }
    }
    default: {
      const bytes = parseSize(v)
      if (bytes === null) return bad(`${name}: takes a size such as 10K or 5M`)
      return { kind: 'size', op: name === 'larger' ? 'larger' : 'smaller', bytes }
    }
  }
}

const andOf = (items: QueryNode[]): QueryNode | null =>
  items.length === 0 ? null : items.length === 1 ? (items[0] as QueryNode) : { kind: 'and', items }

/**
 * query := seq;  seq := or*;  or := unary ("OR" unary)*;  unary := "-"? atom;
 * atom := "(" seq ")"? | term. Juxtaposed terms are ANDed; OR binds tighter, as in Gmail.
 */
export function parseQuery(input: string, now: number = Date.now()): ParsedQuery {
  const tokens = tokenize(typeof input === 'string' ? input : '')
  const problems: QueryProblem[] = []
  let pos = 0
  let terms = 0

  const atom = (depth: number): QueryNode | null => {
    const tok = tokens[pos++]
    if (!tok) return null
    if (tok.t === 'open') {
      const inner = seq(depth + 1)
      if (tokens[pos]?.t === 'close') pos++
      return inner
    }
    // Where a term is expected, `OR` and `|` are words (`OR` alone, `a OR`).
    if (tok.t === 'or') return textNode('any', 'OR')
    if (tok.t !== 'term') return null
    if (++terms > MAX_QUERY_TERMS) return null
    const built = termNode(tok.name, tok.value, tok.raw, now)
    if (isProblem(built)) {
      problems.push(built)
      return null
    }
    return built
  }
  const unary = (depth: number): QueryNode | null => {
    if (tokens[pos]?.t === 'neg') {
      pos++
      const item = atom(depth)
      return item ? { kind: 'not', item } : null
    }
    return atom(depth)
  }
  const or = (depth: number): QueryNode | null => {
    const items: QueryNode[] = []
    const first = unary(depth)
    if (first) items.push(first)
    while (tokens[pos]?.t === 'or' && pos + 1 < tokens.length && tokens[pos + 1]?.t !== 'close') {
      pos++
      const next = unary(depth)
      if (next) items.push(next)
    }
    return items.length <= 1 ? (items[0] ?? null) : { kind: 'or', items }
  }
  const seq = (depth: number): QueryNode | null => {
    const items: QueryNode[] = []
    while (pos < tokens.length) {
      const tok = tokens[pos] as Token
      if (tok.t === 'close') {
        if (depth > 0) break
        pos++ // a stray `)` at the top level
        continue
      }
      if (tok.t === 'open' && depth >= MAX_DEPTH) {
        pos++
        continue
      }
      const node = or(depth)
      if (node) items.push(node)
    }
    return andOf(items)
  }

  return { root: seq(0), problems }
}
