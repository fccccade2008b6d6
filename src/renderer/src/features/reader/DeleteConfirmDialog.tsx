import { useEffect, useRef } from 'react'
import type { MessageSummary } from '../../../../shared/model/mail'

/**
 * Asks before deleting for good (a message in Trash: main expunges it on the server, RFC 4315
 * UID EXPUNGE, and nothing brings it back). Cancel has the focus, so Enter or Escape keeps it.
 */
export function DeleteConfirmDialog({
  message,
  onDelete,
  onCancel,
}: {
  message: MessageSummary
  onDelete: () => void
  onCancel: () => void
}) {
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
          <q>{message.subject || '(no subject)'}</q> is in Trash. Deleting it removes it from the server, and
          it cannot be brought back.
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
