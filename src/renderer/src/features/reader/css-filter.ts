/** Moved to lib/sanitizer (shared by the reader and the composer); kept for existing imports. */
export * from '../../lib/sanitizer/css-filter'
