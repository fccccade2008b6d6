import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { headerRowFields } from './header-row'
import { headerBlock } from './header-values'
import { parseMessage } from './parse-message'

/**
 * The classes of real-world mail issue 13 found misread, one fixture each (test/fixtures/mime),
 * read by parseMessage (the message view) and by the list row (header-row.ts) alike.
 */
const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/mime/${name}`, import.meta.url))
const parse = (source: Buffer) =>
  parseMessage(
    () => Readable.from([source]),
    source.length,
    () => source,
  )
const row = (source: Buffer) => headerRowFields(headerBlock(source), { receivedAt: 1, size: source.length })
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))))

describe('real-world mail', () => {
  it('1. shows a body whose blank line holds spaces or tabs, or is missing', async () => {
    const source = fixture('whitespace-blank-line.eml')
    const m = await parse(source)
    expect(m.problem).toBeNull()
    expect(m.text).toBe("The first part's blank line holds one space.\nIts text must not vanish.")
    expect(m.attachments.map((a) => [a.filename, a.size])).toEqual([['notes.txt', 56]])
    expect(m.attachments[0]!.content.toString()).toBe(
      'These notes follow their headers without any blank line.',
    )
    expect(row(source).subject).toBe('Whitespace after the headers')

    // The top-level body right after a blank line of white space, and after no blank line at all.
    const single = await parse(
      Buffer.from('Subject: s\r\nFrom: a@b.test\r\n \t \r\nHello body\r\nline 2\r\n'),
    )
    expect(single.text?.trim()).toBe('Hello body\nline 2')
    const none = await parse(Buffer.from('Subject: s\nFrom: a@b.test\nHello, no blank line\n'))
    expect(none.text?.trim()).toBe('Hello, no blank line')
    // A white-space line followed by a header field or a folded line is folding, not the end.
    const folded = await parse(Buffer.from('Subject: one\r\n \r\n two\r\nTo: c@d.test\r\n\r\nbody\r\n'))
    expect(folded.subject).toBe('one  two') // unfolding removes only the CRLFs (RFC 5322 §2.2.3)
    expect(folded.to).toEqual([{ address: 'c@d.test' }])
    expect(folded.text?.trim()).toBe('body')
  })

  it('2. garbles only the broken character of a UTF-8 part, not the part', async () => {
    const m = await parse(fixture('broken-utf8-sequence.eml'))
    expect(m.text).toContain('Grüße aus Köln!')
    expect(m.text).toContain('crème brûlée and a cafÃ\n© for 5 €.')
    expect(m.text).toContain('na\u00efve.') // the lone Latin-1 byte, read as Windows-1252
    expect(m.text).toContain('日本語 stays Japanese.')
    expect(m.text).not.toContain('\uFFFD')
  })

  it('3. keeps every mailbox as written, with or without a domain', async () => {
    const source = fixture('address-without-domain.eml')
    for (const read of [await parse(source), row(source)]) {
      expect(read.from).toEqual([{ name: 'Cron Daemon', address: 'root' }])
      expect(read.to).toEqual([{ address: 'undisclosed-recipients' }])
      expect(read.cc).toHaveLength(16)
      expect(read.cc.slice(0, 5)).toEqual([
        { address: 'alice@example.test' },
        { address: 'bob' },
        { name: 'Carol Q', address: 'carol' },
        { address: 'dave' },
        { name: 'Éric', address: 'eric' },
      ])
      expect(read.cc.map((a) => a.address).slice(-4)).toEqual([
        'mona',
        'nick@example.test',
        'oscar',
        'MAILER-DAEMON',
      ])
    }
  })

  it('4. reads the parts of a multipart/digest as messages (RFC 2046 §5.1.5)', async () => {
    const m = await parse(fixture('digest.eml'))
    expect(m.attachments.map((a) => [a.contentType, a.isMessage, a.saveName])).toEqual([
      ['message/rfc822', true, 'First question.eml'],
      ['message/rfc822', true, 'Re: First question.eml'],
    ])
    const inner = m.attachments[0]!.content
    const first = await parse(inner)
    expect(first.from).toEqual([{ name: 'Ann', address: 'ann@example.test' }])
    expect(first.text?.trim()).toBe('How do I read a digest?')
    // A digest part with a type of its own keeps it; the digest list is not read as a message.
    expect(m.text).toContain('An explicit type still counts: this part is text.')
    expect(m.text).toContain("Today's topics:")
  })

  it('5. reads raw UTF-8 in a quoted parameter (RFC 6532), and raw Latin-1 too', async () => {
    const source = fixture('utf8-parameter.eml')
    const m = await parse(source)
    expect(m.attachments.map((a) => a.filename)).toEqual(['Отчёт.pdf', 'Grüße.csv'])
    expect(m.subject).toBe('Отчёт за неделю')
    expect(m.from).toEqual([{ name: 'Иван Петров', address: 'ivan@example.test' }])
    expect(row(source).from).toEqual(m.from)
  })

  it('6. reads encoded words holding specials as display names', async () => {
    const source = fixture('encoded-word-specials.eml')
    for (const read of [await parse(source), row(source)]) {
      expect(read.from).toEqual([{ name: 'Smile :)', address: 'smile@example.test' }])
      expect(read.to).toEqual([
        { name: 'Doe, Jane', address: 'jane@example.test' },
        { name: 'Müller; Hans', address: 'hans@example.test' },
        { name: 'Quoted <3>', address: 'quoted@example.test' },
      ])
      expect(read.cc).toEqual([
        { name: 'Team: Sales', address: 'sales@example.test' },
        { address: 'plain@example.test' },
      ])
      expect(read.subject).toBe('Specials: ,;:<>() in words')
    }
    expect((await parse(source)).replyTo).toEqual([{ name: 'Support (EU)', address: 'support@example.test' }])
  })

  it('7. keeps date and time under an unknown zone name, as -0000 (RFC 5322 §4.3)', async () => {
    const source = fixture('unknown-zone-date.eml')
    const m = await parse(source)
    expect(m.date).toBe(Date.UTC(2003, 2, 12, 18, 45, 10))
    expect(row(source).date).toBe(Date.UTC(2003, 2, 12, 18, 45, 10))
    const attached = await parse(m.attachments[0]!.content)
    expect(attached.date).toBe(Date.UTC(2003, 2, 11, 7, 5, 0))
  })

  it('8. keeps Message-IDs without brackets and decodes 8-bit header fields one by one', async () => {
    const source = fixture('header-row-8bit.eml')
    const expected = {
      subject: 'Grüße aus Köln – Café',
      from: [{ name: 'Jürgen Müller', address: 'juergen@example.test' }],
      to: [{ name: 'Zoë', address: 'zoe@example.test' }],
      messageId: '<20030313160000.GA1234@mail.example.test>',
      inReplyTo: '<20030312.ABCD@mail.example.test>',
      references: ['<20030311.XYZ@mail.example.test>', '<20030312.ABCD@mail.example.test>'],
    }
    expect(row(source)).toMatchObject(expected)
    expect(await parse(source)).toMatchObject(expected)
    // One field's bad byte stays in that field: the rest still read as UTF-8.
    const mixed = bytes(
      'Subject: Caf',
      [0xc3, 0xa9, 0x20, 0xe9],
      '\r\nTo: Zo',
      [0xc3, 0xab],
      ' <z@x.test>\r\n\r\n',
    )
    expect(row(mixed)).toMatchObject({ subject: 'Café é', to: [{ name: 'Zoë', address: 'z@x.test' }] })
  })

  it('9. gives unnamed parts no invented name, only a name to save them by', async () => {
    const m = await parse(fixture('unnamed-attachments.eml'))
    expect(m.attachments.map((a) => [a.filename, a.saveName, a.contentType])).toEqual([
      [null, 'attachment.pdf', 'application/pdf'],
      [null, 'attachment-2.pdf', 'application/pdf'],
      [null, 'attachment.png', 'image/png'],
      [null, 'Scan job 41.eml', 'message/rfc822'],
    ])
  })

  it('keeps the rows of an HTML-only newsletter apart in its text (previews, replies, forwards)', async () => {
    const html =
      '<table><tr><td><h1>Weekly</h1></td></tr><tr><td><table><tr><th>Item</th><th>Price</th></tr>' +
      '<tr><td>Coffee</td><td>3.50</td></tr></table></td></tr></table>'
    const m = await parse(Buffer.from(`Subject: n\r\nContent-Type: text/html\r\n\r\n${html}\r\n`))
    expect(m.text).toMatch(/^ITEM +PRICE$/m)
    expect(m.text).toMatch(/^Coffee +3\.50$/m)
  })
})
