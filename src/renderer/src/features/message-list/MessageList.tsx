import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react'
import type { MessageSummary } from '../../../../shared/model/mail'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { listKeyTarget } from './list-keys'
import { MessageRow, rowDomId, type RowAccount } from './MessageRow'
import type { MessagePages } from './use-message-pages'
import type { ListSelection } from './use-selection'

export const ROW_HEIGHT = 58

export interface MessageListProps {
  label: string
  pages: MessagePages
  /** The row the keyboard is on (-1: none). */
  cursor: number
  openId: string | null
  onCursor: (index: number) => void
  onOpen: (index: number) => void
  /** Several messages selected at once (click, Ctrl/Cmd, Shift, Ctrl/Cmd+A, Escape). */
  selection?: ListSelection
  /** Rows that name their recipients rather than the sender (Sent, Drafts). */
  recipients?: (m: MessageSummary) => boolean
  /** What an empty list says (default: the folder is empty). */
  emptyText?: string
  /** Dragging rows onto a folder: what the drag carries is the pane's to decide. */
  onDragRow?: (index: number, event: DragEvent) => void
  onDragEnd?: () => void
  /** Whose each row is, in lists that span accounts. */
  accountOf?: (m: MessageSummary) => RowAccount | undefined
  /** The keyboard moved to a row (arrows, Home/End, pages); default `onCursor`. */
  onMove?: (index: number) => void
  /** A row's context menu: right-click, Shift+F10 or the Menu key, at this point of the window. */
  onRowMenu?: (index: number, at: { x: number; y: number }) => void
}

/** Where a menu for the keyboard's row opens: under its start (no pointer to go by). */
export function rowMenuPoint(list: HTMLElement, index: number): { x: number; y: number } {
  const row = list.querySelector(`[data-index="${index}"]`) ?? list
  const box = row.getBoundingClientRect()
  return { x: box.left + 16, y: box.top + Math.min(box.height, ROW_HEIGHT) }
}

/**
 * The message list, virtualized: only the rows in view (plus a few) exist in the DOM, whatever
 * the mailbox's size, and only their pages are loaded. A listbox with aria-activedescendant keeps
 * focus on the list while the arrow keys move the active row; Enter opens it.
 */
export function MessageList(props: MessageListProps) {
  const { label, pages, cursor, openId, onCursor, onOpen, selection, onRowMenu } = props
  const onMove = props.onMove ?? onCursor
  const scrollRef = useRef<HTMLDivElement>(null)
  const count = pages.total ?? 0
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render on purpose; this component is not memoized by the compiler
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0
  const { ensureRange } = pages

  useEffect(() => {
    if (count > 0) ensureRange(first, last)
  }, [first, last, count, ensureRange])

  useEffect(() => {
    if (cursor >= 0 && cursor < count) virtualizer.scrollToIndex(cursor, { align: 'auto' })
  }, [cursor, count, virtualizer])

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor(e.currentTarget.clientHeight / ROW_HEIGHT) - 1)
    const to = count === 0 ? undefined : listKeyTarget(e.key, cursor, count, pageRows)
    if (selection?.key(e, cursor, to)) {
      e.preventDefault()
      if (to !== undefined && e.shiftKey) onCursor(to)
      return
    }
    if (onRowMenu && cursor >= 0 && (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey))) {
      e.preventDefault()
      onRowMenu(cursor, rowMenuPoint(e.currentTarget, cursor))
      return
    }
    if (e.altKey || e.ctrlKey || e.metaKey || count === 0) return
    if (to !== undefined) {
      e.preventDefault()
      onMove(to)
    } else if (e.key === 'Enter' && cursor >= 0) {
      e.preventDefault()
      onOpen(cursor)
    }
  }

  const onContextMenu = (e: MouseEvent<HTMLDivElement>) => {
    const row = (e.target as Element).closest('[data-index]')
    const index = Number(row?.getAttribute('data-index'))
    if (!onRowMenu || !row || !Number.isInteger(index) || !pages.rowAt(index)) return
    e.preventDefault()
    onCursor(index)
    onRowMenu(index, { x: e.clientX, y: e.clientY })
  }

  return (
    <section className="message-list-pane" aria-label={label}>
      {pages.error && <ErrorNotice error={pages.error} />}
      {pages.total === 0 && <p className="empty-note">{props.emptyText ?? 'No messages in this folder.'}</p>}
      <div
        ref={scrollRef}
        className="message-list"
        role="listbox"
        aria-label={`Messages in ${label}`}
        aria-activedescendant={cursor >= 0 && cursor < count ? rowDomId(cursor) : undefined}
        aria-busy={pages.total === null || undefined}
        aria-multiselectable={selection ? true : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onContextMenu={onContextMenu}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
          {items.map((item) => {
            const message = pages.rowAt(item.index)
            return (
              <MessageRow
                key={message?.id ?? `placeholder-${item.index}`}
                index={item.index}
                setSize={count}
                message={message}
                active={item.index === cursor}
                selected={
                  selection?.active ? message !== undefined && selection.isSelected(message.id) : undefined
                }
                open={message !== undefined && message.id === openId}
                recipients={message !== undefined && props.recipients?.(message)}
                onDragStart={props.onDragRow}
                onDragEnd={props.onDragEnd}
                account={message && props.accountOf?.(message)}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                }}
                onClick={(i, e) => {
                  onCursor(i)
                  if (!selection?.click(i, e, cursor)) onOpen(i)
                }}
              />
            )
          })}
        </div>
      </div>
    </section>
  )
}
