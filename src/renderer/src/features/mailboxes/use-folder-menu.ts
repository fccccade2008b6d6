import { useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { Mailbox } from '../../../../shared/model/mail'
import { errorData } from '../../lib/error-data'
import { call } from '../../lib/ipc'

export type FolderCommand = 'create' | 'rename' | 'delete' | 'markRead' | 'empty'

/** Roles other parts of the app rely on: not renamed or deleted from the menu (main refuses too). */
const SPECIAL = new Set(['inbox', 'sent', 'drafts', 'trash', 'junk', 'archive'])

export function isSpecialFolder(m: Mailbox): boolean {
  return (m.role !== null && SPECIAL.has(m.role)) || m.path.toUpperCase() === 'INBOX'
}

/** The menu's commands for a folder, in order, with whether each applies. */
export function folderCommands(m: Mailbox): { command: FolderCommand; label: string; enabled: boolean }[] {
  const special = isSpecialFolder(m)
  const emptiable = m.role === 'trash' || m.role === 'junk'
  return [
    { command: 'create', label: 'New subfolder…', enabled: true },
    { command: 'rename', label: 'Rename…', enabled: !special },
    { command: 'markRead', label: 'Mark all as read', enabled: m.selectable },
    ...(emptiable ? [{ command: 'empty' as const, label: `Empty ${m.name}…`, enabled: true }] : []),
    { command: 'delete', label: 'Delete folder…', enabled: !special },
  ]
}

export type FolderMenuState =
  | { kind: 'closed' }
  | { kind: 'menu'; mailbox: Mailbox; x: number; y: number }
  | {
      kind: 'name'
      command: 'create' | 'rename'
      mailbox: Mailbox
      error: AppErrorData | null
      busy: boolean
    }
  | {
      kind: 'confirm'
      command: 'delete' | 'empty'
      mailbox: Mailbox
      error: AppErrorData | null
      busy: boolean
    }
  | { kind: 'failed'; error: AppErrorData }

/**
 * The folder context menu's state and what its commands do (main: createFolder, renameFolder,
 * deleteFolder, markFolderRead, emptyFolder). Main tells the tree to re-read (`mailbox:changed`).
 */
export function useFolderMenu() {
  const [state, setState] = useState<FolderMenuState>({ kind: 'closed' })
  const close = () => setState({ kind: 'closed' })

  const run = (task: () => Promise<unknown>, failed: (error: AppErrorData) => FolderMenuState) => {
    task().then(close, (err: unknown) => setState(failed(errorData(err))))
  }

  return {
    state,
    close,
    open: (mailbox: Mailbox, x: number, y: number) => setState({ kind: 'menu', mailbox, x, y }),
    choose: (mailbox: Mailbox, command: FolderCommand) => {
      if (command === 'create' || command === 'rename')
        return setState({ kind: 'name', command, mailbox, error: null, busy: false })
      if (command === 'delete' || command === 'empty')
        return setState({ kind: 'confirm', command, mailbox, error: null, busy: false })
      setState({ kind: 'closed' })
      run(
        () => call('markFolderRead', mailbox.id),
        (error) => ({ kind: 'failed', error }),
      )
    },
    submitName: (name: string) => {
      if (state.kind !== 'name') return
      const { command, mailbox } = state
      setState({ ...state, busy: true, error: null })
      run(
        () =>
          command === 'create'
            ? call('createFolder', mailbox.accountId, mailbox.id, name)
            : call('renameFolder', mailbox.id, name),
        (error) => ({ kind: 'name', command, mailbox, error, busy: false }),
      )
    },
    confirm: () => {
      if (state.kind !== 'confirm') return
      const { command, mailbox } = state
      setState({ ...state, busy: true, error: null })
      run(
        () => (command === 'delete' ? call('deleteFolder', mailbox.id) : call('emptyFolder', mailbox.id)),
        (error) => ({ kind: 'confirm', command, mailbox, error, busy: false }),
      )
    },
  }
}

export type FolderMenuApi = ReturnType<typeof useFolderMenu>
