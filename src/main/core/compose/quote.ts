/** Text and HTML helpers for quoting; pure string work, no DOM. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Plain text as HTML paragraphs, line breaks kept. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((para) => `<p>${escapeHtml(para).replace(/\n/g, '<br>')}</p>`)
    .join('')
}

/**
 * Quotes text the way RFC 3676 §4.5 reads it: every line gets ">" (and a space before text that
 * was not already quoted), so nested quotes stay ">>" rather than "> >".
 */
export function quoteText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => (line.startsWith('>') || line === '' ? `>${line}` : `> ${line}`))
    .join('\n')
}

/** The RFC 3676 §4.3 signature block: "-- " on its own line, then the signature. */
export function signatureText(signature: string | undefined): string {
  return signature?.trim() ? `\n\n-- \n${signature.trim()}\n` : ''
}

export function signatureHtml(signature: string | undefined): string {
  if (!signature?.trim()) return ''
  const body = escapeHtml(signature.trim()).replace(/\n/g, '<br>')
  return `<p>-- <br>${body}</p>`
}
