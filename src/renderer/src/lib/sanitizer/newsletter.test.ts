// @vitest-environment jsdom
/**
 * A legitimate newsletter keeps its looks through the sanitizer: style sheets (also in old-style
 * comment markers, which DOMPurify would otherwise take for markup and drop whole), media
 * queries, inline styles, table attributes, inline (data:, cid:) images and an SVG logo whose
 * gradient is a reference to an element of the message.
 */
import { describe, expect, it } from 'vitest'
import { sanitizeMessageHtml } from './mail-sanitizer'

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

const SHEET = `body { margin: 0; background: #f4f4f4; font-family: Georgia, 'Times New Roman', serif; }
.wrapper { width: 100%; max-width: 600px; margin: 0 auto; }
.hero { background: #2c3e50 url("${PNG}") no-repeat center / cover; color: #fff; }
h1.title { font: bold 28px/1.2 Helvetica, Arial, sans-serif; letter-spacing: -0.5px; }
a.button { display: inline-block; padding: 12px 24px; border-radius: 4px; background: linear-gradient(#e74c3c, #c0392b); }
@media only screen and (max-width: 620px) { .col { display: block !important; width: 100% !important; } }
@font-face { font-family: Brand; src: url(data:font/woff2;base64,d09GMgABAAAAAA) format("woff2"); }`

const NEWSLETTER = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Weekly</title>
<style type="text/css"><!--
${SHEET}
--></style>
<style>.footer { color: #7f8c8d; font-size: 12px; }</style>
</head><body bgcolor="#f4f4f4" style="margin:0;padding:0">
<table class="wrapper" width="600" cellpadding="0" cellspacing="0" border="0" align="center" bgcolor="#ffffff">
<tr><td class="hero" style="padding:40px 30px;text-align:center" background="${PNG}">
<svg width="120" height="40" viewBox="0 0 120 40"><defs><linearGradient id="logo-g"><stop offset="0" stop-color="#e74c3c"/><stop offset="1" stop-color="#8e44ad"/></linearGradient></defs><rect width="120" height="40" rx="6" fill="url(#logo-g)"/></svg>
<h1 class="title" style="margin:0 0 12px;color:#ffffff">This week</h1></td></tr>
<tr><td class="col" style="padding:20px 30px;font-size:16px;line-height:24px;color:#333333" valign="top" width="300">
<img src="cid:photo@news" width="280" height="160" alt="Photo" style="display:block;border:0;max-width:100%">
<p style="margin:0 0 16px">Hello, reader.</p>
<a class="button" href="https://news.example/read" style="color:#ffffff;text-decoration:none">Read more</a></td>
<td class="col" width="300"><img src="${PNG}" alt="Pixel art" width="1" height="1"></td></tr>
<tr><td class="footer" colspan="2" style="padding:20px;text-align:center"><font face="Arial" color="#999999">Unsubscribe</font></td></tr>
</table></body></html>`

describe('a styled newsletter', () => {
  const out = sanitizeMessageHtml(NEWSLETTER, false)
  const doc = new DOMParser().parseFromString(
    `<!DOCTYPE html><html><head>${out.head}</head>${out.body}</html>`,
    'text/html',
  )

  it('counts nothing: all its images are inline', () => {
    expect(out.blockedRemote).toBe(0)
  })

  it('keeps its style sheets, rule for rule (the comment markers aside)', () => {
    const sheets = Array.from(doc.querySelectorAll('head style'), (s) => s.textContent ?? '')
    expect(sheets).toHaveLength(2)
    expect(sheets[0]!.trim()).toBe(SHEET)
    expect(sheets[1]).toBe('.footer { color: #7f8c8d; font-size: 12px; }')
  })

  it('keeps inline styles, table attributes and inline images as they were', () => {
    const source = new DOMParser().parseFromString(NEWSLETTER, 'text/html')
    const attrs = (d: Document) =>
      Array.from(d.body.querySelectorAll('*'), (el) =>
        Array.from(el.attributes, (a) => `${el.localName}@${a.name}=${a.value}`),
      ).flat()
    // The one link becomes a reader link (target in data, no href); everything else is unchanged.
    const kept = attrs(doc).filter((a) => !/^a@(data-mailroom-href|title|role|tabindex)=/.test(a))
    expect(kept).toEqual(attrs(source).filter((a) => a !== 'a@href=https://news.example/read'))
    expect(doc.body.getAttribute('bgcolor')).toBe('#f4f4f4')
    expect(doc.querySelector('rect')?.getAttribute('fill')).toBe('url(#logo-g)')
    expect(doc.querySelector('a.button')?.getAttribute('data-mailroom-href')).toBe(
      'https://news.example/read',
    )
  })
})
