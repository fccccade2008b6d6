import libmime from 'libmime'
import type { MailAddress } from '../../../shared/model/mail'

/**
 * The one reader of address header values (From, To, Cc, Bcc, Reply-To: RFC 5322 §3.4), for the
 * list row and the message view alike, tolerant the way real mail needs:
 * - every mailbox is kept as written, with or without a domain (`From: root`,
 *   `To: undisclosed-recipients`, old list mail to local users), as Python's reader keeps it;
 * - an RFC 2047 encoded word is one token whatever its text holds, so `=?UTF-8?Q?Smile_:)?=` or
 *   `=?UTF-8?Q?Doe,_Jane?=` is a display name, not a group or two addresses; adjacent encoded
 *   words join without the space between them (RFC 2047 §6.2), also inside a quoted string;
 * - an encoded word never becomes an address (RFC 2047 §5): one inside `<>` is refused unless it
 *   decodes to a plain local@domain;
 * - groups are flattened, obsolete routes dropped, a comment names a mailbox that has no phrase
 *   (`jane@example.test (Jane Doe)`), and addresses written without commas between them are split.
 * Why by hand: nodemailer's addressparser (mailparser's reader) drops a mailbox without a domain
 * and folds it into the next entry's name ("bob, Q <q@r>" becomes one mailbox named "bob, Q"),
 * and reads specials inside encoded words as syntax; email-addresses implements the strict
 * grammar and refuses such lists whole.
 */

/** `space`: the white space written before the token ('' when none). */
type Token =
  | { kind: 'word' | 'quoted' | 'encoded' | 'angle' | 'comment'; text: string; space: string }
  | { kind: ',' | ':' | ';'; text: ''; space: string }

const ENCODED_WORD = /=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=/y
const HAS_ENCODED_WORD = /=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=/
const WORD_END = /[\s"(<>,:;]/

/** Reads a quoted string or a comment starting at `i`; returns its content and the index after it. */
function delimited(s: string, i: number, open: string, close: string): [string, number] {
  let depth = 1
  let text = ''
  let j = i + 1
  for (; j < s.length; j++) {
    const c = s[j]!
    if (c === '\\' && j + 1 < s.length) {
      text += s[++j]
      continue
    }
    if (c === close && --depth === 0) return [text, j + 1]
    if (c === open && open !== close) depth++
    text += c
  }
  return [text, j] // unterminated: runs to the end, as Python reads it
}

function tokenize(s: string): Token[] {
  const out: Token[] = []
  let space = ''
  let i = 0
  while (i < s.length) {
    const c = s[i]!
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      space += c
      i++
      continue
    }
    if (c === '"' || c === '(') {
      const [text, next] = delimited(s, i, c, c === '"' ? '"' : ')')
      out.push({ kind: c === '"' ? 'quoted' : 'comment', text, space })
      i = next
    } else if (c === '<') {
      const end = s.indexOf('>', i + 1)
      const stop = end === -1 ? s.length : end
      out.push({ kind: 'angle', text: s.slice(i + 1, stop), space })
      i = stop + 1
    } else if (c === ',' || c === ':' || c === ';') {
      out.push({ kind: c, text: '', space })
      i++
    } else if (c === '>' || c === ')') {
      i++ // stray closer
    } else {
      ENCODED_WORD.lastIndex = i
      const encoded = c === '=' ? ENCODED_WORD.exec(s) : null
      let end = i + 1
      if (encoded) end = i + encoded[0].length
      else while (end < s.length && !WORD_END.test(s[end]!)) end++
      out.push({ kind: encoded ? 'encoded' : 'word', text: s.slice(i, end), space })
      i = end
    }
    space = ''
  }
  return out
}

export function decodeWords(value: string): string {
  // Every RFC 2047 encoded word starts with "=?"; most values have none.
  if (!value.includes('=?')) return value
  try {
    return libmime.decodeWords(value)
  } catch {
    return value // an encoded word that does not decode is shown as written
  }
}

/**
 * A display name: its words with the white space written between them (as mailparser keeps it),
 * encoded words decoded, adjacent ones joined without the space between them.
 */
function phrase(tokens: Token[]): string {
  let out = ''
  let run: string[] = []
  const endRun = () => {
    if (run.length) out += decodeWords(run.join(' '))
    run = []
  }
  for (const t of tokens) {
    if (t.kind === 'comment') continue
    if (t.kind === 'encoded') {
      if (!run.length && out) out += t.space
      run.push(t.text)
      continue
    }
    endRun()
    if (out) out += t.space
    out += t.kind === 'quoted' ? decodeWords(t.text) : t.text
  }
  endRun()
  return out.replace(/[\r\n]+/g, '').trim()
}

