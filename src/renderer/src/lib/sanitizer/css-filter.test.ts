import { describe, expect, it } from 'vitest'
import { cssReferences } from '../../test-support/remote-references'
import { checkCssValue, filterCss } from './css-filter'

const R = 'https://t.example'

describe('filterCss with remote content blocked', () => {
  it.each([
    ['url()', `body{background:url('${R}/bg.png')}`, 1],
    ['unquoted url()', `td{background-image:url(${R}/x.png)}`, 1],
    ['@import with a string', `@import "${R}/x.css"; p{color:red}`, 1],
    ['@import with url()', `@import url(${R}/x.css) screen;`, 1],
    ['a font', `@font-face{font-family:x;src:url('${R}/f.woff2') format('woff2')}`, 1],
    ['image-set strings', `div{background-image:image-set("${R}/a.png" 1x)}`, 1],
    ['-webkit-image-set', `div{background-image:-webkit-image-set(url(${R}/a.png) 1x)}`, 1],
    ['an escaped url()', `div{background:\\75 rl(${R}/a.png)}`, 1],
    ['an escaped @import', `@\\69mport "${R}/x.css";`, 1],
    ['an unclosed url() at the end', `div{background:url(${R}/a.png`, 1],
    ['a protocol-relative url()', 'div{background:url(//t.example/a.png)}', 1],
    // The shapes a pattern filter missed:
    ['@import"url" without a space', `@import"${R}/x.css";`, 1],
    ["@import'url' without a space", `@import'${R}/x.css';`, 1],
    ['@import behind a comment', `@import/**/"${R}/x.css";`, 1],
    [
      '@IMPORT in upper case with layer and supports',
      `@IMPORT url("${R}/x.css") layer(a) supports(display:grid);`,
      1,
    ],
    ['@import inside an old-style comment', `<!-- @import "${R}/x.css"; -->`, 1],
    [
      'a URL string in a custom property used by image-set(var())',
      `:root{--x:"${R}/v.png"} p{background-image:image-set(var(--x) 1x)}`,
      1,
    ],
    ['url() in a custom property', `:root{--x:url(${R}/v.png)} p{background:var(--x)}`, 1],
    ['src("…")', `p{background-image:src("${R}/s.png")}`, 1],
    ['src(var())', 'p{background-image:src(var(--x))}', 1],
    ['image("…")', `p{background-image:image("${R}/i.png")}`, 1],
    ['u\\72l(', `p{background:u\\72l(${R}/a.png)}`, 1],
    ['\\55 RL(', `p{background:\\55 RL(${R}/a.png)}`, 1],
    ['cursor', `p{cursor:url(${R}/c.cur),auto}`, 1],
    ['list-style', `li{list-style:square url(${R}/l.png) inside}`, 1],
    [
      'border-image and its -webkit- twin',
      `p{border-image:url(${R}/b.png) 30;-webkit-border-image:url(${R}/w.png) 30}`,
      2,
    ],
    [
      'mask-image, mask and -webkit-mask-box-image',
      `p{mask-image:url(${R}/m.png);mask:url(${R}/m.svg#m);-webkit-mask-box-image:url(${R}/b.png)}`,
      3,
    ],
    ['shape-outside', `p{shape-outside:url(${R}/s.png)}`, 1],
    [
      'filter and clip-path to another document',
      `p{filter:url(${R}/f.svg#f);clip-path:url(${R}/c.svg#c)}`,
      2,
    ],
    ['-webkit-cross-fade', `p{background-image:-webkit-cross-fade(url(${R}/a.png),url(${R}/b.png),50%)}`, 1],
    ['content: image-set() with type()', `p::after{content:image-set("${R}/c.png" type("image/png") 1x)}`, 1],
    ['behavior and -moz-binding', `p{behavior:url(${R}/b.htc);-moz-binding:url(${R}/x.xml#b)}`, 2],
    [
      'a font with unicode-range',
      `@font-face{font-family:x;src:local(x),url(${R}/f.woff2);unicode-range:U+0041}`,
      1,
    ],
    ['@namespace', `@namespace svg url(${R}/ns);`, 1],
    ['@-moz-document', `@-moz-document url-prefix(){p{background:url(${R}/d.png)}}`, 1],
    ['an unknown at-rule', `@foo bar{p{background:url(${R}/u.png)}}`, 1],
    [
      '@media and @supports',
      `@media screen{p{background:url(${R}/m.png)}}@supports (display:grid){p{background:url(${R}/s.png)}}`,
      2,
    ],
    ['a nested rule', `p{color:red;& b{background:url(${R}/n.png)}}`, 1],
    [
      '@property initial-value',
      `@property --p{syntax:"<image>";inherits:false;initial-value:url(${R}/p.png)}`,
      1,
    ],
    ['a url in a selector', `p:is(url(${R}/s.png)){color:red}`, 1],
    ['http and ftp', 'p{background:url(http://t.example/a.png)} b{background:url(ftp://t.example/b.png)}', 2],
  ])('removes and counts %s', (_name, css, count) => {
    const out = filterCss(css, false)
    expect(out.css).not.toMatch(/t\.example/)
    expect(out.blocked).toBe(count)
  })

  it.each([
    ['a relative url()', 'div{background:url(/__bridge/invoke)}'],
    [
      'a fragment in background-image (Chromium fetches the base document for it)',
      'p{background-image:url(#x)}',
    ],
    ['an @import of data: (which could import further)', '@import "data:text/css,@import url(x.css);";'],
    ['a bad url', `p{background:url(${R}/a b.png)}`],
    ['expression()', "p{width:expression(window.pwned='x')}"],
    // The browser reads "@im@import …;" as an unknown at-rule, and what follows as a rule without a block.
    ['a rebuilt @import', `@im@import "x";port "${R}/y.css";`],
  ])('removes %s, which reaches no server: not counted', (_name, css) => {
    const out = filterCss(css, false)
    expect(out.css).not.toMatch(/t\.example|__bridge|url\(#|data:text|a b\.png|expression|import/)
    expect(out.blocked).toBe(0)
  })

  it('keeps inline data and ordinary styles untouched', () => {
    const css = 'p{color:#333;font:14px serif} i{background:url(data:image/png;base64,AAAA)}'
    expect(filterCss(css, false)).toEqual({ css, blocked: 0 })
  })

  it('keeps references to elements of the message where they name one', () => {
    const css =
      'rect{fill:url(#g);stroke:url("#g");filter:url(#f);clip-path:url(#c);mask:url(#m);marker-end:url(#e)}'
    expect(filterCss(css, false)).toEqual({ css, blocked: 0 })
  })

  it('keeps a newsletter style sheet as it was', () => {
    const css = `/* Newsletter */
:root { --brand: #c0392b; --pad: 16px }
@font-face { font-family: Brand; src: url(data:font/woff2;base64,AAAA) format("woff2"); }
@media only screen and (max-width: 600px) { .col { width: 100% !important; display: block } }
@media (400px <= width <= 700px) { .wide { padding: var(--pad) } }
@supports (display: grid) { .grid { display: grid; grid-template-columns: repeat(2, 1fr) } }
@keyframes fade { from { opacity: 0 } to { opacity: 1 } }
a:hover, a[href^="https"] { color: var(--brand); background: linear-gradient(to right, #fff, rgba(0,0,0,.1)) }
.hero { background: #f4f4f4 url("data:image/png;base64,AAAA") no-repeat center / cover; content: "→ <b>" }`
    const out = filterCss(css, false)
    expect(out.blocked).toBe(0)
    // Only "<" changes (escaped, except before a space as in the media range): the text cannot end its element.
    expect(out.css).toBe(css.replace('"→ <b>"', '"→ \\3c b>"'))
  })

  it('replaces only the reference in a shorthand, so the rest of the declaration still applies', () => {
    const out = filterCss(`td{background:#eee url(${R}/bg.png) no-repeat}`, false)
    expect(out).toEqual({ css: 'td{background:#eee  none  no-repeat}', blocked: 1 })
  })

  it('drops old-style comment markers around a style sheet and keeps its rules', () => {
    expect(filterCss('<!-- p{color:red} -->', false)).toEqual({ css: '  p{color:red}  ', blocked: 0 })
  })

  it('cannot end its style element, however "<" is written', () => {
    for (const css of [
      'p{}</style><img src=x onerror=alert(1)>',
      'p{content:"</style><img src=x onerror=alert(1)>"}',
      '/* </style><script>alert(1)</script> */',
      'p{background:url(data:image/png,</style>)}',
      `p{x:\\<url(${R}/a.png)}`,
      `\\<url(${R}/a.png)`,
      // Escaping "<" turns it into a name that joins the url token after it: a function "<url("
      // whose "/*" then opens a comment, which ends in a string, whose rest becomes an @import.
      `<url(data:image/png,a/*b) p{content:"*/){}@import '${R}/x.css';"}`,
    ]) {
      const out = filterCss(css, false)
      expect(out.css, css).not.toMatch(/<[/!\w]/)
      // "\<url(" is a function named "<url", not url(): the text stays, and loads nothing.
      expect(cssReferences(out.css), css).toEqual([])
    }
  })
})

describe('filterCss on a style attribute (a declaration list)', () => {
  it('filters each declaration and keeps the rest', () => {
    const out = filterCss(
      `color:red;background:url(${R}/a.png);--x:"${R}/b.png";padding:4px`,
      false,
      'declarations',
    )
    expect(out).toEqual({ css: 'color:red;background: none ; ;padding:4px', blocked: 1 })
  })

  it('drops an @import, which a declaration list cannot hold', () => {
    const out = filterCss(`@import "${R}/x.css"; color:red`, false, 'declarations')
    expect(out.css).not.toContain('import')
    expect(out.css).toContain('color:red')
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

  it('keeps an https @import, never one of http or data:', () => {
    expect(filterCss('@import"https://cdn.example/a.css";', true).css).toBe(
      '@import"https://cdn.example/a.css";',
    )
    expect(filterCss('@import"http://cdn.example/a.css";', true).css).not.toContain('import')
    expect(filterCss('@import"data:text/css,p{}";', true).css).not.toContain('import')
  })
})

describe('checkCssValue (SVG presentation attributes)', () => {
  it.each([
    ['fill', `url(${R}/f.svg#g)`, false, 1],
    ['filter', `url('${R}/f.svg#f')`, false, 1],
    ['marker-end', `u\\72l(${R}/m.svg#e)`, false, 1],
    ['cursor', `url(${R}/c.cur), auto`, false, 1],
    ['fill', 'url(#g) red', true, 0],
    ['marker-start', 'url(#m)', true, 0],
    ['transform', 'rotate(45) translate(2 3)', true, 0],
    ['values', `url(${R}/v.svg#x);red`, false, 1],
  ])('%s="%s" stays: %s (%i counted)', (property, value, keep, blocked) => {
    expect(checkCssValue(value, property, false)).toEqual({ keep, blocked })
  })
})
