/**
 * How a line of a header block reads (RFC 5322 §2.1-2.2): the rules mime-normalize.ts rewrites a
 * message by, and headerBlock() cuts a header block by, so both agree on where headers end.
 */
export const LF = 0x0a

export const isWsp = (b: number | undefined) => b === 0x20 || b === 0x09
export const eolLength = (line: Buffer) =>
  line.at(-1) === LF ? (line.at(-2) === 0x0d ? 2 : 1) : line.at(-1) === 0x0d ? 1 : 0
export const isEmptyLine = (line: Buffer) => line.length > 0 && line.length === eolLength(line)
export function isBlankLine(line: Buffer): boolean {
  const end = line.length - eolLength(line)
  for (let i = 0; i < end; i++) if (!isWsp(line[i])) return false
  return end > 0
}
/** `name:` (RFC 5322 §3.6.8 ftext, with the obsolete white space before the colon). */
export function isField(line: Buffer): boolean {
  let i = 0
  while (i < line.length && line[i]! >= 0x21 && line[i]! <= 0x7e && line[i] !== 0x3a) i++
  if (i === 0) return false
  while (isWsp(line[i])) i++
  return line[i] === 0x3a
}
export const CRLF = Buffer.from('\r\n')
export const eolOf = (line: Buffer) => (eolLength(line) ? line.subarray(line.length - eolLength(line)) : CRLF)

/** What a header line means for the block it is in; `next` is the following line, if known. */
export type HeadLine = 'field' | 'end' | 'blank' | 'body'
export function classify(line: Buffer, messageStart: boolean): HeadLine {
  if (isEmptyLine(line)) return 'end'
  if (isBlankLine(line)) return 'blank'
  if (isWsp(line[0]) || isField(line)) return 'field'
  // An mbox "From " line before the first field (RFC 4155).
  if (messageStart && line.subarray(0, 5).toString('latin1') === 'From ') return 'field'
  return 'body'
}
/** Whether a line of only white space continues the block (folding) given the line after it. */
export const blankContinues = (next: Buffer) => isEmptyLine(next) || isWsp(next[0]) || isField(next)

/**
 * The length of a message's header block by the rules above, up to and including the line that
 * ends it (or the whole source when nothing ends it).
 */
export function headerBlockLength(source: Buffer): number {
  let pos = 0
  let first = true
  while (pos < source.length) {
    const nl = source.indexOf(LF, pos)
    const end = nl === -1 ? source.length : nl + 1
    const line = source.subarray(pos, end)
    const kind = classify(line, first)
    first = false
    if (kind === 'end') return end
    if (kind === 'body') return pos
    if (kind === 'blank') {
      const nextEnd = source.indexOf(LF, end)
      const next = source.subarray(end, nextEnd === -1 ? source.length : nextEnd + 1)
      if (!next.length || !blankContinues(next)) return end
    }
    pos = end
  }
  return source.length
}
