import type { Attachment } from 'mailparser'

/** A MIME type safe to put in a data: URL as is; anything else is labelled as opaque bytes. */
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i

/**
 * Replaces `cid:` references (RFC 2392) in an HTML body with data: URLs of the parts they name, so
 * the sandboxed message frame can show inline images without any request.
 *
 * Done here rather than by mailparser (which inlines every reference) because each reference
 * copies the whole part: a message naming one image ten thousand times would grow to gigabytes
 * (found by the fuzz test). So the inlined bytes have a budget; references beyond it keep their
 * `cid:` URL, which loads nothing.
 */
export function inlineCidImages(html: string, attachments: readonly Attachment[], budget: number): string {
  const byCid = new Map<string, Attachment>()
  for (const a of attachments) if (a.cid) byCid.set(a.cid.toLowerCase(), a)
  if (byCid.size === 0) return html
  const urls = new Map<string, string>()
  let left = budget
  return html.replace(/cid:([^"'\s<>)]+)/gi, (match, raw: string) => {
    let id = raw
    try {
      id = decodeURIComponent(raw)
    } catch {
      // not percent-encoded after all: use it as written
    }
    id = id.replace(/^<|>$/g, '').toLowerCase()
    const part = byCid.get(id)
    if (!part) return match
    let url = urls.get(id)
    if (url === undefined) {
      const type = typeof part.contentType === 'string' && MIME_TYPE.test(part.contentType)
      url = `data:${type ? part.contentType : 'application/octet-stream'};base64,${part.content.toString('base64')}`
      urls.set(id, url)
    }
    if (url.length > left) return match
    left -= url.length
    return url
  })
}
