import { useCallback, useEffect, useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { MessageView } from '../../../../shared/model/mail'
import { errorData } from '../../lib/error-data'
import { call } from '../../lib/ipc'

export type MessageState =
  { state: 'loading' } | { state: 'ready'; view: MessageView } | { state: 'failed'; error: AppErrorData }

/** One message for display (the caller keys its component by message id). */
export function useMessage(messageId: string): { message: MessageState; reload: () => Promise<void> } {
  const [message, setMessage] = useState<MessageState>({ state: 'loading' })
  const reload = useCallback(
    () =>
      call('getMessage', messageId).then(
        (view) => setMessage({ state: 'ready', view }),
        (err: unknown) => setMessage({ state: 'failed', error: errorData(err) }),
      ),
    [messageId],
  )
  useEffect(() => {
    let live = true
    call('getMessage', messageId).then(
      (view) => live && setMessage({ state: 'ready', view }),
      (err: unknown) => live && setMessage({ state: 'failed', error: errorData(err) }),
    )
    return () => {
      live = false
    }
  }, [messageId])
  return { message, reload }
}
