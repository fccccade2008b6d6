// @vitest-environment jsdom
/**
 * HTML made of the pieces hostile mail is made of (elements that load, raw-text and foreign
 * elements, frames, style sheets, attributes, quotes, entities, CSS references, URLs), in any
 * order: what the reader's and the composer's sanitizer return holds nothing that could load
 * (read back by test-support/remote-references.ts), and the reader's nothing navigable. A fixed
 * seed keeps the test command repeatable.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { remoteReferences } from '../../test-support/remote-references'
import { sanitizeMailHtml, sanitizeMessageHtml } from './mail-sanitizer'

const SEED = 20261207
const U = 'https://t.example/x.png'
const PIECES = [
  '<img src=',
  '<img srcset="',
  '<image href=',
  '<svg>',
  '</svg>',
  '<math>',
  '<mtext>',
  '<style>',
  '</style>',
  '<template>',
  '<noscript>',
  '<noframes>',
  '</noframes>',
  '<frameset>',
  '<frame src=',
  '<iframe src=',
  '<object data=',
  '<link rel=stylesheet href=',
  '<base href=',
  '<table background=',
  '<video poster=',
  '<use href=',
  '<feImage href=',
  '<rect fill=',
  '<rect filter=',
  '<a href=',
  '<div style=',
  '<p>',
  '</p>',
  '<td>',
  '<foreignObject>',
  '<desc>',
  '<title>',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  '>',
  '/>',
  '"',
  "'",
  '=',
  ' ',
  '&quot;',
  '&#x5c;',
  '\\',
  'url(',
  'u\\72l(',
  ')',
  '@import ',
  '@import"',
  'image-set(',
  'var(--x)',
  '--x:',
  ';',
  '{',
  '}',
  U,
  `"${U}"`,
  '//t.example/y',
  'data:image/png,z',
  'cid:w',
  '#g',
  'x',
  'data-mailroom-href=',
]
// Text that merely looks like a URL in a broken style attribute loads nothing: not reported here.
const LOADS = { urlLikeStrings: false }
const html = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(''))

describe('the sanitizer on HTML built from attack pieces', () => {
  it('the reader: nothing that could load, nothing navigable', () => {
    fc.assert(
      fc.property(html, (text) => {
        const out = sanitizeMessageHtml(text, false)
        const doc = `<!DOCTYPE html><html><head>${out.head}</head>${out.body}</html>`
        expect(remoteReferences(doc, LOADS)).toEqual([])
        const parsed = new DOMParser().parseFromString(doc, 'text/html')
        // No link keeps a target it could navigate to (they live in data-mailroom-href).
        const links = Array.from(parsed.querySelectorAll('a, area'))
        expect(links.filter((a) => a.hasAttribute('href') || a.hasAttribute('xlink:href'))).toEqual([])
      }),
      { seed: SEED, numRuns: 400 },
    )
  }, 120_000)

  it('the composer: nothing that could load', () => {
    fc.assert(
      fc.property(html, (text) => {
        const out = `<body>${sanitizeMailHtml(text)}</body>`
        expect(remoteReferences(out, LOADS)).toEqual([])
      }),
      { seed: SEED, numRuns: 400 },
    )
  }, 120_000)
})
