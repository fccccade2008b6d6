import { useEffect, useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { SearchResult } from '../../../../shared/model/search'
import { errorData } from '../../lib/error-data'
import { call, onMailEvent } from '../../lib/ipc'

/** Typing pauses this long before a search runs (as-you-type without a query per keystroke). */
export const SEARCH_DEBOUNCE_MS = 200

export type SearchState =
  | { state: 'idle' }
  | { state: 'searching'; query: string; last: SearchResult | null }
  | { state: 'ready'; query: string; result: SearchResult }
  | { state: 'failed'; query: string; error: AppErrorData }

/**
 * Runs the search for `query` (trimmed; empty: idle) after a short pause in typing, and again when
 * stored mail changes (new mail, moves, deletes), so the results stay true. An answer for an
 * older query never replaces a newer one.
 */
export function useSearch(query: string): SearchState {
  const q = query.trim()
  // The latest answer, for whichever query it was; what is shown is derived from it.
  const [answer, setAnswer] = useState<
    { query: string; result: SearchResult } | { query: string; error: AppErrorData } | null
  >(null)
  const [generation, setGeneration] = useState(0)

  useEffect(() => {
    if (!q) return
    return onMailEvent('mailbox:changed', () => setGeneration((g) => g + 1))
  }, [q])

  useEffect(() => {
    if (!q) return
    let current = true
    const timer = setTimeout(() => {
      call('searchMessages', q, {}).then(
        (result) => current && setAnswer({ query: q, result }),
        (err: unknown) => current && setAnswer({ query: q, error: errorData(err) }),
      )
    }, SEARCH_DEBOUNCE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [q, generation])

  if (!q) return { state: 'idle' }
  if (answer?.query === q) {
    return 'result' in answer
      ? { state: 'ready', query: q, result: answer.result }
      : { state: 'failed', query: q, error: answer.error }
  }
  return { state: 'searching', query: q, last: answer && 'result' in answer ? answer.result : null }
}
