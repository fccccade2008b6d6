import { useState } from 'react'
import type { MessageSummary } from '../../../../shared/model/mail'

/** Messages waiting for the person's answer: their ids, and the one message when it is one. */
export interface PendingDeletion {
  ids: readonly string[]
  one: MessageSummary | undefined
}

/**
 * Deleting from Trash deletes for good: the pane asks first (DeleteConfirmDialog) and deletes only
 * when the person confirms. Elsewhere a delete moves to Trash at once (it can be moved back).
 */
export function useDeleteConfirm(perform: (ids: readonly string[]) => void) {
  const [pending, setPending] = useState<PendingDeletion | null>(null)
  return {
    pending,
    request: (what: PendingDeletion, forGood: boolean): void => {
      if (forGood) setPending(what)
      else perform(what.ids)
    },
    confirm: (): void => {
      if (pending) perform(pending.ids)
      setPending(null)
    },
    cancel: () => setPending(null),
  }
}
