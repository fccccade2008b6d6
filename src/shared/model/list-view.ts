/**
 * How a message list is ordered and narrowed (issue 15 item 8). Chosen per folder in the renderer
 * and passed with every page request, so main serves each page from an index in that order.
 */

export const LIST_SORT_KEYS = ['date', 'from', 'subject', 'size'] as const
export type ListSortKey = (typeof LIST_SORT_KEYS)[number]

/** Quick filters; several at once narrow further (all must hold). */
export const LIST_FILTERS = ['unread', 'flagged', 'attachments', 'contacts'] as const
export type ListFilter = (typeof LIST_FILTERS)[number]

export interface ListView {
  sort: ListSortKey
  /** Newest, Z or largest first. */
  descending: boolean
  filters: ListFilter[]
}

/** What a folder shows until the person chooses: newest first, nothing filtered. */
export const DEFAULT_LIST_VIEW: ListView = { sort: 'date', descending: true, filters: [] }

/** The direction each key starts in when chosen: dates and sizes from the top, names from A. */
export const NATURAL_DESCENDING: Readonly<Record<ListSortKey, boolean>> = {
  date: true,
  from: false,
  subject: false,
  size: true,
}

/** Views across every account, at the top of the folder tree (issue 15 item 7). */
export const UNIFIED_VIEWS = ['inboxes', 'unread', 'flagged'] as const
export type UnifiedView = (typeof UNIFIED_VIEWS)[number]

/**
 * The list id of a unified view, accepted wherever a mailbox id lists messages (listMessages,
 * listMessageIds): "all:inboxes". Mailbox ids are digits, so the two never meet.
 */
export const unifiedListId = (view: UnifiedView): string => `all:${view}`

export function unifiedViewOf(listId: string): UnifiedView | null {
  const kind = listId.startsWith('all:') ? listId.slice(4) : ''
  return (UNIFIED_VIEWS as readonly string[]).includes(kind) ? (kind as UnifiedView) : null
}
