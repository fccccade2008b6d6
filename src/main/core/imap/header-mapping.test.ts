import type { FetchMessageObject } from 'imapflow'
import { describe, expect, it } from 'vitest'
import { HEADER_QUERY, toHeaderRow } from './header-mapping'

const headers = [
  'Date: Thu, 1 Feb 2024 00:00:00 +0000',
  'Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= again',
  'From: =?UTF-8?B?Wm/Dqw==?= <zoe@example.test>',
  'To: to@example.test, Undisclosed: ;',
  'Message-ID: <m@example.test>',
  'In-Reply-To: <p@example.test>',
  'References: <a@example.test>',
  ' <b@example.test>',
  'Content-Type: multipart/mixed;',
  ' boundary="x"',
  '',
  '',
].join('\r\n')

const base: FetchMessageObject = {
  seq: 1,
  uid: 42,
  flags: new Set(['\\Seen', '$Label1', '\\Recent']),
  size: 1234,
  internalDate: new Date(Date.UTC(2024, 1, 2, 3, 4, 5)),
  headers: Buffer.from(headers),
}

describe('toHeaderRow', () => {
  it('asks the server for every field a row is made of, without ENVELOPE', () => {
    expect(HEADER_QUERY).toMatchObject({ uid: true, flags: true, internalDate: true, size: true })
    expect(HEADER_QUERY.envelope).toBeUndefined()
    expect(HEADER_QUERY.headers).toEqual(
      expect.arrayContaining(['from', 'to', 'cc', 'subject', 'references']),
    )
  })

  it('maps a FETCH response to a store row', () => {
    expect(toHeaderRow(base)).toEqual({
      uid: 42,
      flags: { seen: true, flagged: false, answered: false, draft: false },
      keywords: ['$Label1'],
      subject: 'Grüße again',
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
    const bad = Buffer.from(headers.replace(/^Date: .*$/m, 'Date: next Tuesday-ish'))
    expect(toHeaderRow({ ...base, headers: bad }).date).toBe(Date.UTC(2024, 1, 2, 3, 4, 5))
  })

  it('dates by the header when the server sent no INTERNALDATE', () => {
    const row = toHeaderRow({ ...base, internalDate: undefined })
    expect(row.receivedAt).toBe(Date.UTC(2024, 1, 1))
  })

  it('lists a message the server sent no header fields for', () => {
    const row = toHeaderRow({ ...base, headers: undefined })
    expect(row).toMatchObject({ uid: 42, subject: '', from: [], messageId: null, hasAttachments: false })
    expect(row.date).toBe(Date.UTC(2024, 1, 2, 3, 4, 5))
  })
})
