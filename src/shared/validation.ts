/**
 * Checks shared by main (which enforces them) and the renderer (which points at the field early).
 * Pure functions: no Node, no DOM.
 */

const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/

/** A host name (internationalized labels allowed), an IPv4 address or an IPv6 literal. */
export function isValidHostname(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false
  if (IPV4.test(host)) return true
  if (host.includes(':')) return /^[0-9a-f:.]+$/i.test(host) && host.split(':').length <= 9
  const name = host.endsWith('.') ? host.slice(0, -1) : host
  return name.split('.').every((label) => LABEL.test(label))
}

/**
 * An address as people type it: local@domain, no spaces or control characters, a domain that is
 * a valid host name with at least two labels. Deliberately simpler than RFC 5322's addr-spec
 * (no quoted local parts, no comments): that is what mail providers hand out.
 */
export function isValidEmailAddress(address: string): boolean {
  if (address.length > 254) return false
  const at = address.lastIndexOf('@')
  if (at <= 0 || at > 64) return false
  const local = address.slice(0, at)
  const domain = address.slice(at + 1)
  if (/[\s\p{Cc}@<>()[\]\\,;:"]/u.test(local) || local.startsWith('.') || local.endsWith('.')) return false
  if (local.includes('..')) return false
  return domain.includes('.') && !domain.endsWith('.') && isValidHostname(domain) && !IPV4.test(domain)
}

/** The local part and the domain (lower case) of a valid address. */
export function splitAddress(address: string): { localPart: string; domain: string } {
  const at = address.lastIndexOf('@')
  return { localPart: address.slice(0, at), domain: address.slice(at + 1).toLowerCase() }
}
