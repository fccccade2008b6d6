import emailAddresses from 'email-addresses'
import type { MailAddress } from '../model/mail'

/**
 * Address parsing for the composer (as the person types) and for main (before anything is
 * queued): one implementation on both sides of the IPC boundary.
 *
 * The grammar is RFC 5322 §3.4 with RFC 6532 (UTF-8 in local parts and display names), parsed by
 * the `email-addresses` library. That library answers all-or-nothing for a list, and the composer
 * must point at the one bad entry, so the list is first split at top-level commas/semicolons here
 * (outside quotes, angle brackets and comments) and each entry parsed on its own.
 */

export interface ParsedAddress extends MailAddress {
  /** The domain in ASCII (IDNA A-labels, RFC 5891): what goes into the SMTP envelope. */
  asciiDomain: string
  /** The local part has non-ASCII characters: it can only travel with SMTPUTF8 (RFC 6531). */
  needsSmtpUtf8: boolean
}

export interface AddressProblem {
  input: string
  reason: 'syntax' | 'domain' | 'line-break'
}

export interface AddressListResult {
  addresses: ParsedAddress[]
  problems: AddressProblem[]
}

/** Splits "a, "Doe, J" <b@c>; d" into entries without breaking quoted names, <...> or (comments). */
export function splitAddressList(input: string): string[] {
  const out: string[] = []
  let current = ''
  let quoted = false
  let angle = 0
  let comment = 0
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!
    if (quoted) {
      current += ch
      if (ch === '\\' && i + 1 < input.length) current += input[++i]!
      else if (ch === '"') quoted = false
      continue
    }
    if (ch === '"') quoted = true
    else if (ch === '<') angle++
    else if (ch === '>') angle = Math.max(0, angle - 1)
    else if (ch === '(') comment++
    else if (ch === ')') comment = Math.max(0, comment - 1)
    else if ((ch === ',' || ch === ';') && angle === 0 && comment === 0) {
      if (current.trim()) out.push(current.trim())
      current = ''
      continue
    }
    current += ch
  }
  if (current.trim()) out.push(current.trim())
  return out
}

const LDH_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i

/**
 * The domain in ASCII, or null when it is not a valid host name. IDNA (UTS #46) mapping comes from
 * the WHATWG URL parser that both Node and Chromium ship (ICU-backed), so no second IDNA table is
 * bundled; the result is then held to the LDH rule of RFC 5321 §4.1.2.
 */
export function domainToAscii(domain: string): string | null {
  if (/^\[[^\]\s]+\]$/.test(domain)) return domain // address literal, RFC 5321 §4.1.3
  if (!domain || /[\s/\\?#@:%<>[\]^|]/.test(domain)) return null
  let host: string
  try {
    host = new URL(`http://${domain}`).hostname
  } catch {
    return null
  }
  if (host.endsWith('.')) host = host.slice(0, -1)
  if (host.length === 0 || host.length > 253) return null
  const labels = host.split('.')
  if (!labels.every((l) => LDH_LABEL.test(l))) return null
  // A bare IPv4 number is a URL host but not a mail domain.
  if (labels.every((l) => /^\d+$/.test(l))) return null
  return host
}

/** Parses one entry ("Name <a@b>", "a@b", "\"Doe, J\" <a@b>"); null when it is not an address. */
export function parseAddress(input: string): ParsedAddress | null {
  const trimmed = input.trim()
  if (!trimmed || /[\r\n]/.test(trimmed)) return null
  const parsed = emailAddresses.parseOneAddress({ input: trimmed, rfc6532: true })
  if (!parsed || parsed.type !== 'mailbox') return null
  const asciiDomain = domainToAscii(parsed.domain)
  if (asciiDomain === null) return null
  const result: ParsedAddress = {
    address: `${parsed.local}@${parsed.domain}`,
    asciiDomain,
    needsSmtpUtf8: /[^\x20-\x7e]/.test(parsed.local),
  }
  const name = parsed.name?.trim()
  if (name) result.name = name
  return result
}

export function parseAddressList(input: string): AddressListResult {
  const addresses: ParsedAddress[] = []
  const problems: AddressProblem[] = []
  for (const entry of splitAddressList(input)) {
    if (/[\r\n]/.test(entry)) {
      problems.push({ input: entry, reason: 'line-break' })
      continue
    }
    const parsed = parseAddress(entry)
    if (parsed) addresses.push(parsed)
    else {
      const atDomain = /@([^@>\s]+)>?\s*$/.exec(entry)?.[1]
      const badDomain = atDomain !== undefined && domainToAscii(atDomain) === null
      problems.push({ input: entry, reason: badDomain ? 'domain' : 'syntax' })
    }
  }
  return { addresses, problems }
}

/** The address as it goes into the envelope: local part unchanged, domain in ASCII. */
export function envelopeAddress(a: ParsedAddress): string {
  const at = a.address.lastIndexOf('@')
  return `${a.address.slice(0, at)}@${a.asciiDomain}`
}

const ATOM_TEXT = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ \u0080-\uffff]*$/

/** "Name <a@b>" with the name quoted when RFC 5322 needs it (specials such as , ; . " @). */
export function formatAddress(a: MailAddress): string {
  const name = a.name?.replace(/[\r\n]+/g, ' ').trim()
  if (!name) return a.address
  const display = ATOM_TEXT.test(name) ? name : `"${name.replace(/(["\\])/g, '\\$1')}"`
  return `${display} <${a.address}>`
}

export function formatAddressList(list: readonly MailAddress[]): string {
  return list.map(formatAddress).join(', ')
}

/** Case-insensitive identity of an address: the local part is kept, the domain compared in ASCII. */
export function addressKey(address: string): string {
  const at = address.lastIndexOf('@')
  if (at < 0) return address.toLowerCase()
  const domain = domainToAscii(address.slice(at + 1)) ?? address.slice(at + 1)
  return `${address.slice(0, at)}@${domain}`.toLowerCase()
}
