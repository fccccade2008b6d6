import {
  DEFAULT_LIST_VIEW,
  LIST_FILTERS,
  LIST_SORT_KEYS,
  type ListFilter,
  type ListView,
} from '../../../../shared/model/list-view'

/**
 * Each folder's sort and quick filters, kept on this computer (localStorage: a preference of
 * the screen, not mail; nothing secret). What was stored by another version or edited by hand is
 * checked, and anything unknown falls back to the default.
 */
const KEY_PREFIX = 'mailroom.list-view.'

export function isDefaultView(v: ListView): boolean {
  return v.sort === 'date' && v.descending && v.filters.length === 0
}

export function readListView(listId: string): ListView {
  try {
    const raw: unknown = JSON.parse(window.localStorage.getItem(KEY_PREFIX + listId) ?? 'null')
    if (!raw || typeof raw !== 'object') return DEFAULT_LIST_VIEW
    const { sort, descending, filters } = raw as Record<string, unknown>
    if (!LIST_SORT_KEYS.includes(sort as ListView['sort']) || typeof descending !== 'boolean')
      return DEFAULT_LIST_VIEW
    const known = Array.isArray(filters) ? LIST_FILTERS.filter((f) => (filters as unknown[]).includes(f)) : []
    return { sort: sort as ListView['sort'], descending, filters: known }
  } catch {
    return DEFAULT_LIST_VIEW
  }
}

export function writeListView(listId: string, view: ListView): void {
  try {
    if (isDefaultView(view)) window.localStorage.removeItem(KEY_PREFIX + listId)
    else window.localStorage.setItem(KEY_PREFIX + listId, JSON.stringify(view))
  } catch {
    // Storage full or disabled: the choice lasts for this session only.
  }
}

export function toggledFilter(view: ListView, filter: ListFilter): ListView {
  const on = view.filters.includes(filter)
  const filters = on ? view.filters.filter((f) => f !== filter) : [...view.filters, filter]
  return { ...view, filters: LIST_FILTERS.filter((f) => filters.includes(f)) }
}
