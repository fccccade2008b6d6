/**
 * Removes remote references from message CSS (style elements, style attributes, SVG
 * presentation attributes). DOMPurify keeps CSS as is, and CSS can fetch: url(), @import,
 * image-set() strings, @font-face sources, custom properties that carry them.
 *
 * The CSS is parsed, not matched with patterns: @csstools/css-tokenizer implements CSS Syntax
 * Level 3 tokenization, the algorithm the browser runs (grouped into functions and blocks by
 * `css-components.ts`), so a comment between @import and its URL, a missing space
 * (`@import"x"`) and escapes (`\75 rl(`, `@\69mport`) look here as they look to Chromium. Rules
 * and declarations are split from the component values as the spec's "consume a stylesheet / a
 * block's contents" does; the rest is allowlist-shaped:
 * - every reference in every value, selector and at-rule prelude is checked (`css-references.ts`);
 *   only inline data, element references (`url(#id)` where that names an element), and https
 *   once the person allowed remote content stay;
 * - `@import` stays only for an allowed URL (never data:, which could import further); at-rules
 *   not in the list below go whole (unknown ones, @namespace, @document, @charset);
 * - a custom property that holds a remote URL as a string goes (its use in `image-set(var(--x))`
 *   goes too, see css-references.ts); `behavior` and `-moz-binding` go (they run code).
 * The output is the input's own tokens, with whitespace wherever something was cut out, and is
 * tokenized once more to check that no reference appeared (else all of it goes). "<" is escaped
 * so the text cannot end its style element (nor look like markup to DOMPurify).
 */
import {
  type CSSToken,
  isTokenAtKeyword,
  isTokenCDC,
  isTokenCDO,
  isTokenComment,
  isTokenDelim,
  isTokenIdent,
  isTokenOpenCurly,
  isTokenSemicolon,
  isTokenString,
  isTokenURL,
  isTokenWhitespace,
} from '@csstools/css-tokenizer'
import {
  type BlockComponent,
  type Component,
  isSpace,
  parseComponents,
  space,
  tokensOf,
} from './css-components'
import {
  ELEMENT_REFERENCE_PROPERTIES,
  functionName,
  neutralizeReferences,
  type ReferencePolicy,
  stringsIn,
  type Tally,
} from './css-references'
import { isInlineUrl, isRemoteUrl, resourceAllowed } from './url-policy'

export interface CssResult {
  css: string
  /** How many references that would have made a request were removed. */
  blocked: number
}

/** A style sheet (a style element) or a declaration list (a style attribute). */
export type CssKind = 'sheet' | 'declarations'

/** At-rules kept with their block (filtered like the rest); any other at-rule is dropped whole. */
const BLOCK_AT_RULES: ReadonlySet<string> = new Set([
  'media',
  'supports',
  'font-face',
  'keyframes',
  'page',
  'layer',
  'container',
  'property',
  'counter-style',
  'scope',
  'starting-style',
])
/** CSS that runs code fetched from a URL (IE behaviors, XBL bindings). */
const CODE_PROPERTIES: ReadonlySet<string> = new Set(['behavior', '-moz-binding'])

interface Context {
  allowRemote: boolean
  tally: Tally
}

const isCurlyBlock = (v: Component | undefined): v is BlockComponent =>
  v?.type === 'block' && isTokenOpenCurly(v.open)
const isSemicolon = (v: Component): boolean => v.type === 'token' && isTokenSemicolon(v.token)
const isAtKeyword = (v: Component | undefined): boolean => v?.type === 'token' && isTokenAtKeyword(v.token)
const hasAtKeyword = (values: Component[]): boolean =>
  values.some((v) => (v.type === 'token' ? isTokenAtKeyword(v.token) : hasAtKeyword(v.value)))
const isSkippable = (v: Component): boolean =>
  isSpace(v) || (v.type === 'token' && (isTokenCDO(v.token) || isTokenCDC(v.token)))

/** Removes an item, counting the requests it held. Whitespace keeps its neighbours apart. */
function drop(values: Component[], ctx: Context): Component[] {
  neutralizeReferences(values, { allowRemote: ctx.allowRemote, allowFragments: true }, ctx.tally)
  ctx.tally.changed = true
  return [space()]
}

