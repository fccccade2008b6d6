import { useState } from 'react'
import type { Mailbox } from '../../../../shared/model/mail'
import { errorData } from '../../lib/error-data'
import type { ListSelection } from '../message-list'
import type { BulkAction } from './BulkActions'
import type { MessageCommandsState, TransferMethod } from './use-message-commands'

/** The folder picker, open for these messages. */
export interface PickerState {
  method: TransferMethod
  ids: readonly string[]
}

/**
 * The bulk actions of a folder's selection, through the same commands as one message: the ids
 * come from the selection (asked of main for "select all"), each action is one call per 10,000
 * ids and one queue entry per folder in main. Moving Junk out ("Not junk") and restoring from Trash
 * return each message to the folder it came from (main remembers it; the Inbox when unknown).
 */
export function useBulkActions(deps: {
  /** The account's folders for Move/Copy/Restore (none in search results, which span accounts). */
  folders: readonly Mailbox[]
  /** Whether deleting these removes some for good (they are in Trash): asked first. */
  deletesForGood: (ids: readonly string[]) => boolean
  selection: ListSelection
  commands: MessageCommandsState
}) {
  const { selection, commands } = deps
  const [picker, setPicker] = useState<PickerState | null>(null)

  const apply = (action: BulkAction, ids: readonly string[]) => {
    switch (action) {
      case 'read':
      case 'unread':
        return commands.setFlags(ids, { seen: action === 'read' })
      case 'flag':
      case 'unflag':
        return commands.setFlags(ids, { flagged: action === 'flag' })
      case 'move':
      case 'copy':
        return setPicker({ method: action === 'move' ? 'moveMessages' : 'copyMessages', ids })
      case 'archive':
        return commands.remove(ids, 'archiveMessages', false)
      case 'junk':
        return commands.remove(ids, 'markAsJunk', false)
      case 'delete':
        return commands.remove(ids, 'deleteMessages', deps.deletesForGood(ids))
      case 'notJunk':
      case 'restore':
        return commands.remove(ids, 'restoreMessages', false)
    }
  }

  return {
    picker,
    /** Runs an action on every selected message. */
    run: (action: BulkAction) => {
      commands.setNotice(null)
      selection.ids().then(
        (ids) => apply(action, ids),
        (err: unknown) => commands.setNotice(errorData(err)),
      )
    },
    /** The picker for one message (the `v` key or the header's button without a selection). */
    pickFor: (method: TransferMethod, id: string) => setPicker({ method, ids: [id] }),
    pick: (target: Mailbox) => {
      if (picker) commands.transfer(picker.ids, picker.method, target.id)
      setPicker(null)
    },
    cancelPick: () => setPicker(null),
  }
}
