import { useEffect, useRef, useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { Draft } from '../../../../shared/model/compose'
import { errorData } from '../../lib/error-data'
import { call } from '../../lib/ipc'

/** How long a discarded draft can be brought back (the same few seconds as the other undo toasts). */
export const DISCARD_UNDO_MS = 6000

/**
 * Discard with undo (issue 16 item 1): the draft is deleted only when the toast's time is up, so
 * Undo simply reopens it, attachments and all. If the app quits within those seconds the draft
 * stays: keeping a message the person meant to throw away is the side to err on (nothing lost).
 */
export function useDiscard(reopen: (draft: Draft) => void, delayMs = DISCARD_UNDO_MS) {
  const [pending, setPending] = useState<string | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const pendingId = useRef<string | null>(null)
  const remove = (id: string) => call('deleteDraft', id).catch((err: unknown) => setError(errorData(err)))
  useEffect(() => () => clearTimeout(timer.current), [])

  const discard = (draftId: string) => {
    clearTimeout(timer.current)
    // A second discard within the time: the first one is final now.
    if (pendingId.current) void remove(pendingId.current)
    pendingId.current = draftId
    setPending(draftId)
    setError(null)
    timer.current = setTimeout(() => {
      pendingId.current = null
      setPending(null)
      void remove(draftId)
    }, delayMs)
  }
  const undo = () => {
    const id = pendingId.current
    clearTimeout(timer.current)
    pendingId.current = null
    setPending(null)
    if (id) call('getDraft', id).then(reopen, (err: unknown) => setError(errorData(err)))
  }
  return { pending: pending !== null, error, discard, undo }
}
