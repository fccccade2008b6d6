/**
 * Finds and neutralizes the references to resources inside CSS component values (CSS Syntax
 * Level 3, as tokenized by @csstools/css-tokenizer, the same algorithm the browser runs, so
 * escapes such as `\75 rl(` or `u\rl(` are already a url token here).
 *
 * What can make CSS load something, and therefore what is looked at:
 * - a url token, `url("…")` and `src("…")` (CSS Values 4), with any vendor prefix;
 * - image functions whose plain strings are URLs: `image-set()` (also `-webkit-`), `image()`,
 *   `cross-fade()`; one of them counts as one image, like srcset;
 * - `var()`, `attr()`, `env()` and `if()` inside any of those: the value comes from elsewhere (a
 *   custom property can hold a URL string, `image-set(var(--x))`), so it cannot be checked here
 *   and the whole reference goes; custom properties themselves are checked where they are set;
 * - `expression()` (old IE: script in CSS) goes whatever it holds.
 * @import is a rule, not a value: `css-filter.ts` handles it.
 *
 * A rejected reference becomes the keyword `none` with whitespace around it, so the tokens on
 * either side can never join into a new token.
 */
import { isTokenBadURL, isTokenString, isTokenURL } from '@csstools/css-tokenizer'
import { type Component, type FunctionComponent, ident, isSpace, space } from './css-components'
import { isFragmentUrl, isRemoteUrl, resourceAllowed } from './url-policy'

export interface ReferencePolicy {
  /** https resources may stay (the person allowed remote content). */
  allowRemote: boolean
  /**
   * `url(#id)` may stay: true only where a fragment names an element of the message (fill,
   * filter, clip-path, mask, markers). Elsewhere (background-image, an `<img>`) Chromium fetches
   * the frame's base document for it.
   */
  allowFragments: boolean
}

export interface Tally {
  /** References removed that would have made a request (what the bar counts). */
  blocked: number
  /** Whether anything was removed or replaced at all. */
  changed: boolean
}

/** Properties whose `url(#id)` is a reference to an element, never a fetch (checked in Chromium). */
export const ELEMENT_REFERENCE_PROPERTIES: ReadonlySet<string> = new Set([
  'fill',
  'stroke',
  'filter',
  'clip-path',
  'mask',
  'mask-image',
  'marker',
  'marker-start',
  'marker-mid',
  'marker-end',
])

const URL_FUNCTIONS = new Set(['url', 'src'])
const IMAGE_FUNCTIONS = new Set(['image-set', 'image', 'cross-fade'])
const SUBSTITUTIONS = new Set(['var', 'attr', 'env', 'if'])

/** A function's name without a vendor prefix (escapes are decoded and case folded already). */
export function functionName(fn: FunctionComponent): string {
  return fn.name.replace(/^-(?:webkit|moz|ms|o)-/, '')
}

function allowed(url: string, policy: ReferencePolicy): boolean {
  return resourceAllowed(url, policy.allowRemote) || (policy.allowFragments && isFragmentUrl(url))
}

function hasSubstitution(values: Component[]): boolean {
  return values.some(
    (v) =>
      v.type !== 'token' &&
      ((v.type === 'function' && SUBSTITUTIONS.has(functionName(v))) || hasSubstitution(v.value)),
  )
}

/** The URL of `url("…")` or `src("…")`: its one string; null when it has none or a substitution. */
function functionUrl(fn: FunctionComponent): string | null {
  if (hasSubstitution(fn.value)) return null
  const first = fn.value.find((v) => !isSpace(v))
  return first?.type === 'token' && isTokenString(first.token) ? first.token[4].value : null
}

/**
 * Every URL an image function names: its strings (also inside brackets, which make it invalid,
 * but are read the strict way), url tokens, url() and nested image functions. False when one
 * cannot be known (a bad url, a substitution).
 */
function imageUrls(values: Component[], out: string[]): boolean {
  for (const v of values) {
    if (v.type === 'token') {
      if (isTokenString(v.token) || isTokenURL(v.token)) out.push(v.token[4].value)
      else if (isTokenBadURL(v.token)) return false
    } else if (v.type === 'function') {
      const name = functionName(v)
      if (URL_FUNCTIONS.has(name)) {
        const url = functionUrl(v)
        if (url === null) return false
        out.push(url)
      } else if (IMAGE_FUNCTIONS.has(name) && !imageUrls(v.value, out)) return false
    } else if (!imageUrls(v.value, out)) return false
  }
  return true
}

/**
 * Neutralizes, in place, every reference in `values` (and inside its functions and blocks) that
 * the policy does not allow; counts those that would have reached a server.
 */
export function neutralizeReferences(values: Component[], policy: ReferencePolicy, tally: Tally): void {
  for (let i = 0; i < values.length; i++) {
    const node = values[i]!
    let reject = false
    let remote = false
    if (node.type === 'token') {
      const token = node.token
      if (isTokenURL(token)) {
        reject = !allowed(token[4].value, policy)
        remote = isRemoteUrl(token[4].value)
      } else if (isTokenBadURL(token)) reject = true // never loads; gone so nothing can reuse it
    } else if (node.type === 'function') {
      const name = functionName(node)
      if (URL_FUNCTIONS.has(name)) {
        const url = functionUrl(node)
        reject = url === null || !allowed(url, policy)
        remote = url === null || isRemoteUrl(url)
        // Modifiers after the string may not hold another reference either (read the strict way).
        if (!reject) neutralizeReferences(node.value, policy, tally)
      } else if (IMAGE_FUNCTIONS.has(name)) {
        const urls: string[] = []
        const known = imageUrls(node.value, urls) && !hasSubstitution(node.value)
        reject = !known || urls.some((u) => !allowed(u, policy))
        remote = !known || urls.some(isRemoteUrl)
        // An allowed image function may still hold a rejected url token deeper inside: look.
        if (!reject) neutralizeReferences(node.value, policy, tally)
      } else if (name === 'expression') reject = true
      else neutralizeReferences(node.value, policy, tally)
    } else neutralizeReferences(node.value, policy, tally)
    if (reject) {
      values.splice(i, 1, space(), ident('none'), space())
      i += 2
      tally.changed = true
      if (remote) tally.blocked++
    }
  }
}

/** The strings anywhere in `values`, decoded (for custom properties that hold a URL as text). */
export function stringsIn(values: Component[], out: string[] = []): string[] {
  for (const v of values) {
    if (v.type === 'token') {
      if (isTokenString(v.token)) out.push(v.token[4].value)
    } else stringsIn(v.value, out)
  }
  return out
}
