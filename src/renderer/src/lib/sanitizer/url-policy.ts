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

// Deceptive links and look-alike domains: see link-safety.ts (bare domains, IDN, punycode).
export { describeTarget, isDeceptiveLink } from './link-safety'
