import { describe, expect, it } from 'vitest'
import { canonicalLineBreaks, canonicalText, findCanonicalProblem, fitsEightBit } from './canonical'

const msg = (...lines: string[]) => Buffer.from(lines.join('\r\n'), 'latin1')

const multipart = (partHeaders: string, body: string) =>
  msg(
    'Subject: x',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    'preamble',
    '--b1',
    'Content-Type: text/plain',
    '',
    'plain',
    '--b1',
    partHeaders,
    '',
    body,
    '--b1--',
    '',
  )

describe('canonical line breaks', () => {
  it('turns every LF, CR and CRLF into CRLF, in text and in bytes', () => {
    expect(canonicalText('a\nb\rc\r\nd\n\re\r\r\n')).toBe('a\r\nb\r\nc\r\nd\r\n\r\ne\r\n\r\n')
    const bytes = canonicalLineBreaks(Buffer.from('a\nb\rc\r\nd\n\re\r\r\n', 'latin1'))
    expect(bytes.toString('latin1')).toBe('a\r\nb\r\nc\r\nd\r\n\r\ne\r\n\r\n')
    const already = Buffer.from('x\r\ny\r\n')
    expect(canonicalLineBreaks(already)).toEqual(already)
  })

  it('knows which bytes a 7bit/8bit label can describe', () => {
    expect(fitsEightBit(Buffer.from(`${'x'.repeat(998)}\r\n${'é'.repeat(400)}`))).toBe(true)
    expect(fitsEightBit(Buffer.from('x'.repeat(999)))).toBe(false)
    expect(fitsEightBit(Buffer.from('a\0b'))).toBe(false)
  })
})

describe('findCanonicalProblem', () => {
  it('accepts a canonical message', () => {
    expect(findCanonicalProblem(multipart('Content-Type: text/plain', 'body'))).toBeNull()
    expect(findCanonicalProblem(msg('Subject: x', '', 'x'.repeat(998)))).toBeNull()
  })

  it('finds bare LF, bare CR, long lines and NUL, with the line', () => {
    expect(findCanonicalProblem(Buffer.from('Subject: x\r\n\r\na\nb'))).toEqual({
      reason: 'bare-lf',
      line: 3,
    })
    expect(findCanonicalProblem(Buffer.from('Subject: x\r\n\r\na\rb'))).toEqual({
      reason: 'bare-cr',
      line: 3,
    })
    expect(findCanonicalProblem(msg('Subject: x', '', 'x'.repeat(999)))).toEqual({
      reason: 'long-line',
      line: 3,
    })
    expect(findCanonicalProblem(msg('Subject: x', '', 'ok', 'x'.repeat(999), ''))).toMatchObject({
      reason: 'long-line',
      line: 4,
    })
    expect(findCanonicalProblem(msg('Subject: x', '', 'a\0'))).toMatchObject({ reason: 'nul' })
  })

  it('allows 8-bit bytes only where an 8bit label or SMTPUTF8 declares them', () => {
    const utf8Header = Buffer.from('To: 用户@例子.example\r\nSubject: x\r\n\r\nbody\r\n')
    expect(findCanonicalProblem(utf8Header)).toMatchObject({ reason: 'undeclared-8bit', line: 1 })
    expect(findCanonicalProblem(utf8Header, { utf8Headers: true })).toBeNull()

    const eightBitBody = Buffer.from('Subject: x\r\n\r\nGrüße\r\n')
    expect(findCanonicalProblem(eightBitBody)).toMatchObject({ reason: 'undeclared-8bit', line: 3 })
    const labelled = Buffer.from('Subject: x\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGrüße\r\n')
    expect(findCanonicalProblem(labelled)).toBeNull()

    // multipart() writes latin1: 'é' is the one byte 0xE9.
    const inPart = multipart('Content-Type: message/rfc822\r\nContent-Transfer-Encoding: 7bit', 'é')
    expect(findCanonicalProblem(inPart)).toMatchObject({ reason: 'undeclared-8bit', line: 13 })
    const declared = multipart('Content-Type: message/rfc822\r\nContent-Transfer-Encoding: 8bit', 'é')
    expect(findCanonicalProblem(declared)).toBeNull()
    // A part's own header fields may not carry 8-bit bytes even when the message has SMTPUTF8 headers.
    const partHeader = multipart('Content-Type: text/plain; name=é', 'x')
    expect(findCanonicalProblem(partHeader, { utf8Headers: true })).toMatchObject({
      reason: 'undeclared-8bit',
      line: 10,
    })
    // Neither may the preamble or the epilogue.
    const preamble = Buffer.from(
      multipart('Content-Type: text/plain', 'x').toString('latin1').replace('preamble', 'é'),
      'latin1',
    )
    expect(findCanonicalProblem(preamble)).toMatchObject({ reason: 'undeclared-8bit', line: 4 })
  })
})
