/**
 * Message HTML → a document safe to show in the message frame. DOMPurify (in the renderer, on an
 * inert document) removes scripts, event handlers, frames, objects, forms and dangerous URLs;
 * the pass after it removes what DOMPurify keeps but a mail reader must not: remote images,
 * backgrounds, fonts and stylesheets (unless allowed) and navigable links.
 *
 * Links: the frame runs no script and must not navigate, so every link loses its href. Its target
 * (http, https or mailto only) moves to `data-mailroom-href`, which the parent reads when the link
 * is clicked (see MessageFrame.tsx); the real target also becomes the link's title, and a link
 * whose text is an address other than its target is marked `data-mailroom-deceptive`.
 */
import DOMPurify, { type Config } from 'dompurify'
import { filterCss } from './css-filter'
import { describeTarget, isDeceptiveLink, linkTarget, resourceAllowed } from './url-policy'

export interface SanitizedMessage {
  /** Inner HTML for the frame's head: the message's own style elements, filtered. */
  head: string
  /** The body element (with its attributes), as HTML. */
  body: string
  /** Remote references removed because remote content is blocked (0 when allowed). */
  blockedRemote: number
}

const CONFIG: Config = {
  WHOLE_DOCUMENT: true,
  // Interactive and media elements have no place in a message: forms could post, media could
  // stream. Their text content stays.
  FORBID_TAGS: [
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'option',
    'video',
    'audio',
    'source',
    'track',
  ],
  FORBID_ATTR: ['ping', 'action', 'formaction', 'target', 'download'],
}

/** Attributes that load a resource (rather than follow a link). */
const RESOURCE_ATTRS = ['src', 'background', 'poster', 'lowsrc', 'dynsrc', 'href', 'xlink:href'] as const

/**
 * srcset stays only when remote content is allowed and every candidate is https; otherwise `src`
 * is the image (parsing candidate lists with data: URLs, which contain commas, is not worth it).
 */
function filterSrcset(el: Element, allowRemote: boolean): number {
  const srcset = el.getAttribute('srcset')
  if (srcset === null) return 0
  const urls = srcset.split(/,\s+/).map((c) => c.trim().split(/\s+/)[0] ?? '')
  if (allowRemote && urls.every((u) => /^https:\/\//i.test(u))) return 0
  el.removeAttribute('srcset')
  return urls.some((u) => !/^(data|cid):/i.test(u)) ? 1 : 0
}

function neutralizeLink(a: Element): void {
  const raw = a.getAttribute('href') ?? a.getAttribute('xlink:href')
  for (const attr of ['href', 'xlink:href', 'target', 'rel', 'ping', 'title']) a.removeAttribute(attr)
  const target = raw === null ? null : linkTarget(raw)
  if (!target) return
  a.setAttribute('data-mailroom-href', target)
  a.setAttribute('title', target)
  a.setAttribute('role', 'link')
  a.setAttribute('tabindex', '0')
  if (isDeceptiveLink(a.textContent ?? '', target)) {
    a.setAttribute('data-mailroom-deceptive', describeTarget(target))
  }
}

function filterResources(el: Element, allowRemote: boolean): number {
  let blocked = filterSrcset(el, allowRemote)
  for (const attr of RESOURCE_ATTRS) {
    const value = el.getAttribute(attr)
    if (value === null || resourceAllowed(value, allowRemote)) continue
    el.removeAttribute(attr)
    el.setAttribute('data-mailroom-blocked', '')
    if (!allowRemote && value.trim() !== '') blocked++
  }
  const style = el.getAttribute('style')
  if (style !== null) {
    const filtered = filterCss(style, allowRemote)
    el.setAttribute('style', filtered.css)
    blocked += filtered.blocked
  }
  return blocked
}

export function sanitizeMessageHtml(html: string, allowRemote: boolean): SanitizedMessage {
  const root = DOMPurify.sanitize(html, { ...CONFIG, RETURN_DOM: true }) as HTMLElement
  let blocked = 0
  for (const el of Array.from(root.querySelectorAll('*'))) {
    const tag = el.localName
    if (tag === 'style') {
      const filtered = filterCss(el.textContent ?? '', allowRemote)
      el.textContent = filtered.css
      blocked += filtered.blocked
      continue
    }
    if (tag === 'a' || tag === 'area') neutralizeLink(el)
    blocked += filterResources(el, allowRemote)
  }
  const head = root.querySelector('head')
  const styles = head ? Array.from(head.querySelectorAll('style'), (s) => s.outerHTML).join('') : ''
  const body = root.querySelector('body')
  return { head: styles, body: body?.outerHTML ?? '<body></body>', blockedRemote: allowRemote ? 0 : blocked }
}
