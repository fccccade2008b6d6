import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseBounce } from './bounce-parser'

const fixture = (name: string) => readFileSync(join(__dirname, '../../../../test/fixtures/bounces', name))
const AT = Date.UTC(2026, 11, 7, 14, 2)

describe('reading delivery reports', () => {
  it('reads the real Postfix report for an unknown user (RFC 3464)', () => {
    const b = parseBounce(fixture('postfix-unknown-user.eml'), AT)
    expect(b).toMatchObject({
      shape: 'rfc3464',
      envelopeId: 'c8ca33b0-1621-4bd6-9b3d-0a01f648a1a4',
    })
    expect(b?.originalMessageId).toMatch(/^<[^>]+@example\.test>$/)
    expect(b?.recipients.map((r) => [r.recipient, r.action, r.status, r.at])).toEqual([
      ['nobody-1796681302242@example.test', 'failed', '5.1.1', Date.UTC(2026, 11, 7, 22, 8, 22)],
    ])
    expect(b?.recipients[0]?.diagnostic).toMatch(/^550 5\.1\.1 .*User doesn't exist/)
  })

  it('reads the real Postfix success report', () => {
    const b = parseBounce(fixture('postfix-success.eml'), AT)
    expect(b?.shape).toBe('rfc3464')
    expect(b?.envelopeId).toMatch(/^[0-9a-f-]{36}$/)
    expect(b?.recipients).toEqual([expect.objectContaining({ action: 'relayed', status: '2.0.0' })])
  })

  it('decodes a base64 delivery-status and reads a delay with its last attempt', () => {
    const b = parseBounce(fixture('rfc3464-delayed-base64.eml'), AT)
    expect(b).toMatchObject({
      envelopeId: 'env-outlook-1',
      originalMessageId: '<outlook-original@example.test>',
    })
    expect(b?.recipients).toEqual([
      {
        recipient: 'later@outlook.test',
        action: 'delayed',
        status: '4.4.7',
        diagnostic: '400 4.4.7 Message delayed',
        at: Date.UTC(2026, 11, 7, 12, 55),
      },
    ])
  })

  it.each([
    [
      'qmail.eml',
      'qmail',
      '<qmail-original@example.test>',
      [
        ['gone@qmail.test', 'failed', '5.1.1'],
        ['full@qmail.test', 'failed', '5.2.2'],
      ],
    ],
    ['exim-classic.eml', 'exim', '<exim-original@example.test>', [['nobody@exim.test', 'failed', '5.1.1']]],
    ['exim-delayed.eml', 'exim', '<exim-delayed@example.test>', [['slow@exim.test', 'delayed', '4.4.1']]],
    [
      'exchange-2003.eml',
      'exchange',
      '<exchange-original@example.test>',
      [['max.mustermann@corp.exchange.test', 'failed', '5.1.1']],
    ],
    [
      'gmail-legacy.eml',
      'gmail',
      '<gmail-original@example.test>',
      [['nosuchuser@gmail.test', 'failed', '5.1.1']],
    ],
  ] as const)(
    'recognises the %s shape without a delivery-status part',
    (file, shape, messageId, expected) => {
      const b = parseBounce(fixture(file), AT)
      expect(b).toMatchObject({ shape, envelopeId: null, originalMessageId: messageId })
      expect(b?.recipients.map((r) => [r.recipient, r.action, r.status])).toEqual(expected)
      expect(b?.recipients.every((r) => r.diagnostic && r.at === AT)).toBe(true)
    },
  )

  it('keeps the related ids: the returned In-Reply-To and the report’s own references', () => {
    expect(parseBounce(fixture('exim-classic.eml'), AT)?.relatedIds).toEqual(['<earlier@example.test>'])
    expect(parseBounce(fixture('gmail-legacy.eml'), AT)?.relatedIds).toEqual([
      '<gmail-original@example.test>',
    ])
  })

  it('is no report: a person’s text that quotes a report’s words, a forwarded report, plain mail', () => {
    expect(parseBounce(fixture('not-a-bounce.eml'), AT)).toBeNull()
    expect(parseBounce(fixture('forwarded-report.eml'), AT)).toBeNull()
    expect(parseBounce(Buffer.from('From: a@b.test\r\nSubject: hi\r\n\r\nhello\r\n'), AT)).toBeNull()
    expect(parseBounce(Buffer.alloc(0), AT)).toBeNull()
  })

  it('survives broken reports: no closing delimiter, no recipients, junk', () => {
    const truncated = fixture('postfix-unknown-user.eml')
      .toString('latin1')
      .replace(/--[^\n]*--\s*$/, '')
    expect(parseBounce(Buffer.from(truncated, 'latin1'), AT)?.recipients).toHaveLength(1)
    const empty =
      'Content-Type: multipart/report; boundary=x\r\n\r\n--x\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; a\r\n--x--\r\n'
    expect(parseBounce(Buffer.from(empty), AT)).toMatchObject({ shape: 'rfc3464', recipients: [] })
    const junk = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256))
    expect(() => parseBounce(junk, AT)).not.toThrow()
  })
})
