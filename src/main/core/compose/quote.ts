/** Text and HTML helpers for quoting; pure string work, no DOM. */

export { escapeHtml, textToHtml } from '../../../shared/mail/html-text'
export { signatureHtml, signatureText } from '../../../shared/mail/signature'

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
