/**
 * CSS component values (CSS Syntax Level 3, §5.4.7 "consume a component value"): the tokens of
 * @csstools/css-tokenizer grouped into functions and `()`, `[]`, `{}` blocks. The tokenizer is
 * the part that must match the browser exactly (escapes, comments, url tokens) and is a library;
 * this grouping is one pass over its tokens. Written here because css-parser-algorithms 3.x (the
 * major version jsdom pins) copies the rest of the token list at every step, which is quadratic
 * on a newsletter's style sheet.
 *
 * Nesting deeper than MAX_DEPTH is refused (null): no real style sheet comes close, and the
 * filters walk the result recursively.
 */
import {
  type CSSToken,
  isTokenCloseCurly,
  isTokenCloseParen,
  isTokenCloseSquare,
  isTokenComment,
  isTokenEOF,
  isTokenFunction,
  isTokenOpenCurly,
  isTokenOpenParen,
  isTokenOpenSquare,
  isTokenWhitespace,
  tokenize,
  TokenType,
} from '@csstools/css-tokenizer'

export interface TokenComponent {
  type: 'token'
  token: CSSToken
}
export interface FunctionComponent {
  type: 'function'
  /** The name as the browser matches it: escapes decoded, lower case. */
  name: string
  open: CSSToken
  value: Component[]
  /** Null when the CSS ended first (the browser closes it there). */
  close: CSSToken | null
}
export interface BlockComponent {
  type: 'block'
  open: CSSToken
  value: Component[]
  close: CSSToken | null
}
export type Component = TokenComponent | FunctionComponent | BlockComponent

export const MAX_DEPTH = 64

const ignore = (): void => undefined

/** Closes `open`'s block or function. */
function closes(open: CSSToken, token: CSSToken): boolean {
  if (isTokenFunction(open) || isTokenOpenParen(open)) return isTokenCloseParen(token)
  if (isTokenOpenSquare(open)) return isTokenCloseSquare(token)
  return isTokenOpenCurly(open) && isTokenCloseCurly(token)
}

/** CSS text → component values, or null when nested deeper than MAX_DEPTH. */
export function parseComponents(css: string): Component[] | null {
  const root: Component[] = []
  const open: (FunctionComponent | BlockComponent)[] = []
  let current = root
  for (const token of tokenize({ css }, { onParseError: ignore })) {
    if (isTokenEOF(token)) break
    const top = open.at(-1)
    if (top && closes(top.open, token)) {
      top.close = token
      open.pop()
      current = open.at(-1)?.value ?? root
      continue
    }
    let container: FunctionComponent | BlockComponent | null = null
    if (isTokenFunction(token)) {
      container = {
        type: 'function',
        name: token[4].value.toLowerCase(),
        open: token,
        value: [],
        close: null,
      }
    } else if (isTokenOpenParen(token) || isTokenOpenSquare(token) || isTokenOpenCurly(token)) {
      container = { type: 'block', open: token, value: [], close: null }
    }
    if (!container) {
      current.push({ type: 'token', token })
      continue
    }
    if (open.length >= MAX_DEPTH) return null
    current.push(container)
    open.push(container)
    current = container.value
  }
  return root
}

/** Every token of `values`, in order (what serializing them writes). */
export function tokensOf(values: readonly Component[], out: CSSToken[] = []): CSSToken[] {
  for (const v of values) {
    if (v.type === 'token') out.push(v.token)
    else {
      out.push(v.open)
      tokensOf(v.value, out)
      if (v.close) out.push(v.close)
    }
  }
  return out
}

export const isSpace = (v: Component | undefined): boolean =>
  v?.type === 'token' && (isTokenWhitespace(v.token) || isTokenComment(v.token))

/** One space: what replaces anything cut out, so its neighbours stay apart. */
export const space = (): TokenComponent => ({
  type: 'token',
  token: [TokenType.Whitespace, ' ', -1, -1, undefined],
})

export const ident = (name: string): TokenComponent => ({
  type: 'token',
  token: [TokenType.Ident, name, -1, -1, { value: name }],
})
