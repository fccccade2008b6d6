import { describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import { MAILTO_MAX_LENGTH, parseMailto } from './mailto'

describe('parseMailto: the examples of RFC 6068 §6', () => {
  it.each([
    ['mailto:chris@example.com', { to: ['chris@example.com'] }],
    [
      'mailto:infobot@example.com?subject=current-issue',
      { to: ['infobot@example.com'], subject: 'current-issue' },
    ],
    ['mailto:infobot@example.com?body=send%20current-issue', { body: 'send current-issue' }],
    [
      'mailto:infobot@example.com?body=send%20current-issue%0D%0Asend%20index',
      { body: 'send current-issue\nsend index' },
    ],
    [
      'mailto:list@example.org?In-Reply-To=%3C3469A91.D10AF4C@example.com%3E',
      { to: ['list@example.org'], inReplyTo: '<3469A91.D10AF4C@example.com>' },
    ],
    ['mailto:joe@example.com?cc=bob@example.com&body=hello', { cc: ['bob@example.com'], body: 'hello' }],
    ['mailto:gorby%25kremvax@example.com', { to: ['gorby%kremvax@example.com'] }],
    [
      'mailto:unlikely%3Faddress@example.com?blat=foop',
      { to: ['unlikely?address@example.com'], ignored: ['blat'] },
    ],
    ['mailto:Mike%26family@example.org', { to: ['Mike&family@example.org'] }],
    ['mailto:%22not%40me%22@example.org', { to: ['"not@me"@example.org'] }],
    ['mailto:?to=addr1@an.example,addr2@an.example', { to: ['addr1@an.example', 'addr2@an.example'] }],
    ['mailto:addr1@an.example?to=addr2@an.example', { to: ['addr1@an.example', 'addr2@an.example'] }],
    ['mailto:user@example.org?subject=caf%C3%A9', { subject: 'café' }],
    ['mailto:user@%E7%B4%8D%E8%B1%86.example.org?subject=Test&body=NATTO', { to: ['user@納豆.example.org'] }],
  ])('%s', (url, expected) => {
    expect(parseMailto(url)).toMatchObject(expected)
  })

  it('keeps "+" literal (RFC 6068 §5: not a form encoding) and reads the scheme in any case', () => {
    expect(parseMailto('MAILTO:a+tag@example.com?subject=1+1')).toMatchObject({
      to: ['a+tag@example.com'],
      subject: '1+1',
    })
  })
})

describe('parseMailto: hostile links', () => {
  it('never lets a line break into a header field', () => {
    const d = parseMailto(
      'mailto:a@example.com%0D%0ABcc:%20spy@evil.example?subject=hi%0D%0ABcc:%20spy@evil.example',
    )
    expect(d.subject).toBe('hi Bcc: spy@evil.example')
    expect(d.bcc).toEqual([])
    expect(d.to.join()).not.toMatch(/[\r\n]/)
  })

  it('takes only the fields a person sees; the first subject and body count', () => {
    const d = parseMailto(
      'mailto:a@example.com?from=boss@example.com&X-Mailer=x&Subject=one&subject=two&body=a&body=b&attach=/etc/passwd',
    )
    expect(d).toMatchObject({ subject: 'one', body: 'a', ignored: ['from', 'x-mailer', 'attach'] })
    expect(d).not.toHaveProperty('from')
  })

  it('drops an In-Reply-To that is not one message id', () => {
    expect(parseMailto('mailto:a@example.com?in-reply-to=%3Ca@b%3E%20%3Cc@d%3E').inReplyTo).toBeNull()
    expect(parseMailto('mailto:a@example.com?in-reply-to=%3Ca@b%3E%0D%0AX:%20y').inReplyTo).toBeNull()
  })

  it.each([
    ['not mailto', 'https://example.com/?to=a@b'],
    ['bad percent', 'mailto:a@example.com?subject=%ZZ'],
    ['broken UTF-8', 'mailto:a@example.com?subject=%C3'],
    ['too long', `mailto:a@example.com?body=${'x'.repeat(MAILTO_MAX_LENGTH)}`],
    ['too many recipients', `mailto:${Array.from({ length: 501 }, (_, i) => `u${i}@example.com`).join(',')}`],
  ])('refuses %s with INVALID_INPUT', (_, url) => {
    let thrown: unknown
    try {
      parseMailto(url)
    } catch (err) {
      thrown = err
    }
    expect(thrown).toBeInstanceOf(AppError)
    expect((thrown as AppError).code).toBe('INVALID_INPUT')
  })
})
