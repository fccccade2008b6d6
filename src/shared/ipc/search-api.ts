import type { SearchQueryOptions, SearchResult } from '../model/search'
import { methodList } from './method-list'

/** Local search over every stored message (subject, sender, recipients), newest first. */
export interface SearchApi {
  /**
   * Every word must match the start of a word (`inv` finds "invoice"); `from:`, `to:`, `cc:` and
   * `subject:` narrow a word to one field; "quoted words" must follow each other.
   */
  searchMessages(query: string, options: SearchQueryOptions): Promise<SearchResult>
}

export const SEARCH_METHODS = methodList<SearchApi>()(['searchMessages'])
