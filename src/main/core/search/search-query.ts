/**
 * Turns what a person types in the search box into an FTS5 MATCH expression.
 *
 * Written by hand because the grammar is ours (a few `from:`-style filters over three columns),
 * and it has to be total: any input, including FTS5 syntax such as `"`, `*`, `NEAR`, `AND`, `:`,
 * `^` or parentheses, yields a valid expression or null, never an FTS syntax error. The trick is
 * that nothing from the input reaches FTS5 outside a double-quoted string, and those strings hold
 * only letters, digits and marks (split exactly where the unicode61 tokenizer splits), so no `"`
 * can end one early.
 */

/** Index columns the person can name, by the word they type before a colon. */
const FILTERS: Record<string, string> = {
  from: 'sender',
  to: 'recipients',
  cc: 'recipients',
  subject: 'subject',
}

/** More terms than this are ignored: each one only narrows the result. */
export const MAX_TERMS = 12
/** Words kept per term (a pasted paragraph must not become a huge phrase). */
const MAX_WORDS_PER_TERM = 16
/** Longest input considered; the IPC schema refuses longer ones before they get here. */
export const MAX_QUERY_LENGTH = 500

/** Letters, digits and combining marks: what unicode61 keeps inside a token. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu

/**
 * A term is an optional filter (`from:`) followed by a "quoted phrase" (the closing quote may be
 * missing while typing) or a run of non-space characters (empty: a bare `from:` adds nothing).
 */
const TERM = /(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S*))/g

/**
 * Every term must match (AND). Each becomes an FTS5 phrase of its words whose last word is a
 * prefix, so "ali" finds Alice, and "alice@exa" finds alice@example.com (the address's words in a
 * row). Returns null when the input has no word to look for.
 */
export function buildMatchQuery(input: string): string | null {
  const parts: string[] = []
  for (const m of input.slice(0, MAX_QUERY_LENGTH).matchAll(TERM)) {
    if (parts.length >= MAX_TERMS) break
    const [whole, name, quoted, bare] = m
    const column = name ? FILTERS[name.toLowerCase()] : undefined
    // "re:" or "http:" is not a filter: the whole term is searched as words.
    let text = quoted ?? bare ?? ''
    if (name && !column) text = whole
    const words = (text.match(WORD) ?? []).slice(0, MAX_WORDS_PER_TERM)
    if (words.length === 0) continue
    const phrase = `"${words.join(' ')}"*`
    parts.push(column ? `${column} : ${phrase}` : phrase)
  }
  return parts.length === 0 ? null : parts.join(' AND ')
}
