import type { DragEvent } from 'react'
import type { MessageSummary } from '../../../../shared/model/mail'
import { errorData } from '../../lib/error-data'
import { endMessageDrag, startMessageDrag } from '../../lib/message-drag'
import type { ListSelection } from '../message-list'
import type { MessageCommandsState } from './use-message-commands'

/**
 * Dragging rows of a list onto a folder of the tree: a row in the selection carries the whole
 * selection (resolved only on drop, so "all 100,000" costs nothing while dragging), any other
 * row itself. The drop runs the same move/copy command as the `v` picker.
 */
export function useMessageDrag(deps: {
  rowAt: (index: number) => MessageSummary | undefined
  sourceMailboxId: string
  selection: ListSelection
  commands: MessageCommandsState
}) {
  const { selection, commands } = deps
  return {
    onDragRow: (index: number, e: DragEvent) => {
      const m = deps.rowAt(index)
      if (!m) {
        e.preventDefault()
        return
      }
      const whole = selection.active && selection.isSelected(m.id)
      const ids = whole ? selection.ids : () => Promise.resolve([m.id])
      startMessageDrag(
        {
          accountId: m.accountId,
          sourceMailboxId: deps.sourceMailboxId,
          count: whole ? selection.count : 1,
          drop: (target, copy) =>
            void ids().then(
              (list) => commands.transfer(list, copy ? 'copyMessages' : 'moveMessages', target.id),
              (err: unknown) => commands.setNotice(errorData(err)),
            ),
        },
        e.dataTransfer,
      )
    },
    onDragEnd: endMessageDrag,
  }
}
