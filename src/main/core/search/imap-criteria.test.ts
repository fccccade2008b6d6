import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toImapSearch } from './imap-criteria'
import { parseQuery } from './query-parse'

const plan = (q: string) => {
  const root = parseQuery(q, Date.UTC(2026, 11, 8)).root
  if (root === null) throw new Error('empty query')
  return toImapSearch(root)
}

describe('toImapSearch', () => {
  it('translates words and fields to IMAP text keys', () => {
    expect(plan('hike').criteria).toEqual({ text: 'hike' })
    expect(plan('from:ada').criteria).toEqual({ from: 'ada' })
    expect(plan('to:bob cc:carl').criteria).toEqual({ to: 'bob', or: [{ cc: 'carl' }] })
    expect(plan('subject:"quarterly results"').criteria).toEqual({ subject: 'quarterly results' })
    expect(plan('body:glacier').criteria).toEqual({ body: 'glacier' })
    expect(plan('filename:deck').criteria).toEqual({ text: 'deck' })
    expect(plan('hike').hasText).toBe(true)
    expect(plan('is:unread').hasText).toBe(false)
  })

  it('keeps two terms of one kind (an object cannot repeat a key)', () => {
    expect(plan('alps hike').criteria).toEqual({ text: 'alps', or: [{ text: 'hike' }] })
    expect(plan('a b c').criteria).toEqual({ text: 'a', or: [{ text: 'b', or: [{ text: 'c' }] }] })
  })

  it('translates flags, sizes, dates (a day wider), negation and OR', () => {
    expect(plan('is:unread is:flagged').criteria).toEqual({ seen: false, or: [{ flagged: true }] })
    expect(plan('is:read').criteria).toEqual({ seen: true })
    expect(plan('is:answered').criteria).toEqual({ answered: true })
    expect(plan('larger:10K').criteria).toEqual({ larger: 10 * 1024 })
    expect(plan('smaller:1M').criteria).toEqual({ smaller: 1024 * 1024 })
    const before = plan('before:2026/11/12').criteria.sentBefore as Date
    const at = new Date(2026, 10, 12).getTime()
    expect(before.getTime()).toBe(at + 86_400_000)
    expect((plan('after:2026/11/12').criteria.sentSince as Date).getTime()).toBe(at - 86_400_000)
    expect(plan('-hike').criteria).toEqual({ not: { text: 'hike' } })
    expect(plan('hike OR glacier').criteria).toEqual({ or: [{ text: 'hike' }, { text: 'glacier' }] })
    expect(plan('has:attachment').criteria).toEqual({
      or: [{ header: { 'content-type': 'multipart/mixed' } }, { keyword: '$HasAttachment' }],
    })
  })

  it('lets a top-level in: choose folders; elsewhere in: widens', () => {
    expect(plan('in:inbox hike')).toMatchObject({ folders: ['inbox'], criteria: { text: 'hike' } })
    expect(plan('in:anywhere hike').folders).toBeNull()
    expect(plan('in:inbox').criteria).toEqual({ all: true })
    // `-in:inbox` and `in:a OR x` cannot be criteria: the server is asked more, the store narrows.
    expect(plan('-in:inbox').criteria).toEqual({ all: true })
    expect(plan('in:trips OR hike').criteria).toEqual({ all: true })
  })

  it('never throws and never yields an empty criterion (a NOT or OR operand must compile)', () => {
    const empty = (o: unknown): boolean => {
      if (o === null || typeof o !== 'object' || o instanceof Date) return false
      if (Array.isArray(o)) return o.some(empty)
      return Object.keys(o).length === 0 || Object.values(o).some(empty)
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (q) => {
        const root = parseQuery(q).root
        if (root === null) return
        expect(empty(toImapSearch(root).criteria)).toBe(false)
      }),
      { numRuns: 500 },
    )
  })
})
