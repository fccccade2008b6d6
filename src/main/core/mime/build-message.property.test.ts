/**
 * Whatever a person types, pastes, quotes or attaches, the builder's bytes are canonical
 * (RFC 5322 §2.1/§2.3, RFC 2045 §2.7–2.8) and carry the same content back out.
 */
import fc from 'fast-check'
import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { parseAddress, type ParsedAddress } from '../../../shared/mail/addresses'
import { buildMessage, type OutgoingAttachment, type OutgoingMessage } from './build-message'
import { canonicalLineBreaks, findCanonicalProblem, fitsEightBit } from './canonical'

const lineBreak = fc.constantFrom('\n', '\r', '\r\n', '\n\r', '\r\r\n', '\n\n')
const longRun = fc.integer({ min: 990, max: 2600 }).map((n) => 'x'.repeat(n))
const longSpaced = fc.integer({ min: 60, max: 500 }).map((n) => 'word '.repeat(n))
const longUnicode = fc.integer({ min: 300, max: 1200 }).map((n) => 'ü'.repeat(n))
const word = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 20 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  fc.constantFrom(
    'Grüße',
    '✓',
    '😀',
    '用户',
    'ﬁ',
    '-- ',
    '.',
    '..',
    'From ',
    '=',
    '=3D',
    '\t',
    '  ',
    '\0',
    '\v\f',
  ),
  longRun,
  longSpaced,
  longUnicode,
)
const text = fc.array(fc.oneof(word, lineBreak), { maxLength: 30 }).map((parts) => parts.join(''))
const oneLine = (max: number) =>
  fc
    .oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), longRun, longSpaced, longUnicode)
    .map((s) => s.replace(/[\r\n]/g, ' ').slice(0, max))

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
/** HTML as the composer and the reply builder make it: paragraphs, a quote, breaks in odd places. */
const html = fc
  .tuple(text, fc.array(text, { maxLength: 3 }), text)
  .map(
    ([lead, quoted, tail]) =>
      `<p>${escapeHtml(lead)}</p>\n<blockquote type="cite">${quoted
        .map((q) => `<p>${escapeHtml(q)}</p>`)
        .join('\r')}</blockquote>\r\n<p>${escapeHtml(tail)}<br>-- <br>Sig</p>`,
  )

const addresses = ['ann@example.test', 'bob@münchen.example', '用户@例子.example', 'o.k+tag@sub.example.test']
const address: fc.Arbitrary<ParsedAddress> = fc
  .tuple(fc.constantFrom(...addresses), fc.option(oneLine(600), { nil: undefined }))
  .map(([addr, name]) => {
    const parsed = parseAddress(addr)!
    return name?.trim() ? { ...parsed, name: name.trim() } : parsed
  })

const messageId = fc.oneof(
  fc.constantFrom('<root@example.test>', '<a.b-c@x.example>'),
  fc.integer({ min: 20, max: 996 }).map((n) => `<${'r'.repeat(n)}@x.test>`),
)

const rfc822 = fc
  .tuple(text, fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean())
  .map(([body, eol, eightBit, nul]) => {
    const lines = ['From: a@example.test', 'Subject: forwarded', 'Message-ID: <fwd@example.test>', '', body]
    if (eightBit) lines.push('Grüße in raw UTF-8')
    if (nul) lines.push('a\0b')
    return Buffer.from(lines.join(eol), 'utf8')
  })

const attachment: fc.Arbitrary<OutgoingAttachment> = fc.oneof(
  fc.record({
    filename: oneLine(255).map((s) => s || 'file'),
    contentType: fc.constantFrom(
      'application/octet-stream',
      'text/plain',
      'multipart/mixed',
      'message/partial',
    ),
    content: fc.oneof(
      fc.uint8Array({ maxLength: 3000 }),
      text.map((t) => new TextEncoder().encode(t)),
    ),
    inline: fc.constant(false),
    contentId: fc.constant(null),
  }),
  fc.record({
    filename: fc.constantFrom('original.eml', 'Grüße.eml'),
    contentType: fc.constant('message/rfc822'),
    content: rfc822,
    inline: fc.constant(false),
    contentId: fc.constant(null),
  }),
  fc.record({
    filename: fc.constant('image.png'),
    contentType: fc.constant('image/png'),
    content: fc.uint8Array({ minLength: 1, maxLength: 500 }),
    inline: fc.constant(true),
    contentId: fc.constant('img1@mailroom'),
  }),
)

