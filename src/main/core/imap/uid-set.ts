/** IMAP sequence sets (RFC 3501 §9 `sequence-set`) for UID lists. */

/** Compresses UIDs (any order, duplicates allowed) into ranges: [5,1,2,3,9] → "1:3,5,9". */
export function toSequenceSet(uids: readonly number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b)
  const parts: string[] = []
  let i = 0
  while (i < sorted.length) {
    const start = sorted[i]!
    let end = start
    while (i + 1 < sorted.length && sorted[i + 1] === end + 1) end = sorted[++i]!
    parts.push(start === end ? String(start) : `${start}:${end}`)
    i++
  }
  return parts.join(',')
}

/**
 * Expands a sequence set from the server (an ESEARCH `ALL`, RFC 4731) into ascending UIDs.
 * Refuses `*` and anything that is not a well-formed set, and caps the total so that a hostile
 * "1:4294967295" cannot exhaust memory.
 */
export function parseSequenceSet(set: string, maxCount = 10_000_000): number[] {
  const out: number[] = []
  if (set.trim() === '') return out
  for (const part of set.split(',')) {
    const m = /^(\d{1,10})(?::(\d{1,10}))?$/.exec(part.trim())
    if (!m) throw new Error(`Invalid sequence set from server: ${part.slice(0, 40)}`)
    const a = Number(m[1])
    const b = m[2] === undefined ? a : Number(m[2])
    const [lo, hi] = a <= b ? [a, b] : [b, a]
    if (out.length + (hi - lo + 1) > maxCount) throw new Error('Sequence set from server is too large')
    for (let n = lo; n <= hi; n++) out.push(n)
  }
  return [...new Set(out)].sort((x, y) => x - y)
}
