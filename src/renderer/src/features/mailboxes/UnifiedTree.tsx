import type { KeyboardEvent } from 'react'
import { unifiedListId, type UnifiedView } from '../../../../shared/model/list-view'
import type { Mailbox } from '../../../../shared/model/mail'

export const UNIFIED_NAMES: Record<UnifiedView, string> = {
  inboxes: 'All Inboxes',
  unread: 'All Unread',
  flagged: 'All Flagged',
}

/** A unified view as the reader shows a folder: a list id ("all:inboxes") and a name. */
export function unifiedMailbox(view: UnifiedView, unread = 0): Mailbox {
  return {
    id: unifiedListId(view),
    accountId: '',
    path: '',
    name: UNIFIED_NAMES[view],
    parentPath: null,
    role: null,
    unread,
    total: 0,
    selectable: true,
  }
}

export interface UnifiedTreeProps {
  selectedId: string | null
  /** Unread mail in every Inbox (the count All Inboxes shows). */
  unread: number
  onSelect: (mailbox: Mailbox) => void
}

const VIEWS: readonly UnifiedView[] = ['inboxes', 'unread', 'flagged']

/** "All Inboxes", "All Unread", "All Flagged" at the top of the folder pane. */
export function UnifiedTree({ selectedId, unread, onSelect }: UnifiedTreeProps) {
  const ids = VIEWS.map(unifiedListId)
  const focusId = ids.includes(selectedId ?? '') ? selectedId : ids[0]
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const items = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[role="treeitem"]'))
    const at = items.indexOf(document.activeElement as HTMLElement)
    const view = VIEWS[at]
    if (at === -1 || !view) return
    const move = (i: number) => items[Math.max(0, Math.min(items.length - 1, i))]?.focus()
    const actions: Record<string, () => void> = {
      ArrowDown: () => move(at + 1),
      ArrowUp: () => move(at - 1),
      Home: () => move(0),
      End: () => move(items.length - 1),
      Enter: () => onSelect(unifiedMailbox(view, view === 'inboxes' ? unread : 0)),
      ' ': () => onSelect(unifiedMailbox(view, view === 'inboxes' ? unread : 0)),
    }
    const action = actions[e.key]
    if (!action) return
    // Handled here: the reader's single-key shortcuts must not see these keys as well.
    e.preventDefault()
    e.stopPropagation()
    action()
  }
  return (
    <section className="mailbox-account unified-views">
      <ul role="tree" aria-label="All accounts" className="mailbox-tree" onKeyDown={onKeyDown}>
        {VIEWS.map((view) => {
          const id = unifiedListId(view)
          const count = view === 'inboxes' ? unread : 0
          return (
            <li
              key={view}
              role="treeitem"
              aria-level={1}
              aria-selected={id === selectedId}
              aria-label={count > 0 ? `${UNIFIED_NAMES[view]}, ${count} unread` : UNIFIED_NAMES[view]}
              tabIndex={id === focusId ? 0 : -1}
              className={`mailbox-item${id === selectedId ? ' selected' : ''}${count > 0 ? ' has-unread' : ''}`}
              data-unified={view}
              style={{ paddingLeft: 10 }}
              onClick={() => onSelect(unifiedMailbox(view, count))}
            >
              <span className="mailbox-name">{UNIFIED_NAMES[view]}</span>
              {count > 0 && (
                <span className="unread-count" aria-hidden="true">
                  {count}
                </span>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
