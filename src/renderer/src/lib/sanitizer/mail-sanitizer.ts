/**
 * The one sanitizer for message HTML, used by the reader (the message frame) and by the composer
 * (quoted replies, forwards, drafts from the server): quoted text passes through exactly the same
 * policy as the message it quotes (design.md, hostile mail).
 *
 * The message is parsed once, inertly (DOMParser: no script runs, nothing loads). Our pass
 * (`resource-policy.ts`) then removes what a mail client must not load: remote images,
 * backgrounds, fonts, style sheets and SVG references (unless allowed; CSS is parsed by
 * `css-filter.ts`), and counts the remote ones, also on elements removed whole below, for the
 * "remote content blocked" bar. A frameset message becomes its noframes content. DOMPurify then
 * removes scripts, event handlers, frames, objects, forms, media and dangerous URLs, and the last
 * pass handles links (http, https and mailto only). Each layer holds on its own: the frame's CSP
 * (frame-document.ts) and main's request gate are more layers, not the only ones. Two outputs of
 * that one policy:
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
import { applyResourcePolicy, showNoframes, type ResourcePolicy } from './resource-policy'
import { describeTarget, isDeceptiveLink, linkTarget } from './url-policy'

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
    // Inert, but its content is a second document nobody reads: never shown, never checked.
    'template',
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

const LINK_ATTRS = ['href', 'xlink:href', 'target', 'rel', 'ping', 'title']

/** A base64 raster image, as the message's own images (cid:) arrive from main. */
const INLINE_RASTER = /^data:image\/(?:png|gif|jpe?g|webp|bmp|avif);base64,[a-z0-9+/=\s]*$/i

let readerPurifier: typeof DOMPurify | null = null

/**
 * The reader's own DOMPurify instance (made on first use, when there is a window), which keeps
 * an inline image in a `background` attribute: DOMPurify accepts data: only in src and href,
 * and a newsletter's embedded (cid:) table backgrounds arrive as data: URLs. The editor's
 * policy forbids `background` and uses the plain instance.
 */
function purifierFor(config: Config): typeof DOMPurify {
  if (!config.WHOLE_DOCUMENT) return DOMPurify
  if (!readerPurifier) {
    readerPurifier = DOMPurify()
    readerPurifier.addHook('uponSanitizeAttribute', (_node, data) => {
      if (data.attrName === 'background' && INLINE_RASTER.test(data.attrValue)) data.forceKeepAttr = true
    })
  }
  return readerPurifier
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

/**
 * Our pass on the parsed message (it sees everything, and counts what DOMPurify then removes
 * whole), DOMPurify on that document, then the links; returns the root and the count of removed
 * references that would have made a request.
 */
function purify(
  html: string,
  config: Config,
  policy: ResourcePolicy,
  onLink: (a: Element) => void,
): { root: HTMLElement; blocked: number } {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  showNoframes(doc)
  const blocked = applyResourcePolicy(doc.documentElement, policy)
  const dirty = config.WHOLE_DOCUMENT ? doc.documentElement : (doc.body ?? doc.documentElement)
  const root = purifierFor(config).sanitize(dirty, { ...config, RETURN_DOM: true }) as HTMLElement
  for (const a of Array.from(root.querySelectorAll('a, area'))) onLink(a)
  return { root, blocked }
}

/** Message HTML → the parts of a document safe to show in the message frame. */
export function sanitizeMessageHtml(html: string, allowRemote: boolean): SanitizedMessage {
  const policy = { allowRemote, styleSheets: true }
  const { root, blocked } = purify(html, READER_CONFIG, policy, neutralizeLink)
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
  const policy = { allowRemote: opts.allowRemote ?? false, styleSheets: false }
  return purify(html, EDITOR_CONFIG, policy, editorLink).root.innerHTML
}
