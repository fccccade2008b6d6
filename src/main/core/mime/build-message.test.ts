import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { parseAddress, type ParsedAddress } from '../../../shared/mail/addresses'
import { buildMessage, type OutgoingMessage } from './build-message'

const a = (s: string): ParsedAddress => parseAddress(s)!

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    from: a('Ünïcode Sender <sender@example.test>'),
    to: [a('"Doe, John" <john@example.test>')],
    cc: [a('carol@münchen.example')],
    bcc: [a('hidden@example.test')],
    subject: 'Grüße – ✓ numbers',
    html: '<p>Hello <b>there</b></p><blockquote><p>quoted</p></blockquote><p><a href="https://example.test/x">link</a></p><p>-- <br>Sig</p>',
    text: '',
    inReplyTo: '<parent@example.test>',
    references: ['<root@example.test>', '<parent@example.test>'],
    attachments: [
      {
        filename: 'Bericht ä.bin',
        contentType: 'application/octet-stream',
        content: new Uint8Array([0, 1, 2, 255]),
        inline: false,
        contentId: null,
      },
    ],
    ...overrides,
  }
}

describe('buildMessage', () => {
  it('builds a 7-bit message with a plain-text alternative, threading headers and no Bcc header', async () => {
    const built = await buildMessage(message(), { messageId: '<fixed@example.test>', date: new Date(0) })
    expect(built.eightBit).toBe(false)
    expect(built.needsSmtpUtf8).toBe(false)
    expect(built.envelope).toEqual({
      from: 'sender@example.test',
      to: ['john@example.test', 'carol@xn--mnchen-3ya.example', 'hidden@example.test'],
    })
    const raw = built.raw.toString('latin1')
    expect(raw).not.toMatch(/^bcc:/im)
    const parsed = await simpleParser(built.raw)
    expect(parsed.messageId).toBe('<fixed@example.test>')
    expect(parsed.inReplyTo).toBe('<parent@example.test>')
    expect(parsed.references).toEqual(['<root@example.test>', '<parent@example.test>'])
    expect(parsed.subject).toBe('Grüße – ✓ numbers')
    expect(parsed.from?.value[0]).toMatchObject({ name: 'Ünïcode Sender', address: 'sender@example.test' })
    expect(parsed.to && !Array.isArray(parsed.to) && parsed.to.value[0]?.name).toBe('Doe, John')
    expect(parsed.text).toContain('Hello there')
    expect(parsed.text).toMatch(/^> quoted$/m)
    expect(parsed.text).toContain('link [https://example.test/x]')
    expect(parsed.text).toContain('\n-- \nSig')
    expect(parsed.html).toContain('<b>there</b>')
    expect(parsed.attachments[0]?.filename).toBe('Bericht ä.bin')
    expect([...parsed.attachments[0]!.content]).toEqual([0, 1, 2, 255])
  })

  it('sends plain-text-only messages as text/plain alone', async () => {
    const built = await buildMessage(message({ html: null, text: 'Just text, ünïcode.', attachments: [] }))
    const parsed = await simpleParser(built.raw)
    expect(parsed.html).toBe(false)
    expect(parsed.text?.trim()).toBe('Just text, ünïcode.')
    expect(built.messageId).toMatch(/^<[0-9a-f-]{36}@example\.test>$/)
  })

  it('keeps UTF-8 local parts (SMTPUTF8 needed) and marks the bytes as 8-bit', async () => {
    const built = await buildMessage(message({ to: [a('用户@例子.example')], cc: [], bcc: [] }))
    expect(built.needsSmtpUtf8).toBe(true)
    expect(built.eightBit).toBe(true)
    expect(built.envelope.to).toEqual(['用户@xn--fsqu00a.example'])
  })

  it('refuses line breaks in any field that becomes a header', async () => {
    await expect(buildMessage(message({ subject: 'Hi\r\nBcc: victim@example.test' }))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      detail: { field: 'subject' },
    })
    const badName = { ...a('x@example.test'), name: 'X\nBcc: y@example.test' }
    await expect(buildMessage(message({ to: [badName] }))).rejects.toMatchObject({ detail: { field: 'to' } })
    await expect(buildMessage(message({ references: ['<a@b>\r\nX: y'] }))).rejects.toMatchObject({
      detail: { field: 'references' },
    })
    const file = {
      filename: 'a\r\n.txt',
      contentType: 'text/plain',
      content: new Uint8Array(),
      inline: false,
      contentId: null,
    }
    await expect(buildMessage(message({ attachments: [file] }))).rejects.toMatchObject({
      detail: { field: 'attachments.0.filename' },
    })
    await expect(buildMessage(message({ to: [], cc: [], bcc: [] }))).rejects.toMatchObject({
      detail: { field: 'to' },
    })
  })

  it('writes CRLF only: typed line breaks and an attached original with bare LF (forward as attachment)', async () => {
    const original = Buffer.from('From: a@example.test\nSubject: old\n\nline one\nline two\n')
    const built = await buildMessage(
      message({
        html: null,
        text: 'one\ntwo\rthree\r\nfour',
        attachments: [
          {
            filename: 'old.eml',
            contentType: 'message/rfc822',
            content: original,
            inline: false,
            contentId: null,
          },
        ],
      }),
    )
    const raw = built.raw.toString('latin1')
    expect(raw).not.toMatch(/[^\r]\n|\r(?!\n)/)
    expect(raw).toContain('one\r\ntwo\r\nthree\r\nfour')
    expect(raw).toMatch(/Content-Type: message\/rfc822[^]*line one\r\nline two\r\n/)
  })
})
