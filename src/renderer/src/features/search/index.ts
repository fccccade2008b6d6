/** The search feature: the field, the query's state and the list of results (the reader hosts them). */
export { SearchField } from './SearchField'
export { RESULTS_DOM_ID, SearchResultList } from './SearchResultList'
export { useSearch, type SearchState } from './use-search'
export { ServerSearchBar } from './ServerSearchBar'
export { mergeServerHits, useServerSearch, type ServerSearchState } from './use-server-search'
