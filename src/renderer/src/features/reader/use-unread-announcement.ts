import { useState } from 'react'

/**
 * What the unread live region says: only when the unread count grows (new mail), never when the
 * person reads a message (which a live region on the count itself announced on every read).
 */
export function useUnreadAnnouncement(unread: number): string {
  const [last, setLast] = useState(unread)
  const [said, setSaid] = useState('')
  if (unread !== last) {
    setLast(unread)
    if (unread > last) setSaid(`${unread} unread`)
  }
  return said
}
