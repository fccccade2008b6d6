import { useEffect, useState } from 'react'
import type { MessageSummary } from '../../../../shared/model/mail'
import { call, onMailEvent } from '../../lib/ipc'

/**
 * The conversation of a stored message (main's getThread), read again whenever a mailbox of its
 * account changes: a reply that arrives, or a flag set elsewhere, shows without reopening it.
 * Empty while loading or when it cannot be read (the message itself still shows).
 */
export function useThread(messageId: string, accountId: string | null): MessageSummary[] {
  const [thread, setThread] = useState<MessageSummary[]>([])
  useEffect(() => {
    if (accountId === null) return
    let live = true
    let generation = 0
    const load = () => {
      const mine = ++generation
      call('getThread', messageId).then(
        (list) => live && mine === generation && setThread(list),
        () => live && mine === generation && setThread([]),
      )
    }
    load()
    const off = onMailEvent('mailbox:changed', (e) => {
      if (e.accountId === accountId) load()
    })
    return () => {
      live = false
      off()
    }
  }, [messageId, accountId])
  return thread
}
