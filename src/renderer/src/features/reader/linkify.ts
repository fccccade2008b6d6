/**
 * Finds web and mail addresses in plain text. The result is data (text pieces and links with
 * checked targets), rendered by React, so message text is never interpreted as markup.
 */
import { linkTarget } from '../../lib/sanitizer/url-policy'

export type TextPiece = { kind: 'text'; text: string } | { kind: 'link'; text: string; target: string }

const FINDER =
  /\b(?:https?:\/\/|www\.)[^\s<>"'`]+|\bmailto:[^\s<>"'`]+|[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/gi

/** Punctuation that usually ends the sentence rather than the address. */
function trimTrailing(candidate: string): string {
  let s = candidate.replace(/[.,;:!?'"]+$/, '')
  // A closing parenthesis belongs to the URL only when it opened one (Wikipedia-style links).
  while (s.endsWith(')') && (s.match(/\(/g)?.length ?? 0) < (s.match(/\)/g)?.length ?? 0)) s = s.slice(0, -1)
  return s
}

export function linkify(text: string): TextPiece[] {
  const pieces: TextPiece[] = []
  let last = 0
  for (const match of text.matchAll(FINDER)) {
    const found = trimTrailing(match[0])
    const raw = /^www\./i.test(found)
      ? `http://${found}`
      : found.includes('://') || /^mailto:/i.test(found)
        ? found
        : `mailto:${found}`
    const target = linkTarget(raw)
    if (!target || found === '') continue
    if (match.index > last) pieces.push({ kind: 'text', text: text.slice(last, match.index) })
    pieces.push({ kind: 'link', text: found, target })
    last = match.index + found.length
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last) })
  return pieces
}
