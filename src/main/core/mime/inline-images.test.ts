import type { Attachment } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { inlineCidImages } from './inline-images'

const part = (cid: string, bytes: number, contentType = 'image/png') =>
  ({ cid, contentType, content: Buffer.alloc(bytes, 7) }) as unknown as Attachment

describe('inlineCidImages', () => {
  it('turns cid: references into data: URLs, percent-encoded ids included', () => {
    const html = '<img src="cid:logo@x.test"><img src="cid:%3Cpic%40x.test%3E">'
    const out = inlineCidImages(html, [part('logo@x.test', 3), part('pic@x.test', 3, 'image/gif')], 10_000)
    expect(out).toBe('<img src="data:image/png;base64,BwcH"><img src="data:image/gif;base64,BwcH">')
  })

  it('keeps references to unknown parts, and labels odd content types as bytes', () => {
    const out = inlineCidImages('<img src="cid:nope"><img src="CID:a">', [part('a', 3, 'text/html; x')], 1000)
    expect(out).toBe('<img src="cid:nope"><img src="data:application/octet-stream;base64,BwcH">')
  })

  it('stops inlining when the budget is spent: a part named many times cannot blow up the body', () => {
    const html = '<img src="cid:big">'.repeat(10_000)
    const out = inlineCidImages(html, [part('big', 30_000)], 100_000)
    expect(out.length).toBeLessThan(html.length + 100_000)
    expect(out.match(/data:image\/png/g)).toHaveLength(2)
    expect(out.match(/cid:big/g)).toHaveLength(9_998)
  })
})
