import { useState } from 'react'
import type { MessageSummary } from '../../../../shared/model/mail'

/**
 * Deleting from Trash deletes for good: the pane asks first (DeleteConfirmDialog) and deletes only
 * when the person confirms. Elsewhere a delete moves to Trash at once (it can be moved back).
 */
export function useDeleteConfirm(perform: (ms: readonly MessageSummary[]) => void) {
  const [pending, setPending] = useState<readonly MessageSummary[] | null>(null)
  return {
    pending,
    request: (ms: readonly MessageSummary[], forGood: boolean): void => {
      if (forGood) setPending(ms)
      else perform(ms)
    },
    confirm: (): void => {
      if (pending) perform(pending)
      setPending(null)
    },
    cancel: () => setPending(null),
  }
}
