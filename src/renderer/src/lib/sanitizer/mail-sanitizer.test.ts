// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { sanitizeMailHtml, sanitizeMessageHtml } from './mail-sanitizer'

const HOSTILE = `<!doctype html><html><head>
<meta http-equiv="refresh" content="0;url=https://t.example/refresh">
<base href="https://t.example/">
<link rel="stylesheet" href="https://t.example/l.css">
<style>@import url(https://t.example/i.css); body{background:url('https://t.example/bg.png')} h1{color:navy}</style>
</head><body bgcolor="#ffffff" background="https://t.example/b.png" onload="window.pwned=1">
<script>window.pwned = 2</script>
<h1 onclick="window.pwned=3">Hello</h1>
<img src="https://t.example/pixel.gif" onerror="window.pwned=4" alt="tracker">
<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">
<img srcset="https://t.example/2x.png 2x" src="https://t.example/1x.png">
<svg><image href="https://t.example/svg.png"/></svg>
<table><tr><td style="color:red;background-image:url(https://t.example/td.png)">cell</td></tr></table>
<iframe src="https://t.example/frame"></iframe><object data="https://t.example/o"></object>
<form action="https://t.example/post"><input name="pw"><button>Send</button></form>
<a href="https://bank.example/login" target="_blank" title="lies">https://bank.example</a>
<a href="https://evil.example/x">https://bank.example</a>
<a href="javascript:window.pwned=5">js</a>
<a href="mailto:bob@example.test">write to Bob</a>
<video src="https://t.example/v.mp4" poster="https://t.example/p.png"></video>
</body></html>`

describe('sanitizeMessageHtml', () => {
  const blocked = sanitizeMessageHtml(HOSTILE, false)
  const all = blocked.head + blocked.body

  it('removes scripts, event handlers, frames, objects, forms and meta refresh', () => {
    expect(all).not.toMatch(
      /<script|onload|onclick|onerror|<iframe|<object|<form|<input|<button|<meta|<base|<link/i,
    )
    expect(all).not.toContain('pwned')
    expect(all).toContain('Hello')
  })

  it('removes every remote reference and counts them', () => {
    expect(all).not.toContain('t.example')
    // meta refresh, base, link, @import, two url(), body background, pixel, srcset, src, svg
    // image, iframe, object, video and its poster: also what is removed whole counts.
    expect(blocked.blockedRemote).toBe(15)
    expect(all).toContain('data:image/png;base64,iVBORw0KGgo=')
    expect(blocked.head).toContain('h1{color:navy}')
    expect(blocked.body).toContain('bgcolor="#ffffff"')
    expect(blocked.body).toContain('color:red')
  })

  it('leaves no navigable link: targets move to data attributes, shown as titles', () => {
    const doc = new DOMParser().parseFromString(
      `<!DOCTYPE html><html><head>${blocked.head}</head>${blocked.body}</html>`,
      'text/html',
    )
    expect(doc.querySelectorAll('[href]')).toHaveLength(0)
    const links = Array.from(doc.querySelectorAll('a[data-mailroom-href]'))
    expect(links.map((a) => a.getAttribute('data-mailroom-href'))).toEqual([
      'https://bank.example/login',
      'https://evil.example/x',
      'mailto:bob@example.test',
    ])
    expect(links[0]!.getAttribute('title')).toBe('https://bank.example/login')
    expect(links[0]!.hasAttribute('target')).toBe(false)
    expect(links[0]!.hasAttribute('data-mailroom-deceptive')).toBe(false)
    expect(links[1]!.getAttribute('data-mailroom-deceptive')).toBe('evil.example')
    expect(doc.body.textContent).toContain('js')
  })

  it('keeps https resources only when remote content is allowed', () => {
    const allowed = sanitizeMessageHtml(
      '<img src="https://cdn.example/a.png"><img src="http://cdn.example/b.png"><p style="background:url(https://cdn.example/c.png)">x</p>',
      true,
    )
    expect(allowed.body).toContain('src="https://cdn.example/a.png"')
    expect(allowed.body).not.toContain('http://cdn.example/b.png')
    expect(allowed.body).toContain('https://cdn.example/c.png')
    expect(allowed.blockedRemote).toBe(0)
  })
})

describe('frames, noframes and forged link markers', () => {
  const FRAMESET = `<html><head><title>f</title></head><frameset cols="50%,50%">
<frame src="https://t.example/a.html"><frame src="https://t.example/b.html">
<noframes><p>Hello <b>without frames</b></p><img src="https://t.example/n.png"><script>window.pwned=1</script></noframes>
</frameset></html>`

  it('shows a frameset message as its noframes content, sanitized; frames count as blocked', () => {
    const out = sanitizeMessageHtml(FRAMESET, false)
    expect(out.body).toContain('<p>Hello <b>without frames</b></p>')
    expect(out.body).not.toMatch(/t\.example|<script|pwned|<i?frame/)
    expect(out.blockedRemote).toBe(3)
  })

  it('shows the noframes content of a frameset message quoted in a reply', () => {
    const out = sanitizeMailHtml(`<p>On Monday:</p><blockquote type="cite">${FRAMESET}</blockquote>`)
    expect(out).toMatch(/<blockquote>.*<p>Hello <b>without frames<\/b><\/p>/s)
    expect(out).not.toMatch(/t\.example|<script|pwned|<i?frame/)
  })

  it("drops a message's own data-mailroom-* markers, so no element becomes a link unchecked", () => {
    const out = sanitizeMessageHtml(
      '<div data-mailroom-href="https://evil.example/" data-mailroom-deceptive="">https://bank.example</div>',
      false,
    )
    expect(out.body).toBe('<body><div>https://bank.example</div></body>')
  })
})
