import { describe, expect, it } from 'vitest'
import { describeTarget, isDeceptiveLink, linkTarget, resourceAllowed } from './url-policy'

describe('resourceAllowed', () => {
  it('keeps inline data always and https only when remote content is allowed', () => {
    expect(resourceAllowed('data:image/png;base64,AAAA', false)).toBe(true)
    expect(resourceAllowed('cid:part1@x', false)).toBe(true)
    expect(resourceAllowed('https://cdn.example/a.png', false)).toBe(false)
    expect(resourceAllowed('https://cdn.example/a.png', true)).toBe(true)
    expect(resourceAllowed('http://cdn.example/a.png', true)).toBe(false)
    expect(resourceAllowed('/relative.png', true)).toBe(false)
    expect(resourceAllowed('//cdn.example/a.png', true)).toBe(false)
    expect(resourceAllowed('file:///etc/passwd', true)).toBe(false)
  })
})

describe('linkTarget', () => {
  it('follows http, https and mailto only', () => {
    expect(linkTarget(' https://example.test/a ')).toBe('https://example.test/a')
    expect(linkTarget('mailto:bob@example.test')).toBe('mailto:bob@example.test')
    expect(linkTarget('javascript:alert(1)')).toBeNull()
    expect(linkTarget('JaVaScRiPt:alert(1)')).toBeNull()
    expect(linkTarget('file:///etc/passwd')).toBeNull()
    expect(linkTarget('#section')).toBeNull()
    expect(linkTarget('relative/page')).toBeNull()
  })
})

describe('isDeceptiveLink', () => {
  it.each([
    ['https://bank.example/login', 'https://evil.example/login', true],
    ['www.bank.example', 'https://bank.example.evil.example/', true],
    ['bob@bank.example', 'mailto:phish@evil.example', true],
    ['https://bank.example', 'mailto:bank@bank.example', true],
    ['https://bank.example/login', 'https://bank.example/other?x=1', false],
    ['www.bank.example', 'https://bank.example/', false],
    ['bob@bank.example', 'mailto:Bob@Bank.example?subject=hi', false],
    ['Click here', 'https://anywhere.example/', false],
    ['Log in to your bank', 'https://evil.example/', false],
  ])('text %s, target %s → %s', (text, target, deceptive) => {
    expect(isDeceptiveLink(text, target)).toBe(deceptive)
  })

  it('describes a target by host or address', () => {
    expect(describeTarget('https://evil.example:8443/x')).toBe('evil.example:8443')
    expect(describeTarget('mailto:phish@evil.example')).toBe('phish@evil.example')
  })
})
