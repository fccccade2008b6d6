/**
 * The sanitizer's own pass over the parsed message, before DOMPurify: removes every reference
 * that would load something (unless allowed) and counts those that would have made a request.
 * It runs first so that it sees every element, also those DOMPurify then removes whole (frames,
 * media, objects, `<link>`, scripts, meta refresh): their references count for the "remote
 * content blocked" bar too, even when nothing else in the message was remote.
 *
 * What loads: `src`, `srcset`, `poster`, `background` (and the old `lowsrc`, `dynsrc`) on any
 * element, `href`/`xlink:href` on anything but a link (`<link>`, SVG `<image>`, `<use>`,
 * `<feImage>`, gradients, patterns, filters), `<object data>`, meta refresh, CSS in style
 * elements and attributes (`css-filter.ts`), and SVG presentation attributes, which are CSS
 * values (`fill`, `stroke`, `filter`, `clip-path`, `mask`, `marker-*`, …: `url(http…)`). An SVG
 * element may point at another element of the message (`href="#id"`, `fill="url(#id)"`): that
 * loads nothing, except in `<image>`, where Chromium fetches the frame's base document for it.
 */
import { checkCssValue, type CssKind, type CssResult, filterCss } from './css-filter'
import { isFragmentUrl, isRemoteUrl, resourceAllowed } from './url-policy'

const SVG_NS = 'http://www.w3.org/2000/svg'
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML'

/** Attributes that load the URL they hold, whatever the element. */
const LOAD_ATTRS: ReadonlySet<string> = new Set(['src', 'poster', 'background', 'lowsrc', 'dynsrc'])
const SRCSET_ATTRS: ReadonlySet<string> = new Set(['srcset', 'imagesrcset'])
const HREF_ATTRS: ReadonlySet<string> = new Set(['href', 'xlink:href'])
/** Links: their href is followed, not loaded (see mail-sanitizer.ts). */
const LINKS: ReadonlySet<string> = new Set(['a', 'area'])

export interface ResourcePolicy {
  allowRemote: boolean
  /** Style elements are filtered (the reader); the editor drops them instead (DOMPurify). */
  styleSheets: boolean
}

type CssFilter = (css: string, kind: CssKind) => CssResult

/** filterCss with a memory: newsletters repeat the same style attribute hundreds of times. */
function memoCss(allowRemote: boolean): CssFilter {
  const memo = new Map<string, CssResult>()
  return (css, kind) => {
    const key = `${kind}:${css}`
    let result = memo.get(key)
    if (!result) {
      result = filterCss(css, allowRemote, kind)
      memo.set(key, result)
    }
    return result
  }
}

/**
 * srcset stays only when remote content is allowed and every candidate is https; otherwise `src`
 * is the image (parsing candidate lists with data: URLs, which contain commas, is not worth it).
 * One image however many candidates: it counts once.
 */
