/**
 * The one sanitizer for message HTML, used by the reader (the message frame) and by the composer
 * (quoted replies, forwards, drafts from the server): quoted text passes through exactly the same
 * policy as the message it quotes (design.md, hostile mail).
 *
 * DOMPurify (in the renderer, on an inert document) removes scripts, event handlers, frames,
 * objects, forms and dangerous URLs; the pass after it removes what DOMPurify keeps but a mail
 * client must not: remote images, backgrounds, fonts and stylesheets (unless allowed; `css-filter`
 * for CSS) and links to anything but http(s) and mailto. Two outputs of that one policy:
 *
 * - `sanitizeMessageHtml` for the reader's frame: a whole document; every link loses its href
 *   (the frame runs no script and must not navigate) and keeps its target (http, https or mailto
 *   only) in `data-mailroom-href`, which the parent reads when the link is clicked (see
 *   MessageFrame.tsx); the target also becomes the title, and a link whose text is an address
 *   other than its target is marked `data-mailroom-deceptive`.
 * - `sanitizeMailHtml` for the editor (TipTap): a body fragment, stricter still (no style sheets,
 *   SVG, MathML or templates, data: only for images, no data attributes), links keep an href
 *   only when it is http(s) or mailto, with `rel="noopener noreferrer"`. The editor's schema then
 *   keeps only what it can edit.
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

/** What both outputs remove (the reader's policy). */
const BASE_CONFIG: Config = {
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

const READER_CONFIG: Config = { ...BASE_CONFIG, WHOLE_DOCUMENT: true }

/** The editor's variant: the same policy, plus what an editable body never needs. */
const EDITOR_CONFIG: Config = {
  ...BASE_CONFIG,
  WHOLE_DOCUMENT: false,
  FORBID_TAGS: [
    ...(BASE_CONFIG.FORBID_TAGS ?? []),
    'style',
    'script',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'link',
    'meta',
    'base',
    'svg',
    'math',
    'template',
  ],
  FORBID_ATTR: [...(BASE_CONFIG.FORBID_ATTR ?? []), 'srcset', 'background'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|cid:|data:image\/(?:png|gif|jpe?g|webp);)/i,
  ALLOW_DATA_ATTR: false,
}

/** Attributes that load a resource (rather than follow a link). */
const RESOURCE_ATTRS = ['src', 'background', 'poster', 'lowsrc', 'dynsrc', 'href', 'xlink:href'] as const
const LINK_ATTRS = ['href', 'xlink:href', 'target', 'rel', 'ping', 'title']

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

/** The reader's links: nothing navigable, the target kept as data for the parent. */
function neutralizeLink(a: Element): void {
  const raw = a.getAttribute('href') ?? a.getAttribute('xlink:href')
  for (const attr of LINK_ATTRS) a.removeAttribute(attr)
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

/** The editor's links: an href only to http(s) or mailto, never opening a window of its own. */
function editorLink(a: Element): void {
  const raw = a.getAttribute('href')
  for (const attr of LINK_ATTRS) a.removeAttribute(attr)
  if (raw === null || linkTarget(raw) === null) return
  a.setAttribute('href', raw.trim())
  a.setAttribute('rel', 'noopener noreferrer')
}

function filterResources(el: Element, allowRemote: boolean, isLink: boolean): number {
  let blocked = filterSrcset(el, allowRemote)
  for (const attr of RESOURCE_ATTRS) {
    // A link's href was checked as a link already (the reader's links have none left).
    if (isLink && attr === 'href') continue
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

/** DOMPurify, then the pass over every element; returns the root and the count of blocked references. */
function purify(
  html: string,
  config: Config,
  allowRemote: boolean,
  onLink: (a: Element) => void,
): { root: HTMLElement; blocked: number } {
  const root = DOMPurify.sanitize(html, { ...config, RETURN_DOM: true }) as HTMLElement
  let blocked = 0
  for (const el of Array.from(root.querySelectorAll('*'))) {
    const tag = el.localName
    if (tag === 'style') {
      const filtered = filterCss(el.textContent ?? '', allowRemote)
      el.textContent = filtered.css
      blocked += filtered.blocked
      continue
    }
    const isLink = tag === 'a' || tag === 'area'
    if (isLink) onLink(el)
    blocked += filterResources(el, allowRemote, isLink)
  }
  return { root, blocked }
}

/** Message HTML → the parts of a document safe to show in the message frame. */
export function sanitizeMessageHtml(html: string, allowRemote: boolean): SanitizedMessage {
  const { root, blocked } = purify(html, READER_CONFIG, allowRemote, neutralizeLink)
  const head = root.querySelector('head')
  const styles = head ? Array.from(head.querySelectorAll('style'), (s) => s.outerHTML).join('') : ''
  const body = root.querySelector('body')
  return { head: styles, body: body?.outerHTML ?? '<body></body>', blockedRemote: allowRemote ? 0 : blocked }
}

/**
 * Message HTML → a body fragment safe to load into the composer's editor (quoted replies,
 * forwards, drafts). Remote resources are removed unless `allowRemote`.
 */
export function sanitizeMailHtml(html: string, opts: { allowRemote?: boolean } = {}): string {
  return purify(html, EDITOR_CONFIG, opts.allowRemote ?? false, editorLink).root.innerHTML
}
