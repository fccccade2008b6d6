/** The composer's entry to the one mail sanitizer (lib/sanitizer); kept for existing imports. */
export { sanitizeMailHtml, sanitizeMessageHtml } from './sanitizer/mail-sanitizer'
