import { useCallback, useEffect, useState } from 'react'
import type { Draft, DraftServerCopy } from '../../../../shared/model/compose'
import { call, onMailEvent } from '../../lib/ipc'

/** The draft's copy in the server's Drafts folder, re-read whenever main says it changed. */
export function useDraftCopy(draft: Draft): { copy: DraftServerCopy; busy: boolean; retry: () => void } {
  const [copy, setCopy] = useState(draft.serverCopy)
  const [busy, setBusy] = useState(false)
  useEffect(
    () =>
      onMailEvent('drafts:changed', ({ draftId }) => {
        if (draftId !== draft.id) return
        call('getDraft', draft.id).then(
          (d) => setCopy(d.serverCopy),
          () => undefined,
        )
      }),
    [draft.id],
  )
  const retry = useCallback(() => {
    setBusy(true)
    call('retryDraftCopy', draft.id)
      .then(
        (d) => setCopy(d.serverCopy),
        () => undefined,
      )
      .finally(() => setBusy(false))
  }, [draft.id])
  return { copy, busy, retry }
}
