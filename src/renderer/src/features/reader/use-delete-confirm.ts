import { useState } from 'react'
import type { MessageSummary } from '../../../../shared/model/mail'

/**
 * Deleting from Trash deletes for good: the pane asks first (DeleteConfirmDialog) and deletes only
 * when the person confirms. Elsewhere a delete moves to Trash at once (it can be moved back).
 */
export function useDeleteConfirm(perform: (m: MessageSummary) => void) {
  const [pending, setPending] = useState<MessageSummary | null>(null)
  return {
    pending,
    request: (m: MessageSummary, forGood: boolean): void => {
      if (forGood) setPending(m)
      else perform(m)
    },
    confirm: (): void => {
      if (pending) perform(pending)
      setPending(null)
    },
    cancel: () => setPending(null),
  }
}
