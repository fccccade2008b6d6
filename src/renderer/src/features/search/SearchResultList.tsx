import { useEffect, useRef, type KeyboardEvent } from 'react'
import type { SearchHit } from '../../../../shared/model/search'
import {
  listKeyTarget,
  MessageRow,
  rowDomId,
  showsRecipients,
  type ListSelection,
  type RowAccount,
} from '../message-list'

export const RESULTS_DOM_ID = 'search-results'

export interface SearchResultListProps {
  query: string
  hits: SearchHit[]
  cursor: number
  openId: string | null
  onCursor: (index: number) => void
  onOpen: (index: number) => void
  /** Escape in the list: back to the search field. */
  onLeave: () => void
  folderName: (hit: SearchHit) => string
  /** Several results selected at once (click, Ctrl/Cmd, Shift, Ctrl/Cmd+A, Escape). */
  selection?: ListSelection
  /** The keyboard moved to a row (arrows, Home/End); default `onCursor`. */
  onMove?: (index: number) => void
  /** Whose each hit is, when results span accounts. */
  accountOf?: (hit: SearchHit) => RowAccount | undefined
}

/**
 * The results as a listbox like the message list (the same rows, each naming its folder). At most
 * a few hundred rows, so no virtualization. Arrows move, Enter opens, Escape goes back to the field.
 */
export function SearchResultList(props: SearchResultListProps) {
  const { query, hits, cursor, openId, onCursor, onOpen, onLeave, folderName, selection } = props
  const onMove = props.onMove ?? onCursor
  const listRef = useRef<HTMLDivElement>(null)
  const count = hits.length

  useEffect(() => {
    if (cursor < 0) return
    const row = listRef.current?.querySelector(`#${rowDomId(cursor)}`)
    if (row && 'scrollIntoView' in row && typeof row.scrollIntoView === 'function')
      row.scrollIntoView({ block: 'nearest' })
  }, [cursor])

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const to = count === 0 ? undefined : listKeyTarget(e.key, cursor, count)
    // Escape clears a selection first, and only then goes back to the field.
    if (selection?.key(e, cursor, to)) {
      e.preventDefault()
      if (to !== undefined && e.shiftKey) onCursor(to)
      return
    }
    if (e.altKey || e.ctrlKey || e.metaKey) return
    if (e.key === 'Escape') {
      e.preventDefault()
      onLeave()
      return
    }
    if (count === 0) return
    if (to !== undefined) {
      e.preventDefault()
      onMove(to)
    } else if (e.key === 'Enter' && cursor >= 0) {
      e.preventDefault()
      onOpen(cursor)
    }
  }

  return (
    <div
      ref={listRef}
      id={RESULTS_DOM_ID}
      className="message-list search-results"
      role="listbox"
      aria-label={`Messages matching ${query}`}
      aria-activedescendant={cursor >= 0 && cursor < count ? rowDomId(cursor) : undefined}
      aria-multiselectable={selection ? true : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      // Arriving from the search field: the first result is the one the keyboard is on.
      onFocus={() => cursor < 0 && count > 0 && onCursor(0)}
    >
      {hits.map((m, index) => (
        <MessageRow
          key={m.id}
          index={index}
          setSize={count}
          message={m}
          active={index === cursor}
          selected={selection?.active ? selection.isSelected(m.id) : undefined}
          open={m.id === openId}
          style={{}}
          folder={folderName(m)}
          recipients={showsRecipients(m.mailboxRole)}
          account={props.accountOf?.(m)}
          onClick={(i, e) => {
            onCursor(i)
            if (!selection?.click(i, e, cursor)) onOpen(i)
          }}
        />
      ))}
    </div>
  )
}
