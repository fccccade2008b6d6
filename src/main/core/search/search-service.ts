import type { SearchQueryOptions, SearchResult } from '../../../shared/model/search'
import type { EventBus } from '../events'
import { createBackgroundPass } from '../mail/background-pass'
import type { Db } from '../store/database'
import type { TaskHealth } from '../store/storage-health'
import { createBodyIndexer } from './body-indexer'
import { createSearchIndex, type SearchIndex } from './search-index'
import type { SearchService, SearchStats } from './search-service-api'
import type { ServerSearchPort } from '../mail/server-search-port'
import { parseQuery } from './query-parse'
import { createServerSearch } from './server-search'
import { offlineBodiesInfo, setOfflinePolicy } from '../store/offline-policy'

/**
 * How often the body pass looks for bodies stored since (opened, prefetched, downloaded): the
 * reader and the prefetch store sources without an event; a look when all is indexed counts two
 * indexes (a few ms per 100,000 bodies).
 */
const BODY_POLL_MS = 5_000
/**
 * Bodies per step of the body pass: parsed one by one (the event loop turns during each parse),
 * then written in one transaction of a few ms (body-indexer.ts says why one, not one per body).
 */
export const BODY_BATCH = 64

/** Rows indexed per step: one short transaction (a few ms), then the event loop turns. */
export const INDEX_BATCH = 1000
/**
 * Indexing starts once no mailbox changed and no sync reported progress for this long (a sync's
 * burst of inserts is over: a 5,000-header batch of a big first sync takes about a second), or at
 * the latest this long after the first change: a long first sync is not slowed by the index
 * (about 10 ms of CPU per 1,000 rows), and searches meanwhile index one batch themselves.
 */
const INDEX_QUIET_MS = 3000
const INDEX_MAX_WAIT_MS = 60_000
export const DEFAULT_SEARCH_LIMIT = 200

export interface SearchServiceDeps {
  /** The store, after the mail feature migrated it (the index's trigger names its tables). */
  db: Db
  events: EventBus
  /** Rows per indexing step (tests make it small to see several steps). */
  batch?: number
  quietMs?: number
  /** Hears when indexing stops on a failed store; indexing resumes when it works again. */
  health?: TaskHealth
  /** The IMAP engines' own SEARCH (mail.serverSearch); without it the search is local only. */
  server?: ServerSearchPort
}

/**
 * Local search over the mail store. The index follows the store in the background: every
 * `mailbox:changed` (the sync, POP3 and local inserts all emit it) schedules a pass that indexes
 * the new rows in small batches, so neither the sync nor the UI waits for it.
 */
export function createSearchService(deps: SearchServiceDeps): SearchService {
  const index: SearchIndex = createSearchIndex(deps.db)
  const batch = deps.batch ?? INDEX_BATCH
  const pass = createBackgroundPass(
    'search index',
    () => index.step(batch) === batch,
    deps.quietMs ?? INDEX_QUIET_MS,
    deps.quietMs === undefined ? INDEX_MAX_WAIT_MS : undefined,
    (err) => {
      if (!deps.health?.report('search-index', err)) console.warn('[search] indexing stopped', err)
    },
  )
  const bodies = createBodyIndexer(deps.db)
  const server = deps.server ? createServerSearch(deps.db, deps.server) : null
  let bodyRun: Promise<void> | null = null
  let bodyAgain = false
  let closed = false
  /**
   * Indexes stored bodies a few at a time (each parse awaits mailparser, so IPC and the sync run
   * in between); one run at a time, and a request during a run makes it go round once more.
   */
  const indexBodies = (): Promise<void> => {
    if (bodyRun) {
      bodyAgain = true
      return bodyRun
    }
    bodyRun = (async () => {
      try {
        do {
          bodyAgain = false
          while (!closed && (await bodies.step(BODY_BATCH)).count > 0) {
            await new Promise((resolve) => setImmediate(resolve))
          }
        } while (bodyAgain && !closed)
      } catch (err) {
        if (!deps.health?.report('search-index', err)) console.warn('[search] body indexing stopped', err)
      } finally {
        bodyRun = null
      }
    })()
    return bodyRun
  }
  const schedule = () => pass.schedule()
  const offChanged = deps.events.on('mailbox:changed', schedule)
  const offProgress = deps.events.on('sync:progress', schedule)
  const offRecovered = deps.health?.onRecovered(schedule)
  const bodyTimer = setInterval(() => {
    if (bodies.stats().pending > 0) void indexBodies()
  }, deps.quietMs ?? BODY_POLL_MS)
  bodyTimer.unref()
  // Rows stored while the app was closed (or before search existed) are indexed at start-up.
  pass.schedule()
  return {
    index,
    /** Indexes what is left now, all of it (tests; the app lets the background pass do it). */
    indexNow(): void {
      while (index.step(batch) > 0);
    },
    /** Indexes every stored body not indexed yet (tests, bench; the app lets the pass do it). */
    async indexBodiesNow(): Promise<void> {
      while (index.step(batch) > 0);
      await indexBodies()
      // A run that was under way when this was called may have missed the newest rows.
      await indexBodies()
    },
    stats(): SearchStats {
      return { ...bodies.stats(), indexBytes: index.sizeBytes() }
    },
    /** `now` (tests) is what older_than:/newer_than: count back from. */
    search(
      query: string,
      opts: SearchQueryOptions & { now?: number; commonHits?: number } = {},
    ): SearchResult {
      // One batch (a few ms) first: mail that just arrived is found before the pass runs.
      if (!index.upToDate()) index.step(batch)
      const result = index.search(query, {
        accountId: opts.accountId,
        limit: opts.limit ?? DEFAULT_SEARCH_LIMIT,
        now: opts.now,
        commonHits: opts.commonHits,
      })
      if (server?.incomplete(parseQuery(query, opts.now).root, opts.accountId)) result.incomplete = true
      return result
    },
    async searchServer(query, opts = {}): Promise<SearchResult> {
      if (!server) return { items: [], truncated: false, indexing: false }
      return server.search(query, {
        accountId: opts.accountId,
        limit: opts.limit ?? DEFAULT_SEARCH_LIMIT,
        now: opts.now,
      })
    },
    offlineBodies: (accountId) => offlineBodiesInfo(deps.db, accountId),
    setOfflineBodies(accountId, policy) {
      setOfflinePolicy(deps.db, accountId, policy)
      deps.events.emit('accounts:changed', { accountId })
      return offlineBodiesInfo(deps.db, accountId)
    },
    close(): void {
      offChanged()
      offProgress()
      offRecovered?.()
      closed = true
      clearInterval(bodyTimer)
      pass.stop()
    },
  }
}
