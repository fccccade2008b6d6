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

/**
 * A URL as the URL parser reads it (WHATWG URL): ASCII tab and newline removed anywhere, C0
 * controls and spaces trimmed at both ends, so `jav&#9;ascript:` and ` https:` are seen as such.
 */
export function normalizeUrl(url: string): string {
  // eslint-disable-next-line no-control-regex
  return url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')
}

/** A resource that is part of the message itself: never reaches the network. */
export function isInlineUrl(url: string): boolean {
  return /^\s*(data|cid):/i.test(url)
}

/** A reference to an element of the same document (`#id`): SVG paint servers, filters, masks. */
export function isFragmentUrl(url: string): boolean {
  return normalizeUrl(url).startsWith('#')
}

/** Schemes whose resources come over a network (or the file system). */
const NETWORK_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'ftp', 'ws', 'wss', 'file'])

/**
 * Whether loading this URL would reach a server: a network scheme, or a scheme-relative URL
 * (`//host/x`; the URL parser reads backslashes as slashes too). What the "remote content
 * blocked" bar counts. A relative URL is removed but not counted: with `<base>` removed it could
 * only reach the app itself (a `<base>` that names a server counts instead); inline data,
 * `javascript:` and unknown schemes load nothing from anywhere.
 */
export function isRemoteUrl(url: string): boolean {
  const u = normalizeUrl(url)
  if (/^[/\\]{2}/.test(u)) return true
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(u)?.[1]
  return scheme !== undefined && NETWORK_SCHEMES.has(scheme.toLowerCase())
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
