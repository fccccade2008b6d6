import { describe, expect, it } from 'vitest'
import { isValidEmailAddress, isValidHostname, splitAddress } from './validation'

describe('validation', () => {
  it.each(['imap.example.com', 'localhost', '127.0.0.1', '::1', 'mail.bücher.example', 'a-b.c'])(
    'accepts host %s',
    (h) => expect(isValidHostname(h)).toBe(true),
  )
  it.each(['', 'imap example.com', 'imap.example.com\r\nX', '-a.com', 'a..b', 'a_b.com', 'x'.repeat(64)])(
    'refuses host %j',
    (h) => expect(isValidHostname(h)).toBe(false),
  )
  it.each(['alice@example.com', 'a.b+tag@sub.example.co.uk', 'jörg@bücher.example'])(
    'accepts address %s',
    (a) => expect(isValidEmailAddress(a)).toBe(true),
  )
  it.each([
    'alice',
    '@example.com',
    'alice@',
    'alice@example',
    'al ice@example.com',
    'alice@exa mple.com',
    'alice@example.com\r\nBcc: x@y.z',
    'a..b@example.com',
    'alice@1.2.3.4',
  ])('refuses address %j', (a) => expect(isValidEmailAddress(a)).toBe(false))
  it('splits at the last @ and lower-cases the domain', () => {
    expect(splitAddress('Alice@Example.COM')).toEqual({ localPart: 'Alice', domain: 'example.com' })
  })
})