function filterSrcset(el: Element, attr: string, allowRemote: boolean): number | null {
  const srcset = el.getAttribute(attr) ?? ''
  const urls = srcset.split(/,\s+/).map((c) => c.trim().split(/\s+/)[0] ?? '')
  if (allowRemote && urls.every((u) => /^https:\/\//i.test(u))) return null
  el.removeAttribute(attr)
  return urls.some(isRemoteUrl) ? 1 : 0
}

/**
 * Removes a URL attribute unless allowed: null when it stays, else 1 when it would have reached a
 * server (0 for relative and non-network URLs).
 */
function filterUrlAttr(el: Element, attr: string, allowRemote: boolean, fragments: boolean): number | null {
  const value = el.getAttribute(attr) ?? ''
  if (resourceAllowed(value, allowRemote) || (fragments && isFragmentUrl(value))) return null
  el.removeAttribute(attr)
  return isRemoteUrl(value) ? 1 : 0
}

/** `<meta http-equiv="refresh" content="0; url=…">` would load its target by itself. */
function metaRefresh(el: Element): number {
  if (el.localName !== 'meta' || !/^\s*refresh\s*$/i.test(el.getAttribute('http-equiv') ?? '')) return 0
  const url = /url\s*=\s*['"]?([^'"]*)/i.exec(el.getAttribute('content') ?? '')?.[1]
  el.removeAttribute('content')
  return url !== undefined && isRemoteUrl(url) ? 1 : 0
}

function filterElement(el: Element, policy: ResourcePolicy, css: CssFilter): number {
  const { allowRemote } = policy
  const name = el.localName
  const svg = el.namespaceURI === SVG_NS
  const mathml = el.namespaceURI === MATHML_NS
  let blocked = metaRefresh(el)
  let removed = false
  const count = (n: number | null) => {
    if (n === null) return
    removed = true
    blocked += n
  }
  for (const attr of el.getAttributeNames()) {
    // Our own markers (link targets, blocked images) are set only by this sanitizer: a message
    // that brings its own could make any element a link that skips the deceptive-link check.
    if (attr.startsWith('data-mailroom-')) el.removeAttribute(attr)
    else if (LOAD_ATTRS.has(attr)) count(filterUrlAttr(el, attr, allowRemote, false))
    else if (SRCSET_ATTRS.has(attr)) count(filterSrcset(el, attr, allowRemote))
    else if (attr === 'data' && name === 'object') count(filterUrlAttr(el, attr, allowRemote, false))
    else if (HREF_ATTRS.has(attr)) {
      if (name === 'base' || mathml) {
        // A base that names a server would make every relative URL remote: it counts. MathML's
        // href is a link nobody needs in a message.
        if (name === 'base' && isRemoteUrl(el.getAttribute(attr) ?? '')) blocked++
        el.removeAttribute(attr)
      } else if (LINKS.has(name)) {
        // Followed on a click, not loaded: see mail-sanitizer.ts.
      } else if (svg || name === 'link') {
        // An SVG element may name another element of the message; an <image> would fetch it.
        count(filterUrlAttr(el, attr, allowRemote, svg && name !== 'image'))
      } else el.removeAttribute(attr) // on other HTML elements it means nothing
    } else if (attr === 'style') {
      const style = el.getAttribute(attr) ?? ''
      const filtered = css(style, 'declarations')
      if (filtered.css !== style) el.setAttribute(attr, filtered.css)
      blocked += filtered.blocked
    } else if (svg) {
      // A presentation attribute is a CSS value: fill="url(…)", filter, mask, marker-end, …
      const checked = checkCssValue(el.getAttribute(attr) ?? '', attr, allowRemote)
      if (!checked.keep) el.removeAttribute(attr)
      blocked += checked.blocked
    }
  }
  // Marks where an image was (the frame outlines it); set after the loop, which drops marks the
  // message brought.
  if (removed) el.setAttribute('data-mailroom-blocked', '')
  if (name === 'style' && policy.styleSheets) {
    // textContent, not the children: an SVG <style> can hold elements, and what is written back
    // is one text node (a style element's sheet is its text).
    const filtered = css(el.textContent ?? '', 'sheet')
    el.textContent = filtered.css
    blocked += filtered.blocked
  }
  return blocked
}

/**
 * Applies the policy to `root` and everything in it (template contents aside: the sanitizer
 * removes templates whole); returns how many references that would have made a request it
 * removed.
 */
export function applyResourcePolicy(root: Element, policy: ResourcePolicy): number {
  const css = memoCss(policy.allowRemote)
  let blocked = 0
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    blocked += filterElement(el, policy, css)
  }
  return blocked
}

const HTML_NS = 'http://www.w3.org/1999/xhtml'

/** A `<noframes>` element's text (the HTML parser keeps it raw) as the markup it is. */
function noframesContent(noframes: Element): Node[] {
  const holder = noframes.ownerDocument.createElement('div')
  holder.innerHTML = noframes.textContent ?? ''
  return Array.from(holder.childNodes)
}

/**
 * The sanitizer removes every frame, so the message is shown as a reader without frames shows
 * it: with its `<noframes>` content, which the HTML parser keeps as raw text (and DOMPurify would
 * drop). A frameset document has no body at all: its noframes content becomes the body (the
 * frames stay where they were, to be counted and removed). Elsewhere, for instance in a reply
 * that quotes such a message, each noframes element gives way to its content. Parsed inertly
 * here, then sanitized with the rest; only HTML elements under HTML parents (no namespace games).
 */
export function showNoframes(doc: Document): void {
  const frameset = doc.documentElement.querySelector(':scope > frameset')
  if (frameset && !doc.querySelector('body')) {
    const body = doc.createElement('body')
    for (const n of Array.from(doc.querySelectorAll('noframes'))) {
      body.append(...noframesContent(n))
      n.remove()
    }
    frameset.before(body)
  }
  // Noframes content can hold noframes again: a few levels, then DOMPurify drops what is left.
  for (let level = 0; level < 8; level++) {
    const found = Array.from(doc.querySelectorAll('noframes')).filter(
      (n) => n.namespaceURI === HTML_NS && n.parentElement?.namespaceURI === HTML_NS,
    )
    if (found.length === 0) return
    for (const n of found) n.replaceWith(...noframesContent(n))
  }
}
