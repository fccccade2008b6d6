/**
 * For tests: every reference in sanitized HTML that is not inline data, read independently of
 * the sanitizer's own code and stricter than it. Each attribute that names a URL, each srcset
 * candidate, every CSS text (style elements, style attributes, any SVG attribute with a
 * parenthesis) read with the CSS tokenizer: url tokens, url()/src() strings, any string that
 * looks like a URL, any string in an image function, any var() inside one, any @import or
 * @namespace, any bad url and expression(). Allowed: `data:`, `cid:`, and `#id` where SVG or CSS
 * names an element. The result lists what survived (empty when nothing did).
 */
import { isTokenFunction, isTokenString, tokenize, TokenType } from '@csstools/css-tokenizer'

const URL_ATTRS = new Set([
  'src',
  'href',
  'xlink:href',
  'background',
  'poster',
  'lowsrc',
  'dynsrc',
  'data',
  'action',
  'formaction',
  'codebase',
  'archive',
  'longdesc',
  'manifest',
  'icon',
  'ping',
  'profile',
  'classid',
  'srcdoc',
])
const SRCSET_ATTRS = new Set(['srcset', 'imagesrcset'])

// eslint-disable-next-line no-control-regex -- the URL parser trims C0 controls
const inline = (url: string): boolean => /^[\s\u0000-\u001f]*(data|cid):/i.test(url.replace(/[\t\n\r]/g, ''))
const fragment = (url: string): boolean => /^\s*#/.test(url)
const looksLikeUrl = (s: string): boolean =>
  // eslint-disable-next-line no-control-regex -- the URL parser trims C0 controls
  /^[\s\u0000-\u001f]*(?:(?:https?|ftp|wss?|file):|[a-z][a-z0-9+.-]*:\/\/|[/\\]{2})/i.test(
    s.replace(/[\t\n\r]/g, ''),
  )

/**
 * What in one piece of CSS could load something. With `urlLikeStrings` (the default), also any
 * string anywhere that looks like a remote URL (a custom property could hand it on).
 */
export function cssReferences(css: string, { urlLikeStrings = true } = {}): string[] {
  const found: string[] = []
  // Open image functions (depth at which each was opened), for their plain strings.
  const imageDepths: number[] = []
  let depth = 0
  let afterUrlFunction = false
  // An @import or @namespace, reported with what follows it.
  let rule: string | null = null
  for (const t of tokenize({ css }, { onParseError: () => undefined })) {
    const [type, raw] = t
    if (rule !== null && type !== TokenType.Whitespace && type !== TokenType.Comment) {
      found.push(`${rule} ${isTokenString(t) || type === TokenType.URL ? t[4].value : raw}`)
      rule = null
    }
    if (type === TokenType.URL && !inline(t[4].value) && !fragment(t[4].value)) found.push(raw)
    else if (type === TokenType.BadURL) found.push(`bad url ${raw}`)
    else if (type === TokenType.AtKeyword && /^(import|namespace)$/i.test(t[4].value)) rule = `@${t[4].value}`
    else if (isTokenFunction(t)) {
      const name = t[4].value.toLowerCase().replace(/^-[a-z]+-/, '')
      if (name === 'expression') found.push(raw)
      if (imageDepths.length > 0 && /^(var|attr|env|if)$/.test(name)) found.push(`${raw} in an image`)
      if (/^(image-set|image|cross-fade)$/.test(name)) imageDepths.push(depth)
      afterUrlFunction = name === 'url' || name === 'src'
      depth++
      continue
    } else if (type === TokenType.OpenParen) depth++
    else if (type === TokenType.CloseParen) {
      depth--
      if (imageDepths.at(-1) === depth) imageDepths.pop()
    } else if (isTokenString(t)) {
      const url = t[4].value
      const inImage = imageDepths.at(-1) === depth - 1
      const urlLike = urlLikeStrings && looksLikeUrl(url)
      if (!inline(url) && !fragment(url) && (afterUrlFunction || inImage || urlLike)) found.push(raw)
    }
    if (type !== TokenType.Whitespace && type !== TokenType.Comment) afterUrlFunction = false
  }
  if (rule !== null) found.push(rule)
  return found
}

function attributeReferences(el: Element, attr: Attr, opts: Options): string[] {
  const name = attr.name.toLowerCase()
  const where = `${el.localName}@${attr.name}`
  if (name.startsWith('data-mailroom-') || name === 'title') return [] // link targets, for people
  // A link is followed on a click, never loaded (the reader keeps none: its own test checks).
  if (/^(xlink:)?href$/.test(name) && (el.localName === 'a' || el.localName === 'area')) return []
  if (URL_ATTRS.has(name)) {
    const svgElementRef = el.namespaceURI === 'http://www.w3.org/2000/svg' && el.localName !== 'image'
    return inline(attr.value) || (svgElementRef && fragment(attr.value)) ? [] : [`${where}=${attr.value}`]
  }
  if (SRCSET_ATTRS.has(name)) {
    const urls = attr.value.split(/,\s+/).map((c) => c.trim().split(/\s+/)[0] ?? '')
    return urls.filter((u) => !inline(u)).map((u) => `${where}: ${u}`)
  }
  if (name === 'content' && /url\s*=/i.test(attr.value)) return [`${where}=${attr.value}`]
  // Only SVG maps attributes to CSS (presentation attributes): fill="url(…)" on an <img> is text.
  const svg = el.namespaceURI === 'http://www.w3.org/2000/svg'
  if (name === 'style' || (svg && attr.value.includes('('))) {
    return cssReferences(attr.value, opts).map((r) => `${where}: ${r}`)
  }
  return []
}

interface Options {
  /** Also report CSS strings anywhere that look like a remote URL (see cssReferences). */
  urlLikeStrings?: boolean
}

function collect(root: ParentNode, out: string[], opts: Options): void {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) out.push(...attributeReferences(el, attr, opts))
    if (el.localName === 'style') {
      out.push(...cssReferences(el.textContent ?? '', opts).map((r) => `style: ${r}`))
    }
    if (el instanceof HTMLTemplateElement) collect(el.content, out, opts)
  }
}

/** Every reference in an HTML document (as the frame would parse it) that is not inline data. */
export function remoteReferences(html: string, opts: Options = {}): string[] {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  const out: string[] = []
  for (const attr of Array.from(doc.documentElement.attributes)) {
    out.push(...attributeReferences(doc.documentElement, attr, opts))
  }
  collect(doc, out, opts)
  return out
}
