/**
 * Which URLs in a message may load or be followed. Message content is hostile by default: only
 * inline data (data:, cid:) loads unless the person allowed remote content, and then only https.
 */

/** Schemes a message link may open outside the app (main checks again: isAllowedExternalUrl). */
const LINK_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:'])

function parse(url: string): URL | null {
  try {
    return new URL(url.trim())
  } catch {
    return null
  }
}

/** A resource that is part of the message itself: never reaches the network. */
export function isInlineUrl(url: string): boolean {
  return /^\s*(data|cid):/i.test(url)
}

/**
 * Whether a resource URL (image, font, stylesheet, background) may stay in the message.
 * Relative URLs are dropped: inside the message frame they would resolve against the app.
 */
export function resourceAllowed(url: string, allowRemote: boolean): boolean {
  if (isInlineUrl(url)) return true
  return allowRemote && parse(url)?.protocol === 'https:'
}

/** The absolute target of a link when it may leave the app (http, https, mailto), else null. */
export function linkTarget(href: string): string | null {
  const url = parse(href)
  return url && LINK_SCHEMES.has(url.protocol) ? url.href : null
}

const URLISH = /^(?:(?:https?:\/\/|www\.)\S+|mailto:\S+|[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+)$/i

function comparable(text: string): { kind: 'web' | 'mail'; value: string } | null {
  const t = text.trim().replace(/[.,;:!?)]+$/, '')
  if (!URLISH.test(t)) return null
  if (/^mailto:/i.test(t) || !/^(https?:\/\/|www\.)/i.test(t)) {
    const address = t.replace(/^mailto:/i, '').split('?')[0] ?? ''
    return { kind: 'mail', value: decodeURIComponent(address).toLowerCase() }
  }
  const url = parse(/^www\./i.test(t) ? `http://${t}` : t)
  return url ? { kind: 'web', value: url.hostname.toLowerCase().replace(/^www\./, '') } : null
}

/**
 * A link whose visible text is itself a web address or mail address, but one that differs from
 * where the link really goes (the classic phishing shape: text "https://bank.example", target
 * elsewhere). Web addresses are compared by host, mail addresses by address.
 */
export function isDeceptiveLink(text: string, target: string): boolean {
  const shown = comparable(text)
  if (!shown) return false
  const real = comparable(target)
  return !real || real.kind !== shown.kind || real.value !== shown.value
}

/** What to show as "where this link goes": the host for web links, the address for mail. */
export function describeTarget(target: string): string {
  const url = parse(target)
  if (!url) return target
  if (url.protocol === 'mailto:') return decodeURIComponent(url.pathname)
  return url.host
}
