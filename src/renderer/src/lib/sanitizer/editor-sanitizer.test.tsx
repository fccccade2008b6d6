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

describe('quoted HTML in a reply goes through the reader policy', () => {
  const QUOTED = `<p></p><blockquote type="cite"><html><head><style>p{background:url(https://t.example/s.png)}</style>
<base href="https://t.example/"><meta http-equiv="refresh" content="0;url=https://t.example/r"></head>
<body background="https://t.example/b.png" onload="window.pwned=1"><p style="color:red;background-image:url(https://t.example/td.png)">Quoted</p>
<img srcset="https://t.example/2x.png 2x" src="https://t.example/1x.png"><svg><image href="https://t.example/svg.png"/></svg>
<a href="https://bank.example/login" target="_blank" data-x="1">bank</a><a href="vbscript:x">vb</a><a href="/relative">rel</a>
<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline"><video src="https://t.example/v.mp4"></video>
<form action="https://t.example/post"><input name="pw"></form></body></html></blockquote>`

  it('removes every remote reference, handler, form and style sheet; keeps text, inline images and safe links', () => {
    const out = sanitizeMailHtml(QUOTED)
    expect(out).not.toContain('t.example')
    expect(out).not.toMatch(
      /onload|<style|<base|<meta|<svg|<form|<input|<video|srcset|data-x|vbscript|target=/i,
    )
    expect(out).toContain('Quoted')
    expect(out).toContain('color:red')
    expect(out).toContain('src="data:image/png;base64,iVBORw0KGgo="')
    expect(out).toContain('<a href="https://bank.example/login" rel="noopener noreferrer">bank</a>')
    const doc = new DOMParser().parseFromString(out, 'text/html')
    expect(Array.from(doc.querySelectorAll('[href]'), (a) => a.getAttribute('href'))).toEqual([
      'https://bank.example/login',
    ])
    expect(doc.querySelector('blockquote p')?.textContent).toBe('Quoted')
  })

  it('keeps https resources only when remote content is allowed (never plain http)', () => {
    const out = sanitizeMailHtml(
      '<img src="https://cdn.example/a.png"><img src="http://cdn.example/b.png">',
      {
        allowRemote: true,
      },
    )
    expect(out).toContain('src="https://cdn.example/a.png"')
    expect(out).not.toContain('http://cdn.example/b.png')
  })
})
