import type { FetchMessageObject } from 'imapflow'
import { describe, expect, it } from 'vitest'
import { contentTypeHasAttachments, toHeaderRow } from './header-mapping'

const base: FetchMessageObject = {
  seq: 1,
  uid: 42,
  flags: new Set(['\\Seen', '$Label1', '\\Recent']),
  size: 1234,
  internalDate: new Date(Date.UTC(2024, 1, 2, 3, 4, 5)),
  envelope: {
    date: new Date(Date.UTC(2024, 1, 1)),
    subject: 'Hello',
    messageId: '<m@example.test>',
    inReplyTo: '<p@example.test>',
    from: [{ name: 'Zoë', address: 'zoe@example.test' }, { name: 'group without address' }],
    to: [{ name: '', address: 'to@example.test' }],
  },
  headers: Buffer.from(
    'References: <a@example.test>\r\n <b@example.test>\r\nContent-Type: multipart/mixed;\r\n boundary="x"\r\n\r\n',
  ),
}

describe('toHeaderRow', () => {
  it('maps a FETCH response to a store row', () => {
    expect(toHeaderRow(base)).toEqual({
      uid: 42,
      flags: { seen: true, flagged: false, answered: false, draft: false },
      keywords: ['$Label1'],
      subject: 'Hello',
      from: [{ name: 'Zoë', address: 'zoe@example.test' }],
      to: [{ address: 'to@example.test' }],
      cc: [],
      date: Date.UTC(2024, 1, 1),
      receivedAt: Date.UTC(2024, 1, 2, 3, 4, 5),
      size: 1234,
      hasAttachments: true,
      messageId: '<m@example.test>',
      inReplyTo: '<p@example.test>',
      references: ['<a@example.test>', '<b@example.test>'],
    })
  })

  it('dates a message whose Date header does not parse by INTERNALDATE', () => {
    const row = toHeaderRow({ ...base, envelope: { ...base.envelope, date: 'next Tuesday-ish' } })
    expect(row.date).toBe(Date.UTC(2024, 1, 2, 3, 4, 5))
  })

  it.each([
    ['multipart/mixed; boundary=x', true],
    ['multipart/report; report-type=delivery-status', true],
    ['application/pdf', true],
    ['multipart/alternative; boundary=y', false],
    ['text/plain; charset=utf-8', false],
    [undefined, false],
  ])('marks %s as having attachments: %s', (type, expected) => {
    expect(contentTypeHasAttachments(type)).toBe(expected)
  })
})
