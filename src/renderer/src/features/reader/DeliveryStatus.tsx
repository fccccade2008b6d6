import { useEffect, useState } from 'react'
import { deliveryWords } from '../../../../shared/mail/delivery-words'
import type { RecipientDelivery } from '../../../../shared/model/delivery'
import { call } from '../../lib/ipc'

const time = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

/** What the delivery reports said of a message we sent, one line per recipient; nothing without reports. */
export function DeliveryStatus({ headerMessageId }: { headerMessageId: string | null }) {
  const [status, setStatus] = useState<RecipientDelivery[]>([])
  useEffect(() => {
    let live = true
    setStatus([])
    if (headerMessageId) {
      call('getDeliveryStatus', headerMessageId).then(
        (s) => live && setStatus(s),
        () => undefined,
      )
    }
    return () => {
      live = false
    }
  }, [headerMessageId])
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
