/**
 * Signatures as the composer writes them: below "-- " on its own line (RFC 3676 §4.3), in text
 * and in HTML. Shared so main (new drafts) and the renderer (switching identity) agree on the form.
 */
import { escapeHtml } from './html-text'

export function signatureText(signature: string | undefined): string {
  return signature?.trim() ? `\n\n-- \n${signature.trim()}\n` : ''
}

export function signatureHtml(signature: string | undefined): string {
  if (!signature?.trim()) return ''
  return `<p>-- <br>${escapeHtml(signature.trim()).replace(/\n/g, '<br>')}</p>`
}

/**
 * Replaces one identity's signature with another's when the From changes. Returns the body
 * unchanged when the old signature is not found as written (the person edited it: leave it be).
 */
export function swapSignature(
  body: string,
  format: 'html' | 'plain',
  previous: string | undefined,
  next: string | undefined,
): string {
  const render = format === 'html' ? signatureHtml : signatureText
  const old = render(previous)
  const fresh = render(next)
  if (old === fresh) return body
  if (old && body.includes(old)) return body.replace(old, fresh)
  if (!old && fresh) {
    // No signature yet: put it after the first (empty) paragraph the draft starts with.
    if (format === 'plain') return `${body.replace(/\n+$/, '')}${fresh}`
    const firstPara = /^<p>.*?<\/p>/.exec(body)
    return firstPara ? `${firstPara[0]}${fresh}${body.slice(firstPara[0].length)}` : `${body}${fresh}`
  }
  return body
}
