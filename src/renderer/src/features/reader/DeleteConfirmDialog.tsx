import { useEffect, useRef } from 'react'
import type { PendingDeletion } from './use-delete-confirm'

/**
 * Asks before deleting for good (a message in Trash: main expunges it on the server, RFC 4315
 * UID EXPUNGE, and nothing brings it back). Cancel has the focus, so Enter or Escape keeps it.
 */
export function DeleteConfirmDialog({
  what,
  onDelete,
  onCancel,
}: {
  what: PendingDeletion
  onDelete: () => void
  onCancel: () => void
}) {
  const { one } = what
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => cancel.current?.focus(), [])
  return (
    <div className="dialog-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="delete-confirm-title"
        aria-describedby="delete-confirm-text"
        className="dialog"
        data-testid="delete-confirm"
        onKeyDown={(e) => {
          // The reader's single-key shortcuts (Delete again, j/k) must not act behind the dialog.
          e.stopPropagation()
          if (e.key === 'Escape') onCancel()
        }}
      >
        <h2 id="delete-confirm-title">Delete for good?</h2>
        <p id="delete-confirm-text">
          {what.ids.length === 1 && one ? (
            <>
              <q>{one.subject || '(no subject)'}</q> is in Trash. Deleting it removes it from the server, and
              it cannot be brought back.
            </>
          ) : (
            <>
              These {what.ids.length.toLocaleString()} messages are in Trash. Deleting them removes them from
              the server, and they cannot be brought back.
            </>
          )}
        </p>
        <div className="dialog-actions">
          <button type="button" ref={cancel} onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="danger" data-testid="delete-confirm-ok" onClick={onDelete}>
            Delete for good
          </button>
        </div>
      </div>
    </div>
  )
}

/** The dialog while a delete for good waits for the person's answer (useDeleteConfirm's state). */
export function PendingDelete({
  deleting,
}: {
  deleting: { pending: PendingDeletion | null; confirm: () => void; cancel: () => void }
}) {
  if (!deleting.pending) return null
  return (
    <DeleteConfirmDialog what={deleting.pending} onDelete={deleting.confirm} onCancel={deleting.cancel} />
  )
}
