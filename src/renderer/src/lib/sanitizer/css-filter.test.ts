import { describe, expect, it } from 'vitest'
import { filterCss } from './css-filter'

describe('filterCss with remote content blocked', () => {
  it.each([
    ['url()', "body{background:url('https://t.example/bg.png')}"],
    ['unquoted url()', 'td{background-image:url(https://t.example/x.png)}'],
    ['@import with a string', '@import "https://t.example/x.css"; p{color:red}'],
    ['@import with url()', '@import url(https://t.example/x.css) screen;'],
    ['a font', "@font-face{font-family:x;src:url('https://t.example/f.woff2') format('woff2')}"],
    ['image-set strings', 'div{background-image:image-set("https://t.example/a.png" 1x)}'],
    ['-webkit-image-set', 'div{background-image:-webkit-image-set(url(https://t.example/a.png) 1x)}'],
    ['an escaped url()', 'div{background:\\75 rl(https://t.example/a.png)}'],
    ['an escaped @import', '@\\69mport "https://t.example/x.css";'],
    ['an unclosed url() at the end', 'div{background:url(https://t.example/a.png'],
    ['a relative url()', 'div{background:url(/__bridge/invoke)}'],
    ['a protocol-relative url()', 'div{background:url(//t.example/a.png)}'],
    ['a rebuilt @import', '@im@import "x";port "https://t.example/y.css";'],
  ])('removes %s', (_name, css) => {
    const out = filterCss(css, false)
    expect(out.css).not.toMatch(/t\.example|__bridge/)
    expect(out.blocked).toBeGreaterThan(0)
  })

  it('keeps inline data and ordinary styles untouched', () => {
    const css = 'p{color:#333;font:14px serif} i{background:url(data:image/png;base64,AAAA)}'
    expect(filterCss(css, false)).toEqual({ css, blocked: 0 })
  })

  it('cannot end its style element', () => {
    const out = filterCss('p{}</style><img src=x onerror=alert(1)>', false)
    expect(out.css).not.toContain('<')
  })
})

describe('filterCss with remote content allowed', () => {
  it('keeps https and still drops plain http and relative references', () => {
    const out = filterCss(
      "a{background:url(https://cdn.example/a.png)} b{background:url('http://cdn.example/b.png')} c{background:url(/x)}",
      true,
    )
    expect(out.css).toContain('https://cdn.example/a.png')
    expect(out.css).not.toContain('http://cdn.example/b.png')
    expect(out.css).not.toContain('/x)')
  })
})
