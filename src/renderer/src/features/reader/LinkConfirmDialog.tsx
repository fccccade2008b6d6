import { useEffect, useRef } from 'react'
import type { FrameLink } from './frame-events'

/** Asks before following a link whose text shows one address but which goes to another. */
export function LinkConfirmDialog({
  link,
  onOpen,
  onCancel,
}: {
  link: FrameLink
  onOpen: () => void
  onCancel: () => void
}) {
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => cancel.current?.focus(), [])
  return (
    <div className="dialog-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="link-confirm-title"
        aria-describedby="link-confirm-text"
        className="dialog"
        onKeyDown={(e) => {
          e.stopPropagation()
          if (e.key === 'Escape') onCancel()
        }}
      >
        <h2 id="link-confirm-title">This link goes somewhere else</h2>
        <p id="link-confirm-text">
          The link says <q className="link-text">{link.text}</q> but goes to{' '}
          <strong className="link-target">{link.target}</strong>.
        </p>
        <div className="dialog-actions">
          <button type="button" ref={cancel} onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="danger" onClick={onOpen}>
            Open {link.deceptive ?? 'link'}
          </button>
        </div>
      </div>
    </div>
  )
}
