/**
 * Removes remote references from message CSS (style elements and style attributes). DOMPurify
 * keeps CSS as is, and CSS can fetch: url(), @import, image-set() strings, @font-face sources.
 *
 * Written by hand because no well-kept library filters CSS for this; it is one layer of three
 * (the frame's CSP and, in Electron, main's request gate also block remote loads), so it aims to
 * be simple and allowlist-shaped: anything that is not inline data (or https when the person
 * allowed remote content) is replaced by `none`.
 */
import { resourceAllowed } from './url-policy'

export interface CssResult {
  css: string
  /** How many remote references were removed. */
  blocked: number
}

/** CSS escapes (`\75 rl(`, `\@import`) decoded first, so the filters below see what the browser parses. */
function decodeEscapes(css: string): string {
  return css
    .replace(/\\([0-9a-fA-F]{1,6})[ \t\r\n\f]?/g, (_m, hex: string) => {
      const code = parseInt(hex, 16)
      return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)
        ? '\ufffd'
        : String.fromCodePoint(code)
    })
    .replace(/\\(\r\n|[\s\S])/g, (_m, ch: string) => (/[\r\n\f]/.test(ch) ? '' : ch))
}

const unquote = (s: string) =>
  s
    .trim()
    .replace(/^(['"])([\s\S]*)\1$/, '$2')
    .trim()

const IMPORT = /@import\s+(url\(\s*([^)]*?)\s*\)|"[^"]*"|'[^']*')[^;]*;?/gi
// An unclosed url( still loads when the block ends (CSS Syntax: EOF closes it), hence `|$`.
const URL_FN = /\b(?:url|src)\(\s*("[^"]*"|'[^']*'|[^)]*?)\s*(?:\)|$)/gi
const IMAGE_SET = /(?:-webkit-)?image-set\(/gi

/** Replaces image-set(...) (whose plain strings are URLs) when any of its URLs is not allowed. */
function filterImageSets(css: string, allowRemote: boolean, count: () => void): string {
  let out = ''
  let from = 0
  for (const match of css.matchAll(IMAGE_SET)) {
    const start = match.index
    if (start < from) continue
    let depth = 0
    let end = start + match[0].length - 1
    for (; end < css.length; end++) {
      if (css[end] === '(') depth++
      else if (css[end] === ')' && --depth === 0) break
    }
    const body = css.slice(start + match[0].length, end)
    const urls = [...body.matchAll(/"([^"]*)"|'([^']*)'|url\(\s*([^)]*?)\s*\)/gi)].map((m) =>
      unquote(m[1] ?? m[2] ?? m[3] ?? ''),
    )
    out += css.slice(from, start)
    if (urls.every((u) => resourceAllowed(u, allowRemote))) out += css.slice(start, end + 1)
    else {
      count()
      out += 'none'
    }
    from = end + 1
  }
  return out + css.slice(from)
}

function filterOnce(css: string, allowRemote: boolean, count: () => void): string {
  const withoutImports = css.replace(IMPORT, (rule, _target: string, inUrl: string | undefined) => {
    const url = unquote(inUrl ?? _target)
    if (resourceAllowed(url, allowRemote)) return rule
    count()
    return ''
  })
  const withoutUrls = withoutImports.replace(URL_FN, (fn, arg: string) => {
    if (resourceAllowed(unquote(arg), allowRemote)) return fn
    count()
    return 'none'
  })
  return filterImageSets(withoutUrls, allowRemote, count)
}

export function filterCss(css: string, allowRemote: boolean): CssResult {
  let blocked = 0
  const count = () => void blocked++
  let current = decodeEscapes(css)
  // Removing one construct can join its neighbours into a new one ("@im@import x;port"): repeat
  // until nothing changes; CSS that keeps changing is dropped whole.
  for (let round = 0; round < 5; round++) {
    const next = filterOnce(current, allowRemote, count)
    if (next === current) {
      // "<" never belongs in CSS outside strings; escaping it keeps "</style>" from ending the
      // element when the sanitized document is serialized and parsed again.
      return { css: current.replace(/</g, '\\3c '), blocked }
    }
    current = next
  }
  return { css: '', blocked: blocked + 1 }
}
