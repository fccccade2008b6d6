import { useState, type KeyboardEvent, type MouseEvent } from 'react'
import {
  ALL_SELECTED,
  isSelected,
  NO_SELECTION,
  resolveIds,
  selectedCount,
  toggled,
  withRange,
  type Selection,
} from './selection'

/** What a list gives the selection: its size and ids, by index or for a whole range. */
export interface SelectionSource {
  total: number
  /** The id at an index when that row is loaded. */
  idAt: (index: number) => string | undefined
  /** Every id from `first` to `last` (inclusive), in order (loaded or asked of main). */
  idsBetween: (first: number, last: number) => Promise<string[]>
}

/** The modifier that adds to a selection: Ctrl, or Cmd on macOS. */
const adds = (e: { ctrlKey: boolean; metaKey: boolean }) => e.ctrlKey || e.metaKey

/**
 * Selecting messages in a list, as desktop mail clients do: click selects one (and opens it),
 * Ctrl/Cmd-click toggles, Shift-click and Shift+arrows select the range from the anchor,
 * Ctrl/Cmd+A selects all, Escape clears. Selection is by message id, so a re-read list keeps it.
 */
export function useSelection(source: SelectionSource) {
  const [selection, setSelection] = useState<Selection>(NO_SELECTION)
  // Where a Shift range starts: the last row clicked or toggled without Shift.
  const [anchor, setAnchor] = useState(-1)
  const count = selectedCount(selection, source.total)

  const selectRange = (from: number, to: number, add: boolean) => {
    const [first, last] = from <= to ? [from, to] : [to, from]
    void source
      .idsBetween(Math.max(0, first), last)
      .then((ids) => setSelection((s) => withRange(s, ids, add)))
  }

  return {
    selection,
    count,
    /** Several messages (or an explicit one) are selected: the reading pane shows the bulk actions. */
    active: count > 0,
    isSelected: (id: string) => isSelected(selection, id),
    clear: () => setSelection(NO_SELECTION),
    /** The selected ids, in the list's order. */
    ids: async (): Promise<string[]> =>
      selection.mode === 'ids'
        ? [...selection.ids]
        : resolveIds(selection, await source.idsBetween(0, source.total - 1)),
    /**
     * A click on a row: true when the selection took it (a modifier), false for a plain click,
     * which clears the selection and leaves opening the row to the list. `current` is the row
     * the keyboard is on (a Ctrl-click adds to it, as in other clients).
     */
    click: (index: number, e: MouseEvent, current: number): boolean => {
      const id = source.idAt(index)
      if (id === undefined) return true
      if (e.shiftKey) {
        selectRange(anchor >= 0 ? anchor : Math.max(0, current), index, adds(e))
        return true
      }
      setAnchor(index)
      if (adds(e)) {
        const currentId =
          selection.mode === 'ids' && selection.ids.size === 0 ? source.idAt(current) : undefined
        setSelection((s) => toggled(currentId && currentId !== id ? toggled(s, currentId) : s, id))
        return true
      }
      setSelection(NO_SELECTION)
      return false
    },
    /**
     * Selection keys on the focused list: Shift+arrows (with the new cursor from the list),
     * Ctrl/Cmd+A, Escape. True when the key was the selection's.
     */
    key: (e: KeyboardEvent, cursor: number, moveTo: number | undefined): boolean => {
      if (adds(e) && !e.altKey && e.key.toLowerCase() === 'a') {
        setSelection(ALL_SELECTED)
        return true
      }
      if (e.key === 'Escape' && count > 0) {
        setSelection(NO_SELECTION)
        return true
      }
      if (e.shiftKey && moveTo !== undefined && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        const from = anchor >= 0 ? anchor : Math.max(0, cursor)
        if (anchor < 0) setAnchor(from)
        selectRange(from, moveTo, false)
        return true
      }
      return false
    },
  }
}

export type ListSelection = ReturnType<typeof useSelection>
