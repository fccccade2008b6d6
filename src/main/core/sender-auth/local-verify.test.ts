import { describe, expect, it } from 'vitest'
import { dkimWorld } from '../../../../test/helpers/dkim-world'
import { summarize } from './auth-summary'
import { headerFields } from './header-fields'
import { verifyLocally } from './local-verify'

const crlf = (lines: string[]) => lines.join('\r\n')

const body = crlf(['Hello Ann,', '', 'the invoice is attached.', ''])
const headers = (from: string) =>
  crlf([
    `From: Bob <${from}>`,
    'To: ann@mailroom.test',
    'Subject: Invoice',
    'Date: Mon, 7 Dec 2026 10:00:00 +0000',
    'Message-ID: <inv-1@example.com>',
    '',
    '',
  ])

/** What the receiving server prepends: the hop it saw and the envelope sender. */
const delivered = (signed: string, ip = '203.0.113.5') =>
  crlf([
    'Return-Path: <bob@example.com>',
    `Received: from mail.example.com (mail.example.com [${ip}]) by mx.mailroom.test with ESMTPS id 4711; Mon, 7 Dec 2026 10:00:01 +0000`,
    '',
  ]) + signed

async function check(raw: string, resolver = dkimWorld().resolver) {
  const buf = Buffer.from(raw)
  const fields = headerFields(buf)
  return summarize(await verifyLocally(buf, fields, resolver), 'example.com', 'local', null)
}

describe('local verification with mailauth (DNS from an injectable resolver)', () => {
  it('a message signed with our key, from a server SPF allows, passes DKIM, SPF and DMARC', async () => {
    const world = dkimWorld()
    const signed = await world.sign(headers('bob@example.com') + body, 'example.com')
    const auth = await check(delivered(signed), world.resolver)
    expect(auth.verdict).toBe('pass')
    expect(auth.alignedDomain).toBe('example.com')
    const by = Object.fromEntries(auth.methods.map((m) => [m.method, m.verdict]))
    expect(by).toEqual({ dmarc: 'pass', dkim: 'pass', spf: 'pass' })
  })

  it('a body changed after signing fails DKIM (body hash) and, from another server, DMARC', async () => {
    const world = dkimWorld()
    const signed = await world.sign(headers('bob@example.com') + body, 'example.com')
    const tampered = signed.replace('the invoice is attached', 'pay to IBAN XX00 1234')
    const auth = await check(delivered(tampered, '198.51.100.9'), world.resolver)
    expect(auth.verdict).toBe('fail')
    const dkim = auth.methods.find((m) => m.method === 'dkim')!
    expect(dkim).toMatchObject({ verdict: 'fail', reason: 'body-changed', domain: 'example.com' })
    expect(auth.methods.find((m) => m.method === 'spf')).toMatchObject({
      verdict: 'fail',
      reason: 'not-permitted',
    })
    expect(auth.methods.find((m) => m.method === 'dmarc')).toMatchObject({
      verdict: 'fail',
      reason: 'not-aligned',
    })
    expect(auth.alignedDomain).toBeNull()
  })

  it('a signature of another domain passes DKIM but aligns with nothing: not a pass for the sender', async () => {
    const world = dkimWorld(['example.com', 'mailer.test'])
    world.txt.delete('_dmarc.example.com')
    const signed = await world.sign(headers('bob@example.com') + body, 'mailer.test')
    const auth = await check(delivered(signed, '198.51.100.9'), world.resolver)
    expect(auth.methods.find((m) => m.method === 'dkim')).toMatchObject({
      verdict: 'pass',
      domain: 'mailer.test',
    })
    expect(auth.verdict).toBe('fail') // SPF fails for example.com, and nothing aligned passed
    expect(auth.alignedDomain).toBeNull()
  })

  it('an unsigned message without DNS records is none, not fail', async () => {
    const world = dkimWorld([])
    const auth = await check(delivered(headers('bob@example.com') + body), world.resolver)
    expect(auth.verdict).toBe('none')
    expect(auth.methods.every((m) => m.verdict === 'none')).toBe(true)
  })
})
