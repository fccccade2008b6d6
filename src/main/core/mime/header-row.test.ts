import { parseAddressHeader } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { contentTypeHasAttachments, headerRowFields } from './header-row'

const meta = { receivedAt: Date.UTC(2024, 0, 2), size: 10 }
const row = (lines: string[] | Buffer) =>
  headerRowFields(Buffer.isBuffer(lines) ? lines : Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), meta)

describe('headerRowFields', () => {
  it('reads raw UTF-8 headers (RFC 6532) and falls back to Latin-1 without losing text', () => {
    expect(row(['Subject: Grüße aus Köln']).subject).toBe('Grüße aus Köln')
    const latin1 = Buffer.concat([Buffer.from('Subject: Gr'), Buffer.from([0xfc]), Buffer.from('n\r\n\r\n')])
    expect(row(latin1).subject).toBe('Grün')
  })

  it('flattens groups, decodes encoded names and refuses encoded words in the address', () => {
    const r = row([
      'From: "Doe, Jane" <jane@example.test>',
      'To: Team: =?UTF-8?B?SsO2cmc=?= <jorg@example.test>, bob@example.test;, CEO <=?UTF-8?Q?a=40b.test=2C_x=40evil.test?=>',
      'Cc: first@example.test',
      'Cc: second@example.test',
    ])
    expect(r.from).toEqual([{ name: 'Doe, Jane', address: 'jane@example.test' }])
    expect(r.to.slice(0, 2)).toEqual([
      { name: 'Jörg', address: 'jorg@example.test' },
      { address: 'bob@example.test' },
    ])
    expect(r.to.map((a) => a.address)).not.toContain('x@evil.test')
    expect(r.cc.map((a) => a.address)).toEqual(['first@example.test', 'second@example.test'])
  })

  it.each([
    'plain@example.test',
    '  Jane   Doe  <jane@example.test> ',
    '"Doe, Jane" <jane@example.test>',
    '"" <empty@example.test>',
    'John Q. Public <jq@example.test>',
    '=?UTF-8?B?Wm/Dqw==?= <zoe@example.test>',
    '=?ISO-8859-1?Q?J=F6rg?= Smith <jorg@example.test>',
    'Zoë Ünïcode <zoe@xn--bcher-kva.test>',
    'Jane (work) <jane@example.test>',
    'a@example.test, b@example.test',
    'Group: a@example.test;',
    '<angle@example.test>',
    'Name <=?UTF-8?Q?x=40evil.test?=>',
    '"Quoted \\"inner\\"" <q@example.test>',
  ])('reads %j as mailparser does', (value) => {
    const expected = parseAddressHeader(value, { flatten: true, decodePunycode: false })
      .value.filter((a) => a.address)
      .map((a) => (a.name ? { name: a.name, address: a.address } : { address: a.address }))
    expect(row([`From: ${value}`]).from).toEqual(expected)
  })

  it('keeps the root and the parent of a huge References list and bounds a huge subject', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `<id-${i}@example.test>`)
    const r = row([`References: ${ids.join(' ')}`, `Subject: ${'x'.repeat(1_000_000)}`])
    expect(r.references[0]).toBe('<id-0@example.test>')
    expect(r.references.at(-1)).toBe('<id-4999@example.test>')
    expect(r.references.length).toBeLessThan(ids.length)
    expect(r.subject.length).toBeLessThanOrEqual(16 * 1024)
  })

  it('dates a message by its received date when Date is missing or does not parse', () => {
    expect(row(['Subject: x']).date).toBe(meta.receivedAt)
    expect(row(['Date: soon']).date).toBe(meta.receivedAt)
    expect(row(['Date: Mon, 1 Jan 2024 10:00:00 +0100']).date).toBe(Date.UTC(2024, 0, 1, 9))
  })

  it('keeps an encoded word that does not decode as written', () => {
    expect(row(['Subject: =?x-unknown?Q?abc?= tail']).subject).toContain('tail')
  })
})

describe('contentTypeHasAttachments', () => {
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
