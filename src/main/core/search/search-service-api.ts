/** What the search service offers the rest of the app (search-service.ts builds it). */
import type {
  OfflineBodiesInfo,
  OfflineBodiesPolicy,
  SearchQueryOptions,
  SearchResult,
} from '../../../shared/model/search'
import type { BodyIndexStats } from './body-indexer'
import type { SearchIndex } from './search-index'

export interface SearchStats extends BodyIndexStats {
  /** Bytes the index takes in the store. */
  indexBytes: number
}

export interface SearchService {
  /** The header index itself: its tests step it by hand. */
  index: SearchIndex
  /** Indexes what is left now, all of it (tests; the app lets the background pass do it). */
  indexNow(): void
  /** Indexes every stored body not indexed yet (tests, bench; the app lets the pass do it). */
  indexBodiesNow(): Promise<void>
  stats(): SearchStats
  /** `now` (tests) is what older_than:/newer_than: count back from. */
  search(query: string, opts?: SearchQueryOptions & { now?: number; commonHits?: number }): SearchResult
  /**
   * The same query on the IMAP servers (UID SEARCH), for mail whose body is not stored: hits are
   * stored rows marked `onServer` (server-search.ts). Without a server port: no hits.
   */
  searchServer(query: string, opts?: SearchQueryOptions & { now?: number }): Promise<SearchResult>
  /** The account's offline body policy and the bytes its stored bodies take (accounts page). */
  offlineBodies(accountId: string): OfflineBodiesInfo
  /**
   * Sets it; the account's engine is woken (`accounts:changed`), so a longer period starts
   * downloading now. A shorter one keeps what is stored (bodies are dropped with their messages).
   */
  setOfflineBodies(accountId: string, policy: OfflineBodiesPolicy): OfflineBodiesInfo
  close(): void
}
