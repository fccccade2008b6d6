import { useState } from 'react'
import type { OutboxItem, OutboxState } from '../../../../shared/model/compose'
import { useOutbox } from './use-outbox'

const WORDS: Partial<Record<OutboxState, string>> = {
  queued: 'waiting to be sent',
  sending: 'sending',
  sent: 'sent',
  failed: 'not sent: see the Outbox',
  uncertain: 'may not have been sent: see the Outbox',
}

/**
 * A live region that says what happens to a message after Send (waiting, sending, sent, failed),
 * once per change of state, so that someone who cannot see the Outbox hears it.
 */
export function SendingStatus() {
  const { items } = useOutbox()
  const [known, setKnown] = useState<Map<string, OutboxState> | null>(null)
  const [said, setSaid] = useState('')
  const next = new Map(items.map((i) => [i.id, i.state]))
  if (!sameStates(known, next)) {
    setKnown(next)
    // A message new to the list is news when just queued (Send); others were there before (the
    // first answer comes after the first render's empty list).
    const changed: OutboxItem[] = known
      ? items.filter((i) => (known.has(i.id) ? known.get(i.id) !== i.state : i.state === 'queued'))
      : []
    const latest = changed[changed.length - 1]
    const words = latest && WORDS[latest.state]
    if (latest && words) setSaid(`“${latest.subject || '(no subject)'}”: ${words}`)
  }
  return (
    <p className="visually-hidden" role="status" data-testid="sending-status">
      {said}
    </p>
  )
}

function sameStates(a: Map<string, OutboxState> | null, b: Map<string, OutboxState>): boolean {
  if (!a || a.size !== b.size) return false
  for (const [id, state] of b) if (a.get(id) !== state) return false
  return true
}
