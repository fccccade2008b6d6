import { describe, expect, it } from 'vitest'
import { describeTarget, isDeceptiveLink, shownAddress } from './link-safety'

describe('shownAddress', () => {
  it.each([
    ['https://bank.example/login', { kind: 'web', host: 'bank.example' }],
    ['www.bank.example', { kind: 'web', host: 'bank.example' }],
    ['paypal.com/login', { kind: 'web', host: 'paypal.com' }],
    ['(mybank.com)', { kind: 'web', host: 'mybank.com' }],
    ['Bob@Bank.example', { kind: 'mail', address: 'bob@bank.example' }],
    ['mailto:a@раураl.com', { kind: 'mail', address: 'a@xn--l-7sba6dbr.com' }],
    ['https://раураl.com', { kind: 'web', host: 'xn--l-7sba6dbr.com' }],
  ])('%s shows an address', (text, shown) => expect(shownAddress(text)).toEqual(shown))

  it.each(['Click here', 'our terms', 'report.pdf', 'v1.2', '', 'see bank.example now'])(
    '%s shows none',
    (text) => expect(shownAddress(text)).toBeNull(),
  )
})

describe('isDeceptiveLink', () => {
  it.each([
    ['https://bank.example/login', 'https://evil.example/login', true],
    ['www.bank.example', 'https://bank.example.evil.example/', true],
    ['bob@bank.example', 'mailto:phish@evil.example', true],
    ['https://bank.example', 'mailto:bank@bank.example', true],
    ['mybank.com', 'https://127.0.0.1:8443/phish', true],
    ['paypal.com/login', 'https://раураl.com/login', true],
    // The same Unicode text as the target: still confirmed, because it imitates another name.
    ['https://аpple.com/', 'https://аpple.com/', true],
    ['support@аpple.com', 'mailto:support@аpple.com', true],
    ['https://bank.example/login', 'https://bank.example/other?x=1', false],
    ['www.bank.example', 'https://bank.example/', false],
    ['bob@bank.example', 'mailto:Bob@Bank.example?subject=hi', false],
    ['Click here', 'https://anywhere.example/', false],
    ['Log in to your bank', 'https://evil.example/', false],
    ['report.pdf', 'https://files.example/report.pdf', false],
  ])('text %s, target %s → %s', (text, target, deceptive) => {
    expect(isDeceptiveLink(text, target)).toBe(deceptive)
  })
})

describe('describeTarget', () => {
  it('gives the host or address, look-alike domains in punycode', () => {
    expect(describeTarget('https://evil.example:8443/x')).toBe('evil.example:8443')
    expect(describeTarget('mailto:phish@evil.example')).toBe('phish@evil.example')
    expect(describeTarget('https://раураl.com/login')).toBe('xn--l-7sba6dbr.com')
    expect(describeTarget('mailto:a@аpple.com')).toBe('a@xn--pple-43d.com')
  })
})
