/**
 * Learning the account's receiving server from its own mail: a server that adds
 * Authentication-Results adds them on top of every message it receives (RFC 8601 §5), so in the
 * Inbox the topmost field carries the same authserv-id whoever sent the message. Senders' own
 * fields vary with the sender, so a single sender (or a forger) cannot teach an id.
 */
import { domainOf } from './domains'

export interface InboxSample {
  /** The topmost Authentication-Results' authserv-id, or null when the message has none. */
  topId: string | null
  fromAddress: string | null
}

/** How many messages, from how many sender domains, must agree. */
export const LEARN_MIN_MESSAGES = 3
export const LEARN_MIN_DOMAINS = 2
/** The share of sampled messages that must carry it on top (a few locally injected ones may not). */
const LEARN_MIN_SHARE = 0.8

export function learnAuthservId(samples: readonly InboxSample[]): string | null {
  if (samples.length === 0) return null
  const byId = new Map<string, { count: number; domains: Set<string> }>()
  for (const s of samples) {
    if (!s.topId) continue
    const e = byId.get(s.topId) ?? { count: 0, domains: new Set<string>() }
    e.count++
    const d = domainOf(s.fromAddress)
    if (d) e.domains.add(d)
    byId.set(s.topId, e)
  }
  for (const [id, e] of byId) {
    if (
      e.count >= LEARN_MIN_MESSAGES &&
      e.domains.size >= LEARN_MIN_DOMAINS &&
      e.count / samples.length >= LEARN_MIN_SHARE
    )
      return id
  }
  return null
}
