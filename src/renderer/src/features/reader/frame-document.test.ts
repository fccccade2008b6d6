// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { sanitizeMessageHtml } from '../../lib/sanitizer/mail-sanitizer'
import { buildFrameDocument, declaredLanguage, declaresDarkSupport, frameCsp } from './frame-document'

describe('the frame document', () => {
  it('starts with its CSP: nothing remote unless allowed', () => {
    expect(frameCsp(false)).toBe(
      "default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'",
    )
    expect(frameCsp(true)).toContain('img-src data: cid: https:')
    expect(frameCsp(true)).toContain('font-src data: https:')
    const doc = new DOMParser().parseFromString(
      buildFrameDocument(sanitizeMessageHtml('<p>x</p>', false), false),
      'text/html',
    )
    const meta = doc.head.firstElementChild?.nextElementSibling
    expect(meta?.getAttribute('http-equiv')).toBe('Content-Security-Policy')
    expect(meta?.getAttribute('content')).toBe(frameCsp(false))
  })
})

describe('the frame document in both themes', () => {
  const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html')
  const message = sanitizeMessageHtml('<p>Hello</p>', false)

  it('has a language and a title (the subject) for screen readers', () => {
    const doc = parse(buildFrameDocument(message, false, { title: 'Q3 <report>', lang: 'de', dark: false }))
    expect(doc.documentElement.lang).toBe('de')
    expect(doc.title).toBe('Q3 <report>')
  })

  it('draws mail on a light page unless it is dark mail in the dark theme', () => {
    const light = parse(buildFrameDocument(message, false, { title: 't', lang: 'en', dark: false }))
    expect(light.querySelector('style')?.textContent).toMatch(/color-scheme: light/)
    const dark = parse(buildFrameDocument(message, false, { title: 't', lang: 'en', dark: true }))
    expect(dark.querySelector('style')?.textContent).toMatch(/color-scheme: dark/)
  })

  it('recognises mail that declares dark support, and only that', () => {
    expect(
      declaresDarkSupport('<style>@media (prefers-color-scheme: dark) { body { color: #eee } }</style>'),
    ).toBe(true)
    expect(declaresDarkSupport('<style>:root { color-scheme: light dark; }</style>')).toBe(true)
    expect(declaresDarkSupport('<meta name="color-scheme" content="light dark">')).toBe(true)
    // Apple Mail's older name for the same declaration.
    expect(declaresDarkSupport('<meta name="supported-color-schemes" content="light dark">')).toBe(true)
    expect(declaresDarkSupport('<style>:root { color-scheme: light; }</style><p>dark chocolate</p>')).toBe(
      false,
    )
    expect(declaresDarkSupport('<style>@media (prefers-color-scheme: light) {}</style>')).toBe(false)
  })

  it('takes the language the message declares, if it is shaped like one', () => {
    expect(declaredLanguage('<html lang="fr-CA"><body>x</body></html>')).toBe('fr-CA')
    expect(declaredLanguage("<HTML xmlns='x' LANG='nl'>")).toBe('nl')
    expect(declaredLanguage('<html><body lang="de">')).toBeNull()
    expect(declaredLanguage('<html lang="&quot;><script>">')).toBeNull()
  })
})