/** The address inside `<...>`, without route or folding; null for an encoded word that is not one. */
function angleAddress(text: string): string | null {
  let a = text.includes('"') ? text.trim() : text.replace(/\([^()]*\)|\s+/g, '')
  a = a.replace(/^@[^:]*:/, '') // obs-route (RFC 5322 §4.4)
  if (!HAS_ENCODED_WORD.test(a)) return a
  const decoded = decodeWords(a)
  return /^[^\s@"]+@[^\s@"]+$/.test(decoded) && !decoded.includes('=?') ? decoded : null
}

const mailbox = (address: string, name: string): MailAddress => (name ? { name, address } : { address })

/** The words of an addr-spec written without `<>`, as written (quoted parts keep their quotes). */
function chunks(tokens: Token[]): { text: string; from: number }[] {
  const out: { text: string; from: number }[] = []
  tokens.forEach((t, i) => {
    if (t.kind === 'comment') return
    const text = t.kind === 'quoted' ? `"${t.text.replace(/["\\]/g, '\\$&')}"` : t.text
    const last = out.at(-1)
    if (last && !t.space && tokens[i - 1]?.kind !== 'comment') last.text += text
    else out.push({ text, from: i })
  })
  return out
}

function readMailbox(tokens: Token[], out: MailAddress[]): void {
  if (tokens.length === 0) return
  const comments = tokens
    .filter((t) => t.kind === 'comment')
    .map((t) => decodeWords(t.text).trim())
    .filter(Boolean)
    .join(' ')
  const angle = tokens.findIndex((t) => t.kind === 'angle')
  if (angle >= 0) {
    const address = angleAddress(tokens[angle]!.text)
    if (address) out.push(mailbox(address, phrase(tokens.slice(0, angle)) || comments))
    return
  }
  const words = chunks(tokens)
  if (words.length === 0) return
  const withAt = words.filter((w) => w.text.includes('@'))
  if (words.length > 1 && withAt.length === words.length) {
    for (const w of words) out.push({ address: w.text }) // addresses written without commas
  } else if (words.length > 1 && withAt.length === 1 && words.at(-1)!.text.includes('@')) {
    // `Jane Doe jane@example.test`: the phrase of a mailbox whose brackets were left out
    out.push(mailbox(words.at(-1)!.text, phrase(tokens.slice(0, words.at(-1)!.from)) || comments))
  } else if (words.length === 1 && tokens.filter((t) => t.kind !== 'comment').length === 1) {
    const only = tokens.find((t) => t.kind !== 'comment')!
    out.push(mailbox(only.kind === 'quoted' ? only.text : words[0]!.text, comments))
  } else {
    out.push(mailbox(words.map((w) => w.text).join(' '), comments))
  }
}

/** One mailbox in its common shapes (`addr`, `Name <addr>`, `"Name" <addr>`) with nothing else. */
const ADDR = String.raw`[^\s"(),:;<>@\[\]\\]+@[^\s"(),:;<>@\[\]\\]+`
const SIMPLE_MAILBOX = new RegExp(
  String.raw`^\s*(?:"([^"\\]*)"|([^"(),:;<>@\[\]\\]*?))\s*<(${ADDR})>\s*$|^\s*(${ADDR})\s*$`,
)

/**
 * All mailboxes of an address header value, groups flattened. The common one-mailbox shapes take
 * a fast path (the header sync reads From and To of every message of a 100,000-message folder);
 * it reads them exactly as the full reader does.
 */
export function readAddressList(value: string | null | undefined): MailAddress[] {
  if (!value) return []
  const simple = value.includes('=?') ? null : SIMPLE_MAILBOX.exec(value)
  if (simple) {
    const name = (simple[1] ?? simple[2] ?? '').trim()
    return [mailbox(simple[3] ?? simple[4]!, name)]
  }
  const out: MailAddress[] = []
  let entry: Token[] = []
  for (const t of tokenize(value)) {
    if (t.kind === ',' || t.kind === ';') {
      readMailbox(entry, out)
      entry = []
    } else if (t.kind === ':') {
      // A group's display name (RFC 5322 §3.4): its members follow; the name itself is no mailbox.
      if (!entry.some((e) => e.kind === 'angle')) entry = []
    } else {
      entry.push(t)
    }
  }
  readMailbox(entry, out)
  return out
}
