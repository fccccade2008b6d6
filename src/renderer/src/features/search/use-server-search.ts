import { useCallback, useEffect, useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { SearchHit, SearchResult } from '../../../../shared/model/search'
import { errorData } from '../../lib/error-data'
import { call } from '../../lib/ipc'
import type { SearchState } from './use-search'

export type ServerSearchState =
  | { state: 'idle' }
  | { state: 'searching' }
  | { state: 'ready'; result: SearchResult }
  | { state: 'failed'; error: AppErrorData }

/**
 * The server's own search for the current query (issue 17 item 4): run by the "Search on server"
 * button, and by itself when main says the local answer may be incomplete (words searched while
 * some server mail has no stored body). One answer per query; a newer query drops an older answer.
 */
export function useServerSearch(search: SearchState): { server: ServerSearchState; run: () => void } {
  const query = search.state === 'idle' ? '' : search.query
  // `n` counts the button's presses for this query: pressing it again asks again.
  const [pressed, setPressed] = useState<{ query: string; n: number } | null>(null)
  const [answer, setAnswer] = useState<{ key: string; state: ServerSearchState } | null>(null)
  const incomplete = search.state === 'ready' && search.result.incomplete === true
  const n = pressed?.query === query ? pressed.n : incomplete ? 0 : null
  const key = query && n !== null ? `${n}:${query}` : null

  const run = useCallback(() => {
    if (query) setPressed((p) => ({ query, n: (p?.query === query ? p.n : 0) + 1 }))
  }, [query])

  useEffect(() => {
    if (key === null) return
    let current = true
    call('searchServer', query, {}).then(
      (result) => current && setAnswer({ key, state: { state: 'ready', result } }),
      (err: unknown) => current && setAnswer({ key, state: { state: 'failed', error: errorData(err) } }),
    )
    return () => {
      current = false
    }
  }, [key, query])

  if (key === null) return { server: { state: 'idle' }, run }
  return { server: answer?.key === key ? answer.state : { state: 'searching' }, run }
}

/**
 * The local hits and the server's, newest first: a message found by both is shown once, as the
 * local hit; one only the server found keeps its `onServer` mark.
 */
export function mergeServerHits(local: SearchHit[], server: SearchHit[]): SearchHit[] {
  const seen = new Set(local.map((h) => h.id))
  const extra = server.filter((h) => !seen.has(h.id))
  if (extra.length === 0) return local
  const plain = local.map((h) => (h.onServer ? { ...h, onServer: false } : h))
  return [...plain, ...extra].sort((a, b) => b.date - a.date)
}
