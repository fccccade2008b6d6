import { describe, expect, it } from 'vitest'
import { parseDateHeader, parseMessageIds } from './header-values'

describe('parseDateHeader', () => {
  it.each([
    ['Tue, 1 Jul 2003 10:52:37 +0200 (CEST)', Date.UTC(2003, 6, 1, 8, 52, 37)],
    ['Wed, 12 Mar 2003 18:45:10 JST', Date.UTC(2003, 2, 12, 18, 45, 10)],
    ['Tue, 11 Mar 2003 07:05:00 H0500', Date.UTC(2003, 2, 11, 7, 5)],
    ['Tue, 11 Mar 2003 07:05 A', Date.UTC(2003, 2, 11, 7, 5)],
    ['11 Mar 03 07:05:00 EDT', Date.UTC(2003, 2, 11, 11, 5)],
    ['11 Mar 99 07:05:00 GMT', Date.UTC(1999, 2, 11, 7, 5)],
    ['11-Mar-2003 07:05:00 GMT+0100', Date.UTC(2003, 2, 11, 6, 5)],
    ['Tue Mar 11 07:05:00 2003', Date.UTC(2003, 2, 11, 7, 5)],
    ['Mar 11, 2003 07:05:00 PST', Date.UTC(2003, 2, 11, 15, 5)],
    ['2003-03-11T07:05:00+01:00', Date.UTC(2003, 2, 11, 6, 5)],
    ['2003-03-11 07:05:00', Date.UTC(2003, 2, 11, 7, 5)],
    ['Mon, 31 Feb 2003 10:00:00 +0000', null],
    ['sometime next week', null],
    ['5', null],
  ])('reads %j', (value, expected) => {
    expect(parseDateHeader(value)).toBe(expected)
  })
})

describe('parseMessageIds', () => {
  it.each([
    ['<a@b> <c@d>', ['<a@b>', '<c@d>']],
    ['a@b', ['<a@b>']],
    ['a@b (comment) c@d', ['<a@b>', '<c@d>']],
    ['Your message of Mon, 3 Feb 2003', []],
    ['Your message <a@b> of Monday', ['<a@b>']],
  ])('reads %j', (value, expected) => {
    expect(parseMessageIds(value)).toEqual(expected)
  })
})
