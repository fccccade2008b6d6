// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { sanitizeMessageHtml } from '../../lib/sanitizer/mail-sanitizer'
import { buildFrameDocument, frameCsp } from './frame-document'

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
