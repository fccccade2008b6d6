import { parseQuery, WORD, type QueryNode, type TextField } from './query-parse'

/**
 * Text terms of a parsed query as FTS5 MATCH expressions.
 *
 * Total by construction: nothing from the input reaches FTS5 outside a double-quoted string, and
 * those strings hold only letters, digits and marks (split exactly where the unicode61 tokenizer
 * splits), so no `"` can end one early and FTS5 syntax typed by a person (`NEAR`, `*`, `^`, `:`)
 * is only ever words.
 */

export { MAX_QUERY_LENGTH } from './query-parse'

/** Text terms beyond this are ignored by buildMatchQuery: each one only narrows the result. */
export const MAX_TERMS = 12
/** Words kept per term (a pasted paragraph must not become a huge phrase). */
const MAX_WORDS_PER_TERM = 16

/** The index column a field searches (null: every column). to: and cc: share `recipients`. */
const COLUMNS: Record<TextField, string | null> = {
  any: null,
  from: 'sender',
  to: 'recipients',
  cc: 'recipients',
  subject: 'subject',
  body: 'body',
  filename: 'filenames',
}

/**
 * One term as an FTS5 phrase of its words whose last word is a prefix, so "ali" finds Alice and
 * "alice@exa" finds alice@example.com (the address's words in a row). Null: no word in it.
 */
export function matchTerm(field: TextField, text: string): string | null {
  const words = (text.match(WORD) ?? []).slice(0, MAX_WORDS_PER_TERM)
  if (words.length === 0) return null
  const phrase = `"${words.join(' ')}"*`
  const column = COLUMNS[field]
  return column ? `${column} : ${phrase}` : phrase
}

/**
 * A top-level item the index answers alone: a text term, or an OR of text terms
 * (`release OR backup` is one MATCH `("release"* OR "backup"*)`, read from the index, rather than
 * two hit lists built and tested row by row). Null: not text only, or a term without words.
 */
export function textMatch(n: QueryNode): string | null {
  if (n.kind === 'text') return matchTerm(n.field, n.text)
  if (n.kind !== 'or' || !n.items.every((i) => i.kind === 'text')) return null
  const parts = n.items.map((i) => (i.kind === 'text' ? matchTerm(i.field, i.text) : null))
  // A term without words matches everything (query-sql.ts), so the OR does: not a MATCH.
  if (parts.some((p) => p === null)) return null
  return `(${parts.join(' OR ')})`
}

/** The text terms that every hit must match (the top-level AND), as one MATCH expression. */
export function requiredMatch(root: QueryNode | null, max = Infinity): string | null {
  const items = root === null ? [] : root.kind === 'and' ? root.items : [root]
  const parts: string[] = []
  for (const n of items) {
    if (parts.length >= max) break
    const m = textMatch(n)
    if (m) parts.push(m)
  }
  return parts.length === 0 ? null : parts.join(' AND ')
}

/** The words and field filters of a typed query as one MATCH expression (operators left out). */
export function buildMatchQuery(input: string): string | null {
  return requiredMatch(parseQuery(input).root, MAX_TERMS)
}
