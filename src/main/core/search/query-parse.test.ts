import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SEARCH_OPERATORS } from '../../../shared/model/search'
import { parseAge, parseDay, parseQuery, parseSize, QUERY_OPERATORS, type QueryNode } from './query-parse'

const NOW = new Date(2026, 11, 7, 12, 0, 0).getTime()
const root = (q: string): QueryNode | null => {
  const parsed = parseQuery(q, NOW)
  expect(parsed.problems, q).toEqual([])
  return parsed.root
}
const problems = (q: string) => parseQuery(q, NOW).problems

describe('parseQuery', () => {
  it('reads bare words and phrases as text anywhere, all of them required', () => {
    expect(root('hike')).toEqual({ kind: 'text', field: 'any', text: 'hike' })
    expect(root('hike "lake view"')).toEqual({
      kind: 'and',
      items: [
        { kind: 'text', field: 'any', text: 'hike' },
        { kind: 'text', field: 'any', text: '"lake view"' },
      ],
    })
  })

  it('reads every field operator, with a bare or a quoted value', () => {
    for (const field of ['from', 'to', 'cc', 'subject', 'body', 'filename'] as const) {
      expect(root(`${field}:alice`)).toEqual({ kind: 'text', field, text: 'alice' })
      expect(root(`${field.toUpperCase()}:"two words"`)).toEqual({ kind: 'text', field, text: 'two words' })
    }
  })

  it('reads is:, has: and in:', () => {
    expect(root('is:unread')).toEqual({ kind: 'flag', flag: 'unread' })
    expect(root('is:read')).toEqual({ kind: 'flag', flag: 'read' })
    expect(root('is:flagged')).toEqual({ kind: 'flag', flag: 'flagged' })
    expect(root('is:starred')).toEqual({ kind: 'flag', flag: 'flagged' })
    expect(root('is:answered')).toEqual({ kind: 'flag', flag: 'answered' })
    expect(root('has:attachment')).toEqual({ kind: 'attachment' })
    expect(root('in:Inbox')).toEqual({ kind: 'in', folder: 'Inbox' })
    expect(root('in:"My Projects"')).toEqual({ kind: 'in', folder: 'My Projects' })
    expect(root('in:anywhere')).toEqual({ kind: 'in', folder: null })
  })

  it('reads dates, ages and sizes', () => {
    expect(root('before:2026/12/01')).toEqual({
      kind: 'date',
      op: 'before',
      at: new Date(2026, 11, 1).getTime(),
    })
    expect(root('after:2026-01-31')).toEqual({
      kind: 'date',
      op: 'after',
      at: new Date(2026, 0, 31).getTime(),
    })
    expect(root('after:12/24/2025')).toEqual({
      kind: 'date',
      op: 'after',
      at: new Date(2025, 11, 24).getTime(),
    })
    expect(root('newer_than:7d')).toEqual({
      kind: 'date',
      op: 'after',
      at: new Date(2026, 10, 30, 12).getTime() + 1,
    })
    expect(root('older_than:2m')).toEqual({
      kind: 'date',
      op: 'before',
      at: new Date(2026, 9, 7, 12).getTime(),
    })
    expect(root('older_than:1Y')).toEqual({
      kind: 'date',
      op: 'before',
      at: new Date(2025, 11, 7, 12).getTime(),
    })
    expect(root('larger:10K')).toEqual({ kind: 'size', op: 'larger', bytes: 10 * 1024 })
    expect(root('smaller:5M')).toEqual({ kind: 'size', op: 'smaller', bytes: 5 * 1024 * 1024 })
    expect(root('larger:1.5mb')).toEqual({ kind: 'size', op: 'larger', bytes: 1.5 * 1024 * 1024 })
    expect(root('smaller:2000')).toEqual({ kind: 'size', op: 'smaller', bytes: 2000 })
  })

  it('reads -, OR and parentheses; OR binds tighter than the implied AND', () => {
    expect(root('-from:bob')).toEqual({ kind: 'not', item: { kind: 'text', field: 'from', text: 'bob' } })
    expect(root('a OR b c')).toEqual({
      kind: 'and',
      items: [
        {
          kind: 'or',
          items: [
            { kind: 'text', field: 'any', text: 'a' },
            { kind: 'text', field: 'any', text: 'b' },
          ],
        },
        { kind: 'text', field: 'any', text: 'c' },
      ],
    })
    expect(root('-(is:read OR has:attachment)')).toEqual({
      kind: 'not',
      item: { kind: 'or', items: [{ kind: 'flag', flag: 'read' }, { kind: 'attachment' }] },
    })
    // Only upper-case OR is the operator (as in Gmail); "or" is a word.
    expect(root('a or b')).toMatchObject({ kind: 'and' })
    // A hyphen inside a word or alone is not a negation.
    expect(root('e-mail')).toEqual({ kind: 'text', field: 'any', text: 'e-mail' })
  })

  it('searches unknown operators and stray syntax as words, and never fails on them', () => {
    expect(root('re:hello')).toEqual({ kind: 'text', field: 'any', text: 're:hello' })
    expect(root('http://example.com')).toEqual({ kind: 'text', field: 'any', text: 'http://example.com' })
    expect(root('OR')).toEqual({ kind: 'text', field: 'any', text: 'OR' })
    expect(root('a OR')).toMatchObject({ kind: 'and' })
    expect(root('(a b')).toMatchObject({ kind: 'and' })
    expect(root('a) b')).toMatchObject({ kind: 'and' })
    expect(root('"unclosed phrase')).toEqual({ kind: 'text', field: 'any', text: '"unclosed phrase' })
    // Nothing to look for: no tree, no problem.
    for (const q of ['', '   ', '"', '-', '()', 'from:', 'before:', '!@#$%', '(((('])
      expect(root(q), q).toBeNull()
  })

  it('names a known operator whose value cannot mean anything', () => {
    expect(problems('before:2026/13/45')).toEqual([
      { term: 'before:2026/13/45', message: expect.stringContaining('date') as string },
    ])
    for (const q of [
      'after:2026/02/30',
      'before:yesterday',
      'older_than:7w',
      'newer_than:d',
      'larger:lots',
      'smaller:5T',
      'is:bogus',
      'has:drive',
    ]) {
      expect(problems(q), q).toHaveLength(1)
      expect(problems(q)[0]?.term).toBe(q)
    }
  })

  it('reads every operator the search box offers', () => {
    for (const op of SEARCH_OPERATORS) expect(QUERY_OPERATORS, op).toContain(`${op.split(':')[0]}:`)
    for (const op of SEARCH_OPERATORS.filter((o) => !o.endsWith(':'))) {
      expect(root(op)?.kind, op).not.toBe('text')
    }
  })

  it('parses date, age and size values strictly', () => {
    expect(parseDay('2024/02/29')).toBe(new Date(2024, 1, 29).getTime())
    expect(parseDay('2025/02/29')).toBeNull()
    expect(parseDay('2026/1/5')).toBe(new Date(2026, 0, 5).getTime())
    expect(parseAge('0d', NOW)).toBe(NOW)
    expect(parseAge('99999999d', NOW)).toBeNull()
    expect(parseSize('0')).toBe(0)
    expect(parseSize('-5')).toBeNull()
  })

  it('never throws, and stays bounded, on any string', () => {
    const pieces = fc.constantFrom(
      '"',
      '(',
      ')',
      '-',
      ' ',
      'OR',
      '|',
      ':',
      '*',
      'from:',
      'is:',
      'in:',
      'before:',
      'larger:',
      'unread',
      '2026/12/01',
      '7d',
      'a',
      'é',
      '💌',
      '\u0000',
      'NEAR',
      '^',
    )
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 600 }),
          fc.array(pieces, { maxLength: 60 }).map((p) => p.join('')),
        ),
        (s) => {
          const parsed = parseQuery(s, NOW)
          expect(Array.isArray(parsed.problems)).toBe(true)
          expect(JSON.stringify(parsed.root ?? null).length).toBeLessThan(100_000)
        },
      ),
      { numRuns: 2000 },
    )
    // Deep nesting is read, not recursed into without bound.
    expect(() => parseQuery('('.repeat(100_000) + 'a' + ')'.repeat(100_000))).not.toThrow()
    expect(() => parseQuery('-'.repeat(500) + 'a OR '.repeat(200))).not.toThrow()
  })
})
