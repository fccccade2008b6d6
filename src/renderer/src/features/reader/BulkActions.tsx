import type { MailboxRole } from '../../../../shared/model/mail'

export type BulkAction =
  | 'read'
  | 'unread'
  | 'flag'
  | 'unflag'
  | 'move'
  | 'copy'
  | 'archive'
  | 'junk'
  | 'notJunk'
  | 'delete'
  | 'restore'

interface ActionButton {
  action: BulkAction
  label: string
  shortcut?: string
  danger?: boolean
}

/** The actions offered for a selection in a folder of this role (Restore in Trash, Not junk in Junk). */
export function bulkActionsFor(role: MailboxRole | null, transfers = true): ActionButton[] {
  const all: ActionButton[] = [
    { action: 'read', label: 'Mark as read' },
    { action: 'unread', label: 'Mark as unread' },
    { action: 'flag', label: 'Flag' },
    { action: 'unflag', label: 'Unflag' },
    { action: 'move', label: 'Move to…', shortcut: 'v' },
    { action: 'copy', label: 'Copy to…' },
    ...(role === 'archive' ? [] : [{ action: 'archive' as const, label: 'Archive' }]),
    role === 'junk'
      ? { action: 'notJunk' as const, label: 'Not junk' }
      : { action: 'junk' as const, label: 'Junk' },
    ...(role === 'trash' ? [{ action: 'restore' as const, label: 'Restore' }] : []),
    {
      action: 'delete',
      label: role === 'trash' ? 'Delete for good' : 'Delete',
      shortcut: 'Delete',
      danger: true,
    },
  ]
  const moving: BulkAction[] = ['move', 'copy', 'notJunk', 'restore']
  return transfers ? all : all.filter((b) => !moving.includes(b.action))
}

/** The reading pane while messages are selected: how many, and what can be done with all of them. */
export function BulkActions(props: {
  count: number
  role: MailboxRole | null
  /** Move, copy and restore: only within one account's folders (not in search results). */
  transfers?: boolean
  onAction: (action: BulkAction) => void
  onClear: () => void
}) {
  const { count } = props
  return (
    <section className="bulk-actions" aria-labelledby="bulk-title" data-testid="bulk-actions">
      <h2 id="bulk-title" aria-live="polite">
        {count.toLocaleString()} {count === 1 ? 'message' : 'messages'} selected
      </h2>
      <div className="message-toolbar" role="toolbar" aria-label="Actions on the selected messages">
        {bulkActionsFor(props.role, props.transfers).map((b) => (
          <button
            key={b.action}
            type="button"
            className={b.danger ? 'danger' : undefined}
            aria-keyshortcuts={b.shortcut}
            data-testid={`bulk-${b.action}`}
            onClick={() => props.onAction(b.action)}
          >
            {b.label}
          </button>
        ))}
      </div>
      <button type="button" className="link-button" aria-keyshortcuts="Escape" onClick={props.onClear}>
        Clear the selection
      </button>
    </section>
  )
}