/** The URL an @import names: the first thing after the keyword, a url token, url("…") or a string. */
function importTarget(item: Component[]): string | null {
  const target = item.slice(1).find((v) => !isSpace(v))
  if (target?.type === 'token' && (isTokenURL(target.token) || isTokenString(target.token)))
    return target.token[4].value
  if (target?.type === 'function' && functionName(target) === 'url') {
    const arg = target.value.find((v) => !isSpace(v))
    if (arg?.type === 'token' && isTokenString(arg.token)) return arg.token[4].value
  }
  return null
}

function filterImport(item: Component[], top: boolean, ctx: Context): Component[] {
  const url = importTarget(item)
  // Only an https style sheet the person allowed: never inline data, which could import further.
  const loads = url !== null && ctx.allowRemote && !isInlineUrl(url) && resourceAllowed(url, true)
  if (top && loads && !item.some(isCurlyBlock)) return item
  if (url !== null && isRemoteUrl(url)) ctx.tally.blocked++
  ctx.tally.changed = true
  return [space()]
}

function filterRule(item: Component[], block: BlockComponent, ctx: Context): Component[] {
  const prelude = item.slice(0, -1)
  const probe: Tally = { blocked: 0, changed: false }
  neutralizeReferences(prelude, { allowRemote: ctx.allowRemote, allowFragments: false }, probe)
  // A selector or prelude never needs a reference or a second at-keyword: such a rule goes whole.
  if (probe.changed || hasAtKeyword(isAtKeyword(prelude[0]) ? prelude.slice(1) : prelude)) {
    ctx.tally.blocked += probe.blocked
    return drop([block], ctx)
  }
  block.value = filterList(block.value, false, ctx)
  return item
}

function looksLikeRemoteUrl(s: string, allowRemote: boolean): boolean {
  return /^\s*(?:(?:https?|ftp|wss?|file):|\/\/)/i.test(s) && !resourceAllowed(s, allowRemote)
}

function filterDeclaration(item: Component[], ctx: Context): Component[] {
  const first = item.find((v) => !isSpace(v))
  const name = first?.type === 'token' && isTokenIdent(first.token) ? first.token[4].value.toLowerCase() : ''
  // A declaration's value never needs an at-keyword (an `@layer a, b;` statement starts with its own).
  const value = isAtKeyword(item[0]) ? item.slice(1) : item
  if (CODE_PROPERTIES.has(name) || hasAtKeyword(value)) return drop(item, ctx)
  const policy: ReferencePolicy = {
    allowRemote: ctx.allowRemote,
    allowFragments: ELEMENT_REFERENCE_PROPERTIES.has(name),
  }
  neutralizeReferences(item, policy, ctx.tally)
  if (name.startsWith('--') && stringsIn(item).some((s) => looksLikeRemoteUrl(s, ctx.allowRemote))) {
    ctx.tally.changed = true
    return [space()]
  }
  return item
}

function filterItem(item: Component[], top: boolean, ctx: Context): Component[] {
  const first = item[0]
  const last = item.at(-1)
  const block = isCurlyBlock(last) ? last : null
  if (first?.type === 'token' && isTokenAtKeyword(first.token)) {
    const name = first.token[4].value.toLowerCase()
    if (name === 'import') return filterImport(item, top, ctx)
    const base = name.replace(/^-(?:webkit|moz|ms|o)-/, '')
    const keep = block ? BLOCK_AT_RULES.has(base) : base === 'layer'
    if (!keep) return drop(item, ctx)
    return block ? filterRule(item, block, ctx) : filterDeclaration(item, ctx)
  }
  if (block) return filterRule(item, block, ctx)
  // At the top of a sheet, a qualified rule without a block is invalid (the browser drops it).
  return top ? drop(item, ctx) : filterDeclaration(item, ctx)
}

/**
 * A list of rules (the top of a sheet) or a block's contents (declarations and nested rules):
 * an at-rule ends at ";" or after its {} block; inside a block a declaration ends at ";"; a
 * qualified rule ends after its {} block (at the top of a sheet, ";" does not end it).
 */
