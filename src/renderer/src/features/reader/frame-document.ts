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

/**
 * Our base styles. A message is drawn as the mail author made it, on a light page ("light card",
 * as Thunderbird and Apple Mail do in dark mode): most mail is designed for white only, and
 * inverting it breaks logos and coloured text. Mail that declares dark support (a color-scheme,
 * or prefers-color-scheme rules) is shown dark in the dark theme, its own rules deciding.
 */
const baseCss = (dark: boolean) => `
html { color-scheme: ${dark ? 'dark' : 'light'}; ${dark ? 'background: #222226;' : ''} }
body { margin: 0; padding: 16px 20px; font: 14px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  color: ${dark ? '#ececf1' : '#1d1d1f'}; overflow-wrap: anywhere; }
img { max-width: 100%; height: auto; }
img[data-mailroom-blocked] { outline: 1px dashed #b8b8c0; min-width: 12px; min-height: 12px; }
:where(a[data-mailroom-href]) { color: ${dark ? '#8fb0ff' : '#2456d6'}; text-decoration: underline; cursor: pointer; }
a[data-mailroom-deceptive] { outline: 2px solid #b3261e; outline-offset: 1px; }
a[data-mailroom-deceptive]::after { content: " \\26A0  goes to " attr(data-mailroom-deceptive);
  font-size: 12px; color: #b3261e; background: #fff5f4; }
pre { white-space: pre-wrap; }
`

/**
 * Whether a message's HTML says it works on a dark background: a color-scheme naming dark (CSS
 * property or <meta name="color-scheme">) or prefers-color-scheme: dark rules. Read from the
 * original HTML (the sanitizer drops meta elements); this only decides our base colours.
 */
export function declaresDarkSupport(html: string): boolean {
  return (
    /prefers-color-scheme\s*:\s*dark/i.test(html) ||
    /color-scheme\s*:[^;}"'<]*\bdark\b/i.test(html) ||
    /<meta\b[^>]*name\s*=\s*["']?(?:supported-)?color-scheme["']?[^>]*content\s*=\s*["'][^"']*\bdark\b/i.test(
      html,
    )
  )
}

/** The language the message's HTML declares on its html element (BCP 47 shape), if any. */
export function declaredLanguage(html: string): string | null {
  const m = /<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)\b/i.exec(html)
  return m?.[1] ?? null
}

export interface FrameOptions {
  /** The document's title (the subject): screen readers name the frame's document with it. */
  title: string
  /** Its language; the message's own when it declares one, else the app's. */
  lang: string
  /** Draw it dark (the dark theme, and the message declares dark support). */
  dark: boolean
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')

export function buildFrameDocument(
  message: SanitizedMessage,
  allowRemote: boolean,
  options: FrameOptions = { title: 'Message', lang: 'en', dark: false },
): string {
  return (
    `<!DOCTYPE html><html lang="${escapeAttr(options.lang)}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(frameCsp(allowRemote))}">` +
    '<meta name="referrer" content="no-referrer">' +
    `<title>${escapeText(options.title)}</title>` +
    `<style>${baseCss(options.dark)}</style>${message.head}</head>${message.body}</html>`
  )
}
