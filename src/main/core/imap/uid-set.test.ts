import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseSequenceSet, toSequenceSet } from './uid-set'

describe('UID sequence sets', () => {
  it('compresses runs into ranges', () => {
    expect(toSequenceSet([5, 1, 2, 3, 9, 2])).toBe('1:3,5,9')
    expect(toSequenceSet([])).toBe('')
  })

  it('expands ranges (either order) and single UIDs', () => {
    expect(parseSequenceSet('1:3,5,9:7')).toEqual([1, 2, 3, 5, 7, 8, 9])
    expect(parseSequenceSet('')).toEqual([])
  })

  it('round-trips any set of UIDs', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 5000 }), { maxLength: 300 }), (uids) => {
        expect(parseSequenceSet(toSequenceSet(uids))).toEqual([...uids].sort((a, b) => a - b))
      }),
    )
  })

  it('refuses malformed and oversized sets from the server', () => {
    expect(() => parseSequenceSet('1:*')).toThrow(/Invalid/)
    expect(() => parseSequenceSet('1,a')).toThrow(/Invalid/)
    expect(() => parseSequenceSet('1:4294967295', 1000)).toThrow(/too large/)
  })
})