function filterList(values: Component[], top: boolean, ctx: Context): Component[] {
  const out: Component[] = []
  let i = 0
  while (i < values.length) {
    const node = values[i]!
    if (isSkippable(node) || isSemicolon(node)) {
      out.push(node)
      i++
      continue
    }
    const atRule = isAtKeyword(node)
    let end = i
    while (end < values.length) {
      const v = values[end++]!
      if (isCurlyBlock(v) || ((atRule || !top) && isSemicolon(v))) break
    }
    const item = values.slice(i, end)
    const last = item.at(-1)
    const semicolon = last !== undefined && isSemicolon(last) ? item.pop() : undefined
    out.push(...filterItem(item, top, ctx))
    if (semicolon) out.push(semicolon)
    i = end
  }
  return out
}

/** Serializes tokens as they came, "<" escaped (`\3c `) unless a space or "=" follows (media ranges). */
function serialize(values: Component[]): { css: string; joins: boolean } {
  const tokens = tokensOf(values)
  let out = ''
  let joins = false
  for (let i = 0; i < tokens.length; i++) {
    const token: CSSToken = tokens[i]!
    const raw = token[1]
    if (isTokenCDO(token) || isTokenCDC(token)) out += ' '
    else if (!raw.includes('<')) out += raw
    else if (isTokenComment(token)) out += raw.replace(/</g, '\\3c ')
    else if (isTokenDelim(token)) {
      const next = tokens[i + 1]
      const spaced =
        next !== undefined && (isTokenWhitespace(next) || (isTokenDelim(next) && next[1] === '='))
      out += spaced ? '<' : '\\3c '
      // `\3c ` begins a name, which takes in what follows: a url token becomes a function "<url("
      // whose content the tokenizer then reads anew. Only this changes tokens (the rest keeps
      // every token's extent), so only this needs the output read again.
      joins ||= !spaced
    } else out += escapeLt(raw)
  }
  return { css: out, joins }
}

/** In a string, url or name token: "<" and the escape "\<" both become `\3c `; other escapes stay. */
function escapeLt(raw: string): string {
  let out = ''
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!
    if (c === '\\' && i + 1 < raw.length) {
      const n = raw[++i]!
      out += n === '<' ? '\\3c ' : c + n
    } else out += c === '<' ? '\\3c ' : c
  }
  return out
}

/** Whether serialized CSS, read again, holds no reference the policy rejects (fragments aside). */
function verify(css: string, kind: CssKind, allowRemote: boolean): boolean {
  const values = parseComponents(css)
  if (!values) return false
  const ctx: Context = { allowRemote, tally: { blocked: 0, changed: false } }
  return !ctx.tally.changed && serialize(filterList(values, kind === 'sheet', ctx)).css === css
}

export function filterCss(css: string, allowRemote: boolean, kind: CssKind = 'sheet'): CssResult {
  // Without "(" there is no url or function, without "@" no at-rule, without "<" nothing to escape.
  if (!/[(@<]/.test(css)) return { css, blocked: 0 }
  const values = parseComponents(css)
  // Nested deeper than any real style sheet: none of it stays (its references are not counted).
  if (!values) return { css: '', blocked: 0 }
  const ctx: Context = { allowRemote, tally: { blocked: 0, changed: false } }
  const out = serialize(filterList(values, kind === 'sheet', ctx))
  // Cut out or joined: read it again as the browser will (removing old comment markers, `<!--`
  // and `-->`, or escaping "<" inside a token changes no token's extent).
  const reread = ctx.tally.changed || out.joins
  if (!reread || verify(out.css, kind, allowRemote)) return { css: out.css, blocked: ctx.tally.blocked }
  return { css: '', blocked: ctx.tally.blocked }
}

/**
 * An SVG presentation attribute (`fill`, `filter`, `mask`, `marker-end`, …) is a CSS value for
 * the property of its name: whether it may stay, and how many requests it would have made.
 */
export function checkCssValue(
  value: string,
  property: string,
  allowRemote: boolean,
): { keep: boolean; blocked: number } {
  if (!value.includes('(')) return { keep: true, blocked: 0 }
  const values = parseComponents(value)
  if (!values) return { keep: false, blocked: 0 }
  const tally: Tally = { blocked: 0, changed: false }
  const policy = { allowRemote, allowFragments: ELEMENT_REFERENCE_PROPERTIES.has(property.toLowerCase()) }
  neutralizeReferences(values, policy, tally)
  return { keep: !tally.changed, blocked: tally.blocked }
}
