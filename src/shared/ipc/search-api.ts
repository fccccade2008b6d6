import type {
  OfflineBodiesInfo,
  OfflineBodiesPolicy,
  SearchQueryOptions,
  SearchResult,
} from '../model/search'
import { methodList } from './method-list'

/** Local search over every stored message (subject, sender, recipients), newest first. */
export interface SearchApi {
  /**
   * Every word must match the start of a word (`inv` finds "invoice"); `from:`, `to:`, `cc:` and
   * `subject:` narrow a word to one field; "quoted words" must follow each other.
   */
  searchMessages(query: string, options: SearchQueryOptions): Promise<SearchResult>
  /**
   * The same query run by the IMAP servers (UID SEARCH) over every server folder (or the `in:`
   * ones): finds mail whose body is not stored yet. Hits are stored messages marked `onServer`;
   * POP3 accounts are not searched (their mail is all local).
   */
  searchServer(query: string, options: SearchQueryOptions): Promise<SearchResult>
  /** Which bodies the account keeps offline (last N days or all), and what they take on disk. */
  getOfflineBodies(accountId: string): Promise<OfflineBodiesInfo>
  /** Sets it (ACCOUNT_NOT_FOUND for an unknown account); a longer period downloads at once. */
  setOfflineBodies(accountId: string, policy: OfflineBodiesPolicy): Promise<OfflineBodiesInfo>
}

export const SEARCH_METHODS = methodList<SearchApi>()([
  'searchMessages',
  'searchServer',
  'getOfflineBodies',
  'setOfflineBodies',
])
