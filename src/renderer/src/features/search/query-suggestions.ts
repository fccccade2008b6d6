import { SEARCH_OPERATORS } from '../../../../shared/model/search'

/** Suggestions shown at most. */
export const MAX_SUGGESTIONS = 8

export interface Suggestion {
  /** What the list shows (the completed word). */
  label: string
  /** The whole query with the word being typed completed. */
  query: string
}

const quoted = (name: string) => (/[\s()"]/.test(name) ? `"${name.replace(/"/g, '')}"` : name)

/**
 * Completions of the word being typed (the query's last word): operators by their start
 * (`ha` → `has:attachment`, `-is:u` → `-is:unread`), and after `in:` the folders by name. Nothing
 * once the word is complete, or when the query ends in a space (a new word has not begun).
 */
export function querySuggestions(query: string, folders: readonly string[]): Suggestion[] {
  const m = /(^|\s)(-?)([^\s"]*)$/.exec(query)
  if (!m) return []
  const [, , neg = '', word = ''] = m
  // One letter is the start of too many words to interrupt with operators.
  if (word.length < 2) return []
  const head = query.slice(0, query.length - neg.length - word.length)
  const lower = word.toLowerCase()
  let labels: string[]
  if (lower.startsWith('in:')) {
    const typed = lower.slice(3)
    labels = [...new Set(folders)]
      .filter((f) => f.toLowerCase().startsWith(typed) && f.toLowerCase() !== typed)
      .map((f) => `in:${quoted(f)}`)
  } else {
    labels = SEARCH_OPERATORS.filter((op) => op.startsWith(lower) && op !== lower)
  }
  return labels.slice(0, MAX_SUGGESTIONS).map((label) => ({
    label: `${neg}${label}`,
    query: `${head}${neg}${label}${label.endsWith(':') ? '' : ' '}`,
  }))
}
