import { useEffect, useState } from 'react'
import { deliveryWords } from '../../../../shared/mail/delivery-words'
import type { RecipientDelivery } from '../../../../shared/model/delivery'
import { call, onMailEvent } from '../../lib/ipc'

const time = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

/** What the delivery reports said of a message we sent, one line per recipient; nothing without reports. */
export function DeliveryStatus({ headerMessageId }: { headerMessageId: string | null }) {
  // Kept with the id it belongs to: another message's answer is never shown under this one.
  const [answer, setAnswer] = useState<{ id: string; status: RecipientDelivery[] } | null>(null)
  // Bumped when a report changes this message's outcomes while it is open (delivery:changed).
  const [version, setVersion] = useState(0)
  useEffect(
    () =>
      onMailEvent('delivery:changed', ({ messageIds }) => {
        if (headerMessageId && messageIds.includes(headerMessageId)) setVersion((v) => v + 1)
      }),
    [headerMessageId],
  )
  useEffect(() => {
    let live = true
    if (headerMessageId) {
      call('getDeliveryStatus', headerMessageId).then(
        (status) => live && setAnswer({ id: headerMessageId, status }),
        () => undefined,
      )
    }
    return () => {
      live = false
    }
  }, [headerMessageId, version])
  const status = answer && answer.id === headerMessageId ? answer.status : []
  if (status.length === 0) return null
  return (
    <ul className="delivery-status" data-testid="delivery-status" aria-label="Delivery">
      {status.map((d) => (
        <li key={d.recipient} data-action={d.action}>
          {deliveryWords(d, time)}
        </li>
      ))}
    </ul>
  )
}
