/**
 * Deceptive links: a link whose text shows one address while its target is another (the classic
 * phishing shape), and look-alike domains. What the text "shows" is a web address (with a scheme,
 * `www.`, or a bare domain with a real public suffix such as `paypal.com/login`) or a mail
 * address. Hosts are compared in their ASCII (punycode) form, which the WHATWG URL parser gives
 * (UTS #46, as browsers resolve them), so `раураl.com` (Cyrillic) and `paypal.com` differ.
 *
 * A target on an internationalized domain (an `xn--` label) is always worth a second look when the
 * text shows an address, even the same one: the text shows Unicode that can imitate another name,
 * the confirmation shows the punycode form that cannot.
 */
import { parse as parseDomain } from 'tldts'

export type ShownAddress = { kind: 'web'; host: string } | { kind: 'mail'; address: string }

function hostOf(url: string): string | null {
  try {
    const host = new URL(url).hostname.toLowerCase()
    return host ? host.replace(/^www\./, '') : null
  } catch {
    return null
  }
}

/** A mail address with its domain in ASCII (punycode), lower-cased. */
function mailAddress(raw: string): string | null {
  let address = raw.replace(/^mailto:/i, '').split('?')[0] ?? ''
  try {
    address = decodeURIComponent(address)
  } catch {
    return null
  }
  const at = address.lastIndexOf('@')
  if (at <= 0) return null
  const domain = hostOf(`http://${address.slice(at + 1)}`)
  return domain ? `${address.slice(0, at)}@${domain}`.toLowerCase() : null
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i
const MAIL = /^(?:mailto:)?[^\s@<>()/:]+@[^\s@<>()/]+\.[^\s@<>()/]+$/i

/** The address a link's visible text shows, or null when the text is just words. */
export function shownAddress(text: string): ShownAddress | null {
  const t = text
    .trim()
    .replace(/[.,;:!?)\]>'"]+$/, '')
    .replace(/^[<('"]+/, '')
  if (!t || /\s/.test(t)) return null
  if (MAIL.test(t)) {
    const address = mailAddress(t)
    return address ? { kind: 'mail', address } : null
  }
  if (SCHEME.test(t) || /^www\./i.test(t)) {
    const host = hostOf(SCHEME.test(t) ? t : `http://${t}`)
    return host ? { kind: 'web', host } : null
  }
  // A bare domain ("paypal.com/login"): only with a public suffix, so "report.pdf" is not one.
  const host = hostOf(`http://${t}`)
  const parsed = host ? parseDomain(host) : null
  return host && parsed?.isIcann && parsed.domain ? { kind: 'web', host } : null
}

function targetAddress(target: string): ShownAddress | null {
  if (/^mailto:/i.test(target)) {
    const address = mailAddress(target)
    return address ? { kind: 'mail', address } : null
  }
  const host = hostOf(target)
  return host ? { kind: 'web', host } : null
}

const isIdn = (host: string) => host.split('.').some((label) => label.startsWith('xn--'))

/** Whether the link must show its real target before it opens. */
export function isDeceptiveLink(text: string, target: string): boolean {
  const shown = shownAddress(text)
  if (!shown) return false
  const real = targetAddress(target)
  if (!real || real.kind !== shown.kind) return true
  if (real.kind === 'web' && shown.kind === 'web') return isIdn(real.host) || real.host !== shown.host
  if (real.kind === 'mail' && shown.kind === 'mail') {
    return isIdn(real.address.split('@').pop() ?? '') || real.address !== shown.address
  }
  return true
}

/** Where a link goes, for people: the host (with its port) of a web link, the address of a mail
 * link, domains in punycode. */
export function describeTarget(target: string): string {
  if (/^mailto:/i.test(target)) return mailAddress(target) ?? target
  try {
    return new URL(target).host
  } catch {
    return target
  }
}
