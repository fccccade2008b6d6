/**
 * CSS made of the pieces attacks are made of (keywords, escapes, quotes, comments, brackets,
 * old comment markers, "<", URLs), in any order: whatever the filter lets through, read by the
 * independent checker (test-support/remote-references.ts), holds nothing that could load.
 * A fixed seed keeps the test command repeatable; another seed explores further.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cssReferences } from '../../test-support/remote-references'
import { checkCssValue, filterCss } from './css-filter'

const SEED = 20261207
const PIECES = [
  '@import',
  '@\\69mport',
  '@IMPORT',
  '@media screen',
  '@font-face',
  '@namespace',
  '@foo',
  '@',
  'url(',
  '\\75 rl(',
  'u\\rl(',
  'URL(',
  'src(',
  'image-set(',
  '-webkit-image-set(',
  'image(',
  'cross-fade(',
  'var(--x)',
  'var(',
  'attr(x)',
  'expression(',
  'type(',
  '--x:',
  '--x',
  'fill:',
  'background:',
  'filter:',
  'content:',
  'p',
  'x',
  '-',
  '#g',
  '1x',
  ',',
  ';',
  ':',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '\\',
  '\\\\',
  '/*',
  '*/',
  '/',
  '*',
  '<',
  '<!--',
  '-->',
  '>',
  '=',
  ' ',
  '\n',
  '\t',
  'https://t.example/a.png',
  'http://t.example/b',
  '//t.example/c',
  'T.EXAMPLE/d',
  'data:image/png,x',
  'data:text/css,@import url(https://t.example/e.css);',
  'cid:y',
  '#f',
  '\\3c ',
  '\\2f ',
  'e',
  '"https://t.example/f"',
  "'https://t.example/g'",
]
const css = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(''))

describe('filterCss on CSS built from attack pieces', () => {
  it('lets nothing through that could load (style sheets and style attributes)', () => {
    fc.assert(
      fc.property(css, fc.constantFrom('sheet' as const, 'declarations' as const), (text, kind) => {
        const out = filterCss(text, false, kind).css
        expect(cssReferences(out, { urlLikeStrings: false })).toEqual([])
        expect(out).not.toMatch(/<[/!\w]/)
      }),
      { seed: SEED, numRuns: 3000 },
    )
  }, 120_000)

  it('keeps no presentation attribute value that could load', () => {
    fc.assert(
      fc.property(css, fc.constantFrom('fill', 'filter', 'cursor', 'transform'), (text, property) => {
        const { keep } = checkCssValue(text, property, false)
        // An attribute holds one value, never a rule: an at-keyword in it is just a word.
        const found = cssReferences(text, { urlLikeStrings: false }).filter((r) => !r.startsWith('@'))
        if (keep) expect(found).toEqual([])
      }),
      { seed: SEED, numRuns: 3000 },
    )
  }, 120_000)
})
