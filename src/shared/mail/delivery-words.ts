/** One recipient's delivery outcome in words (RFC 3464 Action, RFC 3463 status in words). */
import type { RecipientDelivery } from '../model/delivery'
import { statusWords } from './enhanced-status'

export function deliveryWords(d: RecipientDelivery, time: (ms: number) => string): string {
  const why = d.status ? `${statusWords(d.status)} (${d.status})` : (d.diagnostic ?? 'no reason given')
  switch (d.action) {
    case 'delivered':
      return `Delivered to ${d.recipient} at ${time(d.at)}`
    case 'relayed':
    case 'expanded':
      // Handed on to a system that reports no further (RFC 3464 §2.3.3): the last news we get.
      return `Handed on for ${d.recipient} at ${time(d.at)}`
    case 'delayed':
      return `Delayed for ${d.recipient}: ${why}`
    case 'failed':
      return `Not delivered to ${d.recipient}: ${why}`
  }
}
