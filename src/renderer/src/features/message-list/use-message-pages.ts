import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { ListView } from '../../../../shared/model/list-view'
import type { MessageSummary } from '../../../../shared/model/mail'
import { errorData } from '../../lib/error-data'
import { call, onMailEvent } from '../../lib/ipc'

/** Rows per listMessages call: a screenful or two, so scrolling far never loads what it skips. */
export const PAGE_SIZE = 100

interface Page {
  items: MessageSummary[]
  /** Generation the page was loaded in; older pages are shown until their reload arrives. */
  generation: number
}

export interface MessagePages {
  /** Messages in the mailbox, or null before the first page answers. */
  total: number | null
  rowAt: (index: number) => MessageSummary | undefined
  /** Loads the pages covering these rows (the visible window) if missing or stale. */
  ensureRange: (first: number, last: number) => void
  /** Re-reads the pages in view now (after an action; main's events also trigger it). */
  refresh: () => void
  /** Applies a change to loaded rows at once, before main confirms (the store is re-read after). */
  patch: (ids: readonly string[], change: (m: MessageSummary) => MessageSummary) => void
  indexOf: (id: string) => number
  error: AppErrorData | null
}

interface Snapshot {
  total: number | null
  pages: ReadonlyMap<number, Page>
  error: AppErrorData | null
}

/** A unified view ("all:inboxes"…) changes with any mailbox; a folder with its own events. */
const concerns = (listId: string, mailboxId: string) => listId === mailboxId || listId.startsWith('all:')

/**
 * A window onto one mailbox's messages, newest first (or as `view` sorts and filters them), loaded
 * page by page as the list scrolls: a 100,000-message mailbox costs only the pages someone looks
 * at. One hook instance serves one mailbox (the caller keys its component by mailbox id), so
 * switching folders starts afresh; another view drops every page and reads the first again.
 */
export function useMessagePages(mailboxId: string, view?: ListView): MessagePages {
  const pages = useRef(new Map<number, Page>())
  const inflight = useRef(new Set<string>())
  const generation = useRef(0)
  const total = useRef<number | null>(null)
  const wanted = useRef<[number, number]>([0, PAGE_SIZE - 1])
  const live = useRef(true)
  const [snap, setSnap] = useState<Snapshot>({ total: null, pages: new Map(), error: null })
  const viewRef = useRef(view)
  const viewKey = JSON.stringify(view ?? null)

  const publish = useCallback((error: AppErrorData | null = null) => {
    if (live.current) setSnap({ total: total.current, pages: new Map(pages.current), error })
  }, [])

  const load = useCallback(
    (page: number) => {
      const gen = generation.current
      const key = `${gen}:${page}`
      if (inflight.current.has(key)) return
      inflight.current.add(key)
      const range = { offset: page * PAGE_SIZE, limit: PAGE_SIZE }
      const v = viewRef.current
      ;(v ? call('listMessages', mailboxId, range, v) : call('listMessages', mailboxId, range)).then(
        (result) => {
          inflight.current.delete(key)
          if (generation.current !== gen) return
          total.current = result.total
          pages.current.set(page, { items: result.items, generation: gen })
          // Pages beyond a shrunken mailbox would show rows that no longer exist.
          for (const p of pages.current.keys()) if (p * PAGE_SIZE >= result.total) pages.current.delete(p)
          publish()
        },
        (err: unknown) => {
          inflight.current.delete(key)
          publish(errorData(err))
        },
      )
    },
    [mailboxId, publish],
  )

  const ensureRange = useCallback(
    (first: number, last: number) => {
      wanted.current = [first, last]
      const lastPage = Math.floor(Math.max(0, first, last) / PAGE_SIZE)
      for (let p = Math.floor(Math.max(0, first) / PAGE_SIZE); p <= lastPage; p++) {
        if (pages.current.get(p)?.generation !== generation.current) load(p)
      }
    },
    [load],
  )

  const refresh = useCallback(() => {
    generation.current++
    ensureRange(...wanted.current)
  }, [ensureRange])

  useEffect(() => {
    live.current = true
    ensureRange(...wanted.current)
    const off = onMailEvent('mailbox:changed', (e) => {
      if (concerns(mailboxId, e.mailboxId)) refresh()
    })
    return () => {
      live.current = false
      off()
    }
  }, [mailboxId, ensureRange, refresh])

  // Another sort or filter: the rows of the old order mean nothing; start from the top.
  const shownView = useRef(viewKey)
  useEffect(() => {
    if (shownView.current === viewKey) return
    shownView.current = viewKey
    viewRef.current = view
    generation.current++
    pages.current.clear()
    total.current = null
    wanted.current = [0, PAGE_SIZE - 1]
    publish()
    ensureRange(...wanted.current)
  }, [viewKey, view, publish, ensureRange])

  const patch = useCallback(
    (ids: readonly string[], change: (m: MessageSummary) => MessageSummary) => {
      const set = new Set(ids)
      for (const page of pages.current.values()) {
        page.items = page.items.map((m) => (set.has(m.id) ? change(m) : m))
      }
      publish()
    },
    [publish],
  )

  return useMemo(() => {
    const rowAt = (index: number) => snap.pages.get(Math.floor(index / PAGE_SIZE))?.items[index % PAGE_SIZE]
    const indexOf = (id: string) => {
      for (const [p, page] of snap.pages) {
        const i = page.items.findIndex((m) => m.id === id)
        if (i !== -1) return p * PAGE_SIZE + i
      }
      return -1
    }
    return { total: snap.total, rowAt, ensureRange, refresh, patch, indexOf, error: snap.error }
  }, [snap, ensureRange, refresh, patch])
}
