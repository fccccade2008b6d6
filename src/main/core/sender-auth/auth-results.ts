/**
 * A reader of the Authentication-Results header field (RFC 8601 §2.2). Written by hand: mailauth
 * writes these fields but exports no reader, and the grammar is small. Comments (CFWS) are set
 * aside as the method's `comment` (servers put the reason there: "(body hash did not verify)").
 */

export interface AuthResultEntry {
  /** Lower case (RFC 8601 §2.7: method names are case-insensitive). */
  method: string
  /** Lower case result word ("pass", "fail", "softfail", …). */
  result: string
  reason: string | null
  /** Comments inside this result, joined; servers explain failures there. */
  comment: string | null
  /** `ptype.property` (lower case) → value: "header.d", "smtp.mailfrom", "header.from". */
  props: Record<string, string>
}

export interface AuthResults {
  /** The authserv-id: who made these results (RFC 8601 §2.5); lower case. */
  authservId: string
  results: AuthResultEntry[]
}

type Token = { t: 'word' | 'quoted'; v: string } | { t: ';' | '=' }

/** Splits the value into words, quoted strings, ';' and '=', collecting comments per segment. */
function tokenize(value: string): { tokens: Token[]; comments: Map<number, string[]> } {
  const tokens: Token[] = []
  const comments = new Map<number, string[]>()
  let segment = 0
  let i = 0
  while (i < value.length) {
    const c = value[i]!
    if (/\s/.test(c)) {
      i++
    } else if (c === '(') {
      // Nested comments with quoted pairs (RFC 5322 §3.2.2).
      let depth = 0
      let text = ''
      for (; i < value.length; i++) {
        const d = value[i]!
        if (d === '\\') {
          text += value[++i] ?? ''
          continue
        }
        if (d === '(') depth++
        else if (d === ')') depth--
        if (depth === 0) break
        if (depth > 1 || d !== '(') text += d
      }
      i++
      const list = comments.get(segment) ?? []
      list.push(text.trim())
      comments.set(segment, list)
    } else if (c === '"') {
      let text = ''
      for (i++; i < value.length && value[i] !== '"'; i++) {
        if (value[i] === '\\') i++
        text += value[i] ?? ''
      }
      i++
      tokens.push({ t: 'quoted', v: text })
    } else if (c === ';' || c === '=') {
      tokens.push({ t: c })
      if (c === ';') segment++
      i++
    } else {
      let word = ''
      while (i < value.length && !/[\s;=()"]/.test(value[i]!)) word += value[i++]
      tokens.push({ t: 'word', v: word })
    }
  }
  return { tokens, comments }
}

const text = (tok: Token | undefined): string | null =>
  tok && (tok.t === 'word' || tok.t === 'quoted') ? tok.v : null

/** Reads one Authentication-Results value; null when it has no authserv-id. */
export function parseAuthResults(value: string): AuthResults | null {
  const { tokens, comments } = tokenize(value.replace(/\r?\n/g, ' '))
  const segments: Token[][] = [[]]
  for (const tok of tokens) {
    if (tok.t === ';') segments.push([])
    else segments[segments.length - 1]!.push(tok)
  }
  const authservId = text(segments[0]![0])
  if (!authservId) return null
  const results: AuthResultEntry[] = []
  segments.slice(1).forEach((seg, n) => {
    // methodspec: method[/version] = result (RFC 8601 §2.2); "none" alone means no results.
    const method = text(seg[0])
    const result = seg[1]?.t === '=' ? text(seg[2]) : null
    if (!method || !result) return
    const entry: AuthResultEntry = {
      method: method.split('/')[0]!.toLowerCase(),
      result: result.toLowerCase(),
      reason: null,
      comment: comments.get(n + 1)?.join('; ') || null,
      props: {},
    }
    for (let k = 3; k + 2 < seg.length; k += 3) {
      const key = text(seg[k])
      const value = seg[k + 1]?.t === '=' ? text(seg[k + 2]) : null
      if (!key || value === null) break
      if (key.toLowerCase() === 'reason') entry.reason = value
      else entry.props[key.toLowerCase()] = value
    }
    results.push(entry)
  })
  return { authservId: authservId.toLowerCase(), results }
}
