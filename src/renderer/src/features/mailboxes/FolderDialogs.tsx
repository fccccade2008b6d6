import { useEffect, useRef, useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { Mailbox } from '../../../../shared/model/mail'
import { ErrorNotice } from '../../lib/ErrorNotice'

function stopKeys(onCancel: () => void) {
  return (e: React.KeyboardEvent) => {
    // The reader's single-key shortcuts must not act behind the dialog.
    e.stopPropagation()
    if (e.key === 'Escape') onCancel()
  }
}

/** New subfolder / Rename: a name, checked by main (and the server); a refusal stays in view. */
export function FolderNameDialog(props: {
  command: 'create' | 'rename'
  mailbox: Mailbox
  error: AppErrorData | null
  busy: boolean
  onSubmit: (name: string) => void
  onCancel: () => void
}) {
  const [name, setName] = useState(props.command === 'rename' ? props.mailbox.name : '')
  const title =
    props.command === 'create' ? `New folder in ${props.mailbox.name}` : `Rename ${props.mailbox.name}`
  return (
    <div className="dialog-backdrop">
      <form
        role="dialog"
        aria-modal="true"
        aria-labelledby="folder-name-title"
        className="dialog"
        onKeyDown={stopKeys(props.onCancel)}
        onSubmit={(e) => {
          e.preventDefault()
          props.onSubmit(name)
        }}
      >
        <h2 id="folder-name-title">{title}</h2>
        <label>
          Folder name
          <input autoFocus value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </label>
        {props.error && <ErrorNotice error={props.error} />}
        <div className="dialog-actions">
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" disabled={props.busy || name.trim() === ''}>
            {props.command === 'create' ? 'Create' : 'Rename'}
          </button>
        </div>
      </form>
    </div>
  )
}

/** Delete a folder / Empty Trash or Junk: nothing brings them back, so Cancel has the focus. */
export function FolderConfirmDialog(props: {
  command: 'delete' | 'empty'
  mailbox: Mailbox
  error: AppErrorData | null
  busy: boolean
  onConfirm: () => void
  onCancel: () => void
}) {
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => cancel.current?.focus(), [])
  const { name } = props.mailbox
  const del = props.command === 'delete'
  return (
    <div className="dialog-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="folder-confirm-title"
        aria-describedby="folder-confirm-text"
        className="dialog"
        onKeyDown={stopKeys(props.onCancel)}
      >
        <h2 id="folder-confirm-title">{del ? `Delete the folder ${name}?` : `Empty ${name}?`}</h2>
        <p id="folder-confirm-text">
          {del
            ? `${name}, its subfolders and every message in them are deleted from the server. They cannot be brought back.`
            : `Every message in ${name} is deleted from the server. They cannot be brought back.`}
        </p>
        {props.error && <ErrorNotice error={props.error} />}
        <div className="dialog-actions">
          <button type="button" ref={cancel} onClick={props.onCancel}>
            Cancel
          </button>
          <button type="button" className="danger" disabled={props.busy} onClick={props.onConfirm}>
            {del ? 'Delete folder' : `Empty ${name}`}
          </button>
        </div>
      </div>
    </div>
  )
}