const outgoing: fc.Arbitrary<OutgoingMessage> = fc.record({
  from: address,
  to: fc.array(address, { minLength: 1, maxLength: 3 }),
  cc: fc.array(address, { maxLength: 2 }),
  bcc: fc.array(address, { maxLength: 2 }),
  subject: oneLine(998),
  html: fc.option(html, { nil: null }),
  text,
  inReplyTo: fc.option(messageId, { nil: null }),
  references: fc.array(messageId, { maxLength: 4 }),
  attachments: fc.array(attachment, { maxLength: 3 }),
})

/** The checks, independent of canonical.ts for line breaks and lengths. */
function assertCanonical(raw: Buffer, utf8Headers: boolean): void {
  const s = raw.toString('latin1')
  expect(s).not.toMatch(/[^\r]\n|^\n/)
  expect(s).not.toMatch(/\r(?!\n)/)
  for (const line of s.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998)
  expect(findCanonicalProblem(raw, { utf8Headers })).toBeNull()
}

const lines = (s: string) => s.replace(/\r\n|\r|\n/g, '\n')

describe('buildMessage makes canonical bytes out of any input', () => {
  it('CRLF only, no line over 998 octets, 8-bit only where declared, content intact', async () => {
    await fc.assert(
      fc.asyncProperty(outgoing, fc.boolean(), async (msg, draft) => {
        const built = await buildMessage(msg, { draft })
        assertCanonical(built.raw, built.needsSmtpUtf8)
        expect(built.eightBit).toBe(built.raw.some((b) => b > 0x7f))

        const parsed = await simpleParser(built.raw)
        if (msg.html === null) expect(lines(parsed.text ?? '').trimEnd()).toBe(lines(msg.text).trimEnd())
        else expect(parsed.html).toBeTruthy()
        expect((parsed.subject ?? '').replace(/\s+/g, ' ').trim()).toBe(
          msg.subject.replace(/\s+/g, ' ').trim(),
        )
        // An absurdly long unbroken name gets spaces (composer-input.ts); nothing else changes.
        const squash = (s: string | undefined) => (s ?? '').replace(/\s+/g, '')
        expect(squash(parsed.from?.value[0]?.name)).toBe(squash(msg.from.name))

        // Files come back byte for byte; an attached message with its line ends made CRLF.
        const files = parsed.attachments
        expect(files).toHaveLength(msg.attachments.length)
        // Inline images go into multipart/related, ahead of the other files: match them by cid.
        const inline = files.filter((f) => f.cid)
        const attached = files.filter((f) => !f.cid)
        // An attached message that no 7bit/8bit label can describe goes as application/octet-stream.
        const fits = msg.attachments.filter(
          (a) => a.contentType === 'message/rfc822' && fitsEightBit(canonicalLineBreaks(a.content)),
        )
        const declared = built.raw.toString('latin1').match(/^Content-Type: message\/rfc822/gim) ?? []
        expect(declared).toHaveLength(fits.length)
        msg.attachments.forEach((a) => {
          const got = (a.inline ? inline : attached).shift()!
          const rfc822 = a.contentType === 'message/rfc822'
          const asMessage = rfc822 && fitsEightBit(canonicalLineBreaks(a.content))
          const expected = asMessage ? canonicalLineBreaks(a.content) : Buffer.from(a.content)
          expect(Buffer.compare(got.content, expected)).toBe(0)
        })
      }),
      { numRuns: 250 },
    )
  }, 120_000)
})
