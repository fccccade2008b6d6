/**
 * The document the message frame shows (its srcdoc): a CSP of its own, our base styles, then the
 * sanitized message. The frame also inherits the app's CSP (srcdoc documents do), so a load must
 * pass both policies.
 */
import type { SanitizedMessage } from '../../lib/sanitizer/mail-sanitizer'

/** Nothing but inline images and inline styles, plus https images, fonts and styles when allowed. */
export function frameCsp(allowRemote: boolean): string {
  const remote = allowRemote ? ' https:' : ''
  return [
    "default-src 'none'",
    `img-src data: cid:${remote}`,
    `style-src 'unsafe-inline'${remote}`,
    ...(allowRemote ? ['font-src data: https:'] : []),
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ')
}

const BASE_CSS = `
html { color-scheme: light; }
body { margin: 0; padding: 16px 20px; font: 14px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  color: #1d1d1f; overflow-wrap: anywhere; }
img { max-width: 100%; height: auto; }
img[data-mailroom-blocked] { outline: 1px dashed #b8b8c0; min-width: 12px; min-height: 12px; }
:where(a[data-mailroom-href]) { color: #2456d6; text-decoration: underline; cursor: pointer; }
a[data-mailroom-deceptive] { outline: 2px solid #b3261e; outline-offset: 1px; }
a[data-mailroom-deceptive]::after { content: " \\26A0  goes to " attr(data-mailroom-deceptive);
  font-size: 12px; color: #b3261e; background: #fff5f4; }
pre { white-space: pre-wrap; }
`

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

export function buildFrameDocument(message: SanitizedMessage, allowRemote: boolean): string {
  return (
    '<!DOCTYPE html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(frameCsp(allowRemote))}">` +
    '<meta name="referrer" content="no-referrer">' +
    `<style>${BASE_CSS}</style>${message.head}</head>${message.body}</html>`
  )
}
