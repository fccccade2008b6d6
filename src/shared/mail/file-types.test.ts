import { describe, expect, it } from 'vitest'
import { describeFileType } from './file-types'

describe('describeFileType', () => {
  it.each([
    ['application/pdf', 'PDF document'],
    ['APPLICATION/PDF; name=x', 'PDF document'],
    ['image/png', 'PNG image'],
    ['image/svg+xml', 'SVG image'],
    ['audio/mpeg', 'MPEG audio file'],
    ['message/rfc822', 'Email message'],
    ['text/calendar; method=REQUEST', 'Calendar invitation'],
    ['application/x-made-up', 'application/x-made-up'],
    ['', 'File'],
  ])('names %j as %j', (type, name) => {
    expect(describeFileType(type)).toBe(name)
  })
})
