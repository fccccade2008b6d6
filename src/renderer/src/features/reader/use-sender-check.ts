import { useEffect, useState } from 'react'
import type { SenderCheck } from '../../../../shared/model/sender-auth'
import { call } from '../../lib/ipc'

/** The sender check of a stored message; null until it comes (it may ask DNS: never waited for). */
export function useSenderCheck(messageId: string | null): SenderCheck | null {
  // Kept with the id it belongs to: another message's answer is never shown for this one.
  const [answer, setAnswer] = useState<{ id: string; check: SenderCheck } | null>(null)
  useEffect(() => {
    let live = true
    if (messageId) {
      call('getSenderCheck', messageId).then(
        (check) => live && setAnswer({ id: messageId, check }),
        () => undefined,
      )
    }
    return () => {
      live = false
    }
  }, [messageId])
  return answer && answer.id === messageId ? answer.check : null
}
