/** One word for a sent message's delivery, from its recipients' outcomes: the Sent list's badge. */
import type { RecipientDelivery } from '../model/delivery'

/**
 * 'not-delivered': a report said so for at least one recipient; 'delayed': one is still waiting
 * (and none failed); 'delivered': every recipient a report named was delivered (or handed on).
 */
export type SentState = 'delivered' | 'not-delivered' | 'delayed'

export function sentState(list: readonly RecipientDelivery[]): SentState | null {
  if (list.length === 0) return null
  if (list.some((d) => d.action === 'failed')) return 'not-delivered'
  if (list.some((d) => d.action === 'delayed')) return 'delayed'
  return 'delivered'
}

export const SENT_STATE_WORDS: Record<SentState, string> = {
  delivered: 'Delivered',
  'not-delivered': 'Not delivered',
  delayed: 'Delayed',
}
