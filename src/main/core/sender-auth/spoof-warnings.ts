/**
 * Spoofing warnings (issue 20 item 4): what about a message's sender is odd, each said calmly in the
 * reader (shared/mail/sender-auth-words.ts). None of them blocks reading.
 */
import type { MailAddress } from '../../../shared/model/mail'
import type { SpoofWarning } from '../../../shared/model/sender-auth'
import { addressKey } from '../../../shared/mail/addresses'
import type { ContactKnowledge } from '../store/contact-knowledge'
import { aligned, domainOf } from './domains'
import { lookAlikeOf } from './look-alike'
import type { WarningSource } from './sender-auth-service'

/** An address written inside a display name ("ceo@bank.test" <x@evil.test>). */
const ADDRESS_IN_NAME = /[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+\.[^\s<>"'(),;:@]{2,}/

export interface SpoofContext {
  from: MailAddress | undefined
  replyTo: readonly MailAddress[]
  dmarcFailed: boolean
  /** The person's own addresses (accounts and identities). */
  ownAddresses: readonly string[]
  contacts: ContactKnowledge
}

export function spoofWarnings(c: SpoofContext): SpoofWarning[] {
  const out: SpoofWarning[] = []
  const from = c.from
  if (!from) return out
  const fromDomain = domainOf(from.address)
  // 1. The name is itself an address, and not the sender's.
  const shown = from.name ? ADDRESS_IN_NAME.exec(from.name)?.[0] : undefined
  if (shown && addressKey(shown) !== addressKey(from.address)) {
    out.push({ kind: 'display-name-address', shownAddress: shown, realAddress: from.address })
  }
  // 2. The sender's domain imitates the person's own domain or one of someone they write to.
  if (fromDomain) {
    const own = [...new Set(c.ownAddresses.map(domainOf).filter((d): d is string => d !== null))]
    const mine = lookAlikeOf(fromDomain, own)
    const theirs = mine ? null : lookAlikeOf(fromDomain, c.contacts.writtenToDomains())
    const resembles = mine ?? theirs
    if (resembles)
      out.push({ kind: 'look-alike-domain', domain: fromDomain, resembles, of: mine ? 'account' : 'contact' })
  }
  // 3. Replies would go to another organization, from someone never met before.
  const elsewhere = c.replyTo
    .map((r) => domainOf(r.address))
    .find((d) => d && fromDomain && !aligned(d, fromDomain))
  if (elsewhere && fromDomain && c.contacts.isFirstContact(from.address)) {
    out.push({ kind: 'reply-to-elsewhere', fromDomain, replyToDomain: elsewhere })
  }
  // 4. DMARC failed: the domain's own policy says this is not its mail.
  if (c.dmarcFailed && fromDomain) out.push({ kind: 'dmarc-fail', domain: fromDomain })
  return out
}

/** The service's warning source: the message's addresses, its check, the person's own and known addresses. */
export function createSpoofWarnings(opts: {
  contacts: ContactKnowledge
  ownAddresses: () => readonly string[]
}): WarningSource {
  return ({ view, auth }) =>
    spoofWarnings({
      from: view.summary.from[0],
      replyTo: view.replyTo,
      dmarcFailed: auth.methods.some((m) => m.method === 'dmarc' && m.verdict === 'fail'),
      ownAddresses: opts.ownAddresses(),
      contacts: opts.contacts,
    })
}
