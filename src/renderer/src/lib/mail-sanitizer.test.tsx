import { describe, expect, it } from 'vitest'
import { sanitizeMailHtml } from './mail-sanitizer'

describe('sanitizeMailHtml', () => {
  it('removes scripts, handlers, frames, forms and style sheets', () => {
    const out = sanitizeMailHtml(
      '<style>p{}</style><p onclick="x()">Hi<script>alert(1)</script></p><iframe src="https://x"></iframe><form><input></form>',
    )
    expect(out).toBe('<p>Hi</p>')
  })

  it('keeps safe links, blocks javascript: links and remote images unless allowed', () => {
    const html =
      '<a href="javascript:alert(1)">a</a><a href="https://example.test">b</a><img src="https://t.example/p.gif"><img src="cid:logo">'
    const out = sanitizeMailHtml(html)
    expect(out).not.toContain('javascript:')
    expect(out).toContain('<a href="https://example.test" rel="noopener noreferrer">b</a>')
    expect(out).not.toContain('t.example')
    expect(out).toContain('src="cid:logo"')
    expect(sanitizeMailHtml(html, { allowRemote: true })).toContain('src="https://t.example/p.gif"')
  })
})
