/**
 * Which messages of a list are selected. "All" is kept as "all but these", so selecting a
 * 100,000-message folder stores nothing per message: the ids are asked of main only when an
 * action runs (listMessageIds).
 */
export type Selection =
  { mode: 'ids'; ids: ReadonlySet<string> } | { mode: 'all'; except: ReadonlySet<string> }

export const NO_SELECTION: Selection = { mode: 'ids', ids: new Set() }
export const ALL_SELECTED: Selection = { mode: 'all', except: new Set() }

export function isSelected(sel: Selection, id: string): boolean {
  return sel.mode === 'ids' ? sel.ids.has(id) : !sel.except.has(id)
}

/** How many are selected in a list of `total` messages. */
export function selectedCount(sel: Selection, total: number): number {
  return sel.mode === 'ids' ? sel.ids.size : Math.max(0, total - sel.except.size)
}

function flip(set: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(set)
  if (!next.delete(id)) next.add(id)
  return next
}

/** Ctrl/Cmd-click: in or out of the selection. */
export function toggled(sel: Selection, id: string): Selection {
  return sel.mode === 'ids'
    ? { mode: 'ids', ids: flip(sel.ids, id) }
    : { mode: 'all', except: flip(sel.except, id) }
}

/** Shift-click, Shift+arrows: exactly the range; with Ctrl/Cmd as well, the range added. */
export function withRange(sel: Selection, range: readonly string[], add: boolean): Selection {
  if (!add) return { mode: 'ids', ids: new Set(range) }
  if (sel.mode === 'ids') return { mode: 'ids', ids: new Set([...sel.ids, ...range]) }
  const except = new Set(sel.except)
  range.forEach((id) => except.delete(id))
  return { mode: 'all', except }
}

/** The selected ids, given every id of the list in order (asked of main for "all"). */
export function resolveIds(sel: Selection, allIds: readonly string[]): string[] {
  return sel.mode === 'ids'
    ? allIds.filter((id) => sel.ids.has(id))
    : allIds.filter((id) => !sel.except.has(id))
}
