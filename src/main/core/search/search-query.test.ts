import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { buildMatchQuery, MAX_TERMS } from './search-query'

describe('buildMatchQuery', () => {
  it('makes every word a prefix phrase, all of them required', () => {
    expect(buildMatchQuery('invoice march')).toBe('"invoice"* AND "march"*')
    expect(buildMatchQuery('  Zoë  ')).toBe('"Zoë"*')
  })

  it('keeps the words of one term together, so an address prefix finds that address', () => {
    expect(buildMatchQuery('alice@exa')).toBe('"alice exa"*')
    expect(buildMatchQuery('"project plan"')).toBe('"project plan"*')
  })

  it('turns from:, to:, cc: and subject: into column filters, other words before a colon into words', () => {
    expect(buildMatchQuery('from:alice')).toBe('sender : "alice"*')
    expect(buildMatchQuery('TO:bob cc:carol')).toBe('recipients : "bob"* AND recipients : "carol"*')
    expect(buildMatchQuery('subject:"weekly report"')).toBe('subject : "weekly report"*')
    expect(buildMatchQuery('re:hello')).toBe('"re hello"*')
    // An OR of words is one MATCH the index answers alone; one with a wordless term is not.
    expect(buildMatchQuery('release OR from:backup')).toBe('("release"* OR sender : "backup"*)')
    expect(buildMatchQuery('alps (release OR is:unread)')).toBe('"alps"*')
    expect(buildMatchQuery('from:')).toBeNull()
  })

  it('has nothing to look for in empty or punctuation-only input', () => {
    for (const input of ['', '   ', '"', '""', '*', '()', ':', '-', '^', '!@#$%']) {
      expect(buildMatchQuery(input)).toBeNull()
    }
  })

  it('caps the number of terms', () => {
    const q = buildMatchQuery(Array.from({ length: 50 }, (_, i) => `w${i}`).join(' '))
    expect(q?.split(' AND ')).toHaveLength(MAX_TERMS)
  })

  const hostile = [
    '"',
    'a"b',
    '"unclosed phrase',
    'foo*',
    '*foo',
    'NEAR(a b, 2)',
    'a NEAR b',
    'a OR b',
    'a AND NOT b',
    'NOT',
    'AND',
    '(a',
    'a)',
    'col:umn',
    'subject:',
    'from:"',
    '{sender} : x',
    '^start',
    'a + b',
    'x:y:z',
    "o'brien",
    '\u0000nul',
    'e\u0301',
    '💌 emoji',
    '\\"; DROP TABLE x; --',
    'from:(a OR b)',
  ]

  it('yields a valid FTS5 expression for any input', () => {
    const db = new Database(':memory:')
    db.exec(
      `CREATE VIRTUAL TABLE t USING fts5(subject, sender, recipients, tokenize='unicode61 remove_diacritics 2')`,
    )
    db.prepare('INSERT INTO t VALUES (?, ?, ?)').run('near and not or brien start', 'a b', 'x y')
    const match = db.prepare('SELECT count(*) AS n FROM t WHERE t MATCH ?')
    for (const input of hostile) {
      const q = buildMatchQuery(input)
      if (q !== null) expect(() => match.get(q), input).not.toThrow()
    }
    // Operators in the input are plain words: "NOT" finds the word "not", nothing is excluded.
    expect(match.get(buildMatchQuery('near AND NOT'))).toEqual({ n: 1 })
    expect(match.get(buildMatchQuery("o'brien"))).toEqual({ n: 0 })
    // Random mixes of FTS5's special characters and keywords.
    const pieces = [
      '"',
      '*',
      '(',
      ')',
      ':',
      '^',
      '{',
      '}',
      '+',
      '-',
      ' ',
      'NEAR',
      'OR',
      'AND',
      'NOT',
      'a',
      'é',
      'from:',
      'subject:',
    ]
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
    for (let i = 0; i < 2000; i++) {
      const input = Array.from({ length: 1 + (next() % 12) }, () => pieces[next() % pieces.length]).join('')
      const q = buildMatchQuery(input)
      if (q !== null) expect(() => match.get(q), input).not.toThrow()
    }
  })
})
