/** The reader's sanitizer now lives in lib/sanitizer (one sanitizer for the reader and the composer). */
export { sanitizeMessageHtml, type SanitizedMessage } from '../../lib/sanitizer/mail-sanitizer'
