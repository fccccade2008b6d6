import type { MailAddress } from '../../../shared/model/mail'
import type { SeenAddress } from './contact-store'

/** Where addresses met in stored mail go (the contact store, for the composer's autocomplete). */
export interface SeenAddressSink {
  recordSeen(entries: readonly SeenAddress[]): void
}

interface Addressed {
  from: readonly MailAddress[]
  to: readonly MailAddress[]
  cc: readonly MailAddress[]
  date: number
}

/**
 * The From, To and Cc addresses of a batch of messages, one entry per address (case-insensitive)
 * with how often it appeared and when last: a sync batch of 500 messages becomes one write per
 * distinct address, not one per occurrence.
 */
export function collectAddresses(messages: readonly Addressed[]): SeenAddress[] {
  const out = new Map<string, SeenAddress>()
  for (const m of messages) {
    for (const a of [...m.from, ...m.to, ...m.cc]) {
      const key = a.address.toLowerCase()
      const had = out.get(key)
      if (!had) out.set(key, { address: a, count: 1, lastAt: m.date })
      else {
        had.count++
        if (m.date >= had.lastAt) had.lastAt = m.date
        if (!had.address.name && a.name) had.address = a
      }
    }
  }
  return [...out.values()]
}
