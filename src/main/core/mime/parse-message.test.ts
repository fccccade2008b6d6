import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { DEFAULT_PARSE_LIMITS, parseMessage, type ParseLimits } from './parse-message'

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/mime/${name}`, import.meta.url))

function parse(source: Buffer, limits: ParseLimits = DEFAULT_PARSE_LIMITS) {
  return parseMessage(
    () => Readable.from([source]),
    source.length,
    () => source,
    limits,
  )
}

describe('parseMessage', () => {
  it('reads text, HTML with cid: images as data: URLs, attachments and an attached message', async () => {
    const m = await parse(fixture('html-cid-rfc822.eml'))
    expect(m.problem).toBeNull()
    expect(m.from).toEqual([{ name: 'Sender Name', address: 'sender@example.test' }])
    expect(m.to).toEqual([{ address: 'reader@example.test' }, { name: 'Team', address: 'team@example.test' }])
    expect(m.replyTo).toEqual([{ address: 'replies@example.test' }])
    expect(m.date).toBe(Date.UTC(2003, 6, 2, 8, 0, 0))
    expect(m.messageId).toBe('<outer@example.test>')
    expect(m.references).toEqual(['<root@example.test>', '<parent@example.test>'])
    // Not sanitized here (the renderer does it), but the inline image is resolved.
    expect(m.html).toContain('<script>alert(1)</script>')
    expect(m.html).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/=]+">/)
    expect(m.html).not.toContain('cid:')
    expect(m.text).toContain('Hello there')
    const summary = m.attachments.map(({ content: _c, ...rest }) => rest)
    expect(summary).toEqual([
      expect.objectContaining({
        filename: 'logo.png',
        contentType: 'image/png',
        inline: true,
        contentId: 'logo@example.test',
        isMessage: false,
      }),
      expect.objectContaining({
        filename: 'report.pdf',
        contentType: 'application/pdf',
        inline: false,
        size: 23,
        isMessage: false,
      }),
      expect.objectContaining({ filename: 'forwarded.eml', contentType: 'message/rfc822', isMessage: true }),
    ])
    expect(new Set(m.attachments.map((a) => a.id)).size).toBe(3)
    expect(m.attachments[1]!.content.toString()).toBe('%PDF-1.4 fake pdf bytes')
  })

  it('keeps every character of a body in an unknown charset and reports an unparseable Date as null', async () => {
    const m = await parse(fixture('bad-date-latin1-unknown-charset.eml'))
    expect(m.date).toBeNull()
    expect(m.subject).toBe('Grüße')
    expect(m.from).toEqual([{ name: 'Jürgen', address: 'juergen@example.test' }])
    expect(m.text?.trim()).toBe('Grüße aus Köln, café à 5 €.')
    expect(m.text).not.toContain('\uFFFD')
  })

  it('decodes a Latin-1 body mislabelled as UTF-8 without replacement characters', async () => {
    const m = await parse(fixture('mislabeled-utf8.eml'))
    expect(m.text?.trim()).toBe('naïve résumé')
    expect(m.date).toBe(Date.UTC(2003, 6, 1, 8, 52, 37))
  })

  it('shows the raw text of a multipart whose boundary is wrong instead of nothing', async () => {
    const m = await parse(fixture('broken-multipart.eml'))
    expect(m.problem).toMatch(/broken/)
    expect(m.text).toContain('This preamble is all some clients show.')
    expect(m.text).toContain('The only real text of this message.')
  })

  it('never throws on garbage: the raw text is shown with a problem', async () => {
    const m = await parse(fixture('garbage.eml'))
    expect(m.problem).not.toBeNull()
    expect(m.text).toContain('still garbage here')
  })

  it('does not parse a source over the size limit but still shows its text', async () => {
    const source = fixture('mislabeled-utf8.eml')
    const m = await parse(source, { ...DEFAULT_PARSE_LIMITS, maxSourceBytes: 100 })
    expect(m.problem).toMatch(/too large/)
    expect(m.text).toContain('na\u00efve r\u00e9sum\u00e9')
    expect(m.date).toBe(Date.UTC(2003, 6, 1, 8, 52, 37))
  })
})
