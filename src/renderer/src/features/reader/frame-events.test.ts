// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { attachFrameHandlers, type FrameLink } from './frame-events'
import { buildFrameDocument } from './frame-document'
import { sanitizeMessageHtml } from '../../lib/sanitizer/mail-sanitizer'

function frameDoc(html: string): Document {
  // A separate document, as the frame's is: the handlers must not rely on this window's classes.
  const doc = document.implementation.createHTMLDocument('')
  doc.documentElement.innerHTML = new DOMParser().parseFromString(
    buildFrameDocument(sanitizeMessageHtml(html, false), false),
    'text/html',
  ).documentElement.innerHTML
  return doc
}

describe('attachFrameHandlers', () => {
  const html = `<p>Pay at <a href="https://evil.example/pay"><b>https://bank.example</b></a>
    or <a href="https://shop.example/">the shop</a> or <a href="javascript:steal()">this</a></p>`

  it('turns a click anywhere inside a link into onLink with its real target', () => {
    const doc = frameDoc(html)
    const links: FrameLink[] = []
    attachFrameHandlers(doc, { onLink: (l) => links.push(l), onHover: () => {}, onKey: () => {} })
    const click = new MouseEvent('click', { bubbles: true, cancelable: true })
    doc.querySelector('b')!.dispatchEvent(click)
    expect(click.defaultPrevented).toBe(true)
    doc.querySelectorAll('a')[1]!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
    doc.querySelectorAll('a')[2]!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
    expect(links).toEqual([
      { target: 'https://evil.example/pay', text: 'https://bank.example', deceptive: 'evil.example' },
      { target: 'https://shop.example/', text: 'the shop', deceptive: null },
    ])
  })

  it('opens a focused link with Enter, reports hovered targets, forwards other keys, and detaches', () => {
    const doc = frameDoc(html)
    const links: string[] = []
    const hovers: (string | null)[] = []
    const keys: string[] = []
    const detach = attachFrameHandlers(doc, {
      onLink: (l) => links.push(l.target),
      onHover: (t) => hovers.push(t),
      onKey: (e) => keys.push(e.key),
    })
    const shop = doc.querySelectorAll('a')[1]!
    shop.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }))
    shop.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }))
    doc.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }))
    expect(links).toEqual(['https://shop.example/'])
    expect(hovers).toEqual(['https://shop.example/'])
    expect(keys).toEqual(['j'])
    detach()
    shop.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    expect(links).toHaveLength(1)
  })
})
