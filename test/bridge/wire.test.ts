import { describe, expect, it } from 'vitest'
import { decodeWire, encodeWire } from './wire'

describe('bridge wire format', () => {
  it('round-trips bytes, nested in objects and arrays', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 256)
    const value = { a: [bytes, { b: Buffer.from('héllo') }], s: 'text', n: 1, nil: null }
    const back = decodeWire(encodeWire(value)) as { a: [Uint8Array, { b: Uint8Array }] }
    expect(back.a[0]).toEqual(bytes)
    expect(new TextDecoder().decode(back.a[1].b)).toBe('héllo')
  })
  it('leaves ordinary objects alone', () => {
    expect(decodeWire(encodeWire({ $bytes: 1, other: 2 }))).toEqual({ $bytes: 1, other: 2 })
  })
})
