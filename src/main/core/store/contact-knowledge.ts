/**
 * What the contacts table tells about a sender (read-only; contact-store.ts writes it): whom the
 * person has written to, and whether an address is met for the first time. Used by the spoofing
 * warnings (core/sender-auth/spoof-warnings.ts).
 */
import { addressKey } from '../../../shared/mail/addresses'
import type { Db } from './database'

export interface ContactKnowledge {
  /** Domains of the addresses the person has written to (lower case, as stored). */
  writtenToDomains(): string[]
  /** Never written to, and seen in at most one message (this one): a first contact. */
  isFirstContact(address: string): boolean
}

export function createContactKnowledge(db: Db): ContactKnowledge {
  const domains = db.prepare<[], { d: string }>(
    `SELECT DISTINCT lower(substr(address, instr(address, '@') + 1)) AS d FROM contacts
     WHERE sent_count > 0 AND instr(address, '@') > 0`,
  )
  const one = db.prepare<[string], { sent_count: number; seen_count: number }>(
    'SELECT sent_count, seen_count FROM contacts WHERE key = ?',
  )
  return {
    writtenToDomains: () => domains.all().map((r) => r.d),
    isFirstContact(address) {
      const r = one.get(addressKey(address))
      return !r || (r.sent_count === 0 && r.seen_count <= 1)
    },
  }
}
