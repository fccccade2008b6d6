import type { AppErrorData } from '../../../../shared/errors'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { FolderConfirmDialog, FolderNameDialog } from './FolderDialogs'
import { FolderMenu } from './FolderMenu'
import type { FolderMenuApi } from './use-folder-menu'
import './folders.css'

/** What the folder menu shows now: the menu, a dialog, or a failure (dismissable). */
export function FolderActions({ menu }: { menu: FolderMenuApi }) {
  const { state } = menu
  switch (state.kind) {
    case 'closed':
      return null
    case 'menu':
      return (
        <FolderMenu
          mailbox={state.mailbox}
          x={state.x}
          y={state.y}
          onChoose={(c) => menu.choose(state.mailbox, c)}
          onClose={menu.close}
        />
      )
    case 'name':
      return <FolderNameDialog {...state} onSubmit={menu.submitName} onCancel={menu.close} />
    case 'confirm':
      return <FolderConfirmDialog {...state} onConfirm={menu.confirm} onCancel={menu.close} />
    case 'failed':
      return <FolderFailure error={state.error} onDismiss={menu.close} />
  }
}

function FolderFailure({ error, onDismiss }: { error: AppErrorData; onDismiss: () => void }) {
  return (
    <div className="folder-failure">
      <ErrorNotice error={error} />
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  )
}
