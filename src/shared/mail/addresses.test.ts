import { describe, expect, it } from 'vitest'
import {
  addressKey,
  domainToAscii,
  envelopeAddress,
  formatAddress,
  parseAddress,
  parseAddressList,
  splitAddressList,
} from './addresses'

describe('address parsing', () => {
  it('splits lists without breaking quoted names, angle addresses or comments', () => {
    expect(splitAddressList('a@x.test, "Doe, John" <j@x.test>; b@x.test (team, b), ')).toEqual([
      'a@x.test',
      '"Doe, John" <j@x.test>',
      'b@x.test (team, b)',
    ])
  })

  it('parses display names, quoted names and bare addresses', () => {
    const { addresses, problems } = parseAddressList(
      'Ann <ann@example.test>, "Doe, John" <john@example.test>, plain@example.test',
    )
    expect(problems).toEqual([])
    expect(addresses.map((a) => [a.name, a.address])).toEqual([
      ['Ann', 'ann@example.test'],
      ['Doe, John', 'john@example.test'],
      [undefined, 'plain@example.test'],
    ])
  })

  it('accepts internationalized domains and local parts (RFC 6532) and knows what needs SMTPUTF8', () => {
    const idn = parseAddress('Jörg <joerg@münchen.example>')!
    expect(idn).toMatchObject({ name: 'Jörg', asciiDomain: 'xn--mnchen-3ya.example', needsSmtpUtf8: false })
    expect(envelopeAddress(idn)).toBe('joerg@xn--mnchen-3ya.example')
    const utf8 = parseAddress('用户@例子.example')!
    expect(utf8.needsSmtpUtf8).toBe(true)
    expect(envelopeAddress(utf8)).toBe('用户@xn--fsqu00a.example')
  })

  it('names each bad entry and keeps the good ones', () => {
    const { addresses, problems } = parseAddressList('ok@example.test, bad@, two@@x.test, x@exa mple.test')
    expect(addresses.map((a) => a.address)).toEqual(['ok@example.test'])
    expect(problems.map((p) => p.input)).toEqual(['bad@', 'two@@x.test', 'x@exa mple.test'])
  })

  it('refuses line breaks (header injection) and bad host names', () => {
    expect(parseAddress('a@example.test\r\nBcc: evil@example.test')).toBeNull()
    expect(parseAddressList('a@example.test\nBcc: evil@x.test').problems).not.toEqual([])
    expect(domainToAscii('-bad.example')).toBeNull()
    expect(domainToAscii('under_score.example')).toBeNull()
    expect(domainToAscii('1.2.3.4')).toBeNull()
    expect(domainToAscii('[192.0.2.1]')).toBe('[192.0.2.1]')
  })

  it('formats names that need quoting and compares addresses case-insensitively', () => {
    expect(formatAddress({ name: 'Doe, John', address: 'j@x.test' })).toBe('"Doe, John" <j@x.test>')
    expect(formatAddress({ name: 'Ann "A" B.', address: 'a@x.test' })).toBe('"Ann \\"A\\" B." <a@x.test>')
    expect(formatAddress({ name: 'Jörg', address: 'j@x.test' })).toBe('Jörg <j@x.test>')
    expect(parseAddress(formatAddress({ name: 'Ann "A" B.', address: 'a@x.test' }))?.name).toBe('Ann "A" B.')
    expect(addressKey('Ann@MÜNCHEN.example')).toBe(addressKey('ann@xn--mnchen-3ya.example'))
  })
})
