/** Domains as DMARC compares them (RFC 7489 §3.2): the organizational domain from the public suffix list. */
import { getDomain, getDomainWithoutSuffix } from 'tldts'

export function domainOf(address: string | null | undefined): string | null {
  if (!address) return null
  const at = address.lastIndexOf('@')
  if (at < 0) return null
  const domain = address
    .slice(at + 1)
    .replace(/[>\s]+$/, '')
    .replace(/\.$/, '')
    .toLowerCase()
  return domain || null
}

/** "mail.example.co.uk" → "example.co.uk"; the name itself when the list does not know it. */
export function organizationalDomain(domain: string): string {
  return getDomain(domain, { allowPrivateDomains: false }) ?? domain.toLowerCase()
}

/** The organization's own label: "example" of "mail.example.co.uk". */
export function organizationLabel(domain: string): string {
  return getDomainWithoutSuffix(domain, { allowPrivateDomains: false }) ?? domain.toLowerCase()
}

/** Relaxed alignment (RFC 7489 §3.1.1): the same organizational domain. */
export function aligned(a: string | null, b: string | null): boolean {
  if (!a || !b) return false
  return organizationalDomain(a.toLowerCase()) === organizationalDomain(b.toLowerCase())
}
