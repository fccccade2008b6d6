import { describe, expect, it } from 'vitest'
import { parseAuthResults } from './auth-results'
import { headerFields, ownServerResults, topmostAuthservId } from './header-fields'

describe('reading Authentication-Results (RFC 8601)', () => {
  it('reads the authserv-id, each method, its properties, reason and comments', () => {
    const parsed = parseAuthResults(
      'mx.google.com;\r\n       dkim=pass header.i=@example.com header.s=s1 header.b="Ab/cD+1";\r\n' +
        '       spf=softfail (google.com: domain of transitioning bob@example.com does not designate 1.2.3.4) smtp.mailfrom=bob@example.com;\r\n' +
        '       dmarc=fail (p=REJECT sp=REJECT dis=QUARANTINE) header.from=example.com; arc=none',
    )
    expect(parsed).toEqual({
      authservId: 'mx.google.com',
      results: [
        {
          method: 'dkim',
          result: 'pass',
          reason: null,
          comment: null,
          props: { 'header.i': '@example.com', 'header.s': 's1', 'header.b': 'Ab/cD+1' },
        },
        {
          method: 'spf',
          result: 'softfail',
          reason: null,
          comment: 'google.com: domain of transitioning bob@example.com does not designate 1.2.3.4',
          props: { 'smtp.mailfrom': 'bob@example.com' },
        },
        {
          method: 'dmarc',
          result: 'fail',
          reason: null,
          comment: 'p=REJECT sp=REJECT dis=QUARANTINE',
          props: { 'header.from': 'example.com' },
        },
        { method: 'arc', result: 'none', reason: null, comment: null, props: {} },
      ],
    })
  })

  it('reads a version, method versions, a reason and "none"', () => {
    expect(parseAuthResults('MX.Example.Org 1; none')).toEqual({ authservId: 'mx.example.org', results: [] })
    expect(
      parseAuthResults('mx.example.org; dkim/1 = fail reason="bad sig" header.d=example.com'),
    ).toMatchObject({
      results: [{ method: 'dkim', result: 'fail', reason: 'bad sig', props: { 'header.d': 'example.com' } }],
    })
    expect(parseAuthResults('  ; spf=pass')).toBeNull()
  })
})

const block = (lines: string[]) => Buffer.from([...lines, '', 'body', ''].join('\r\n'))

describe('whose results are believed', () => {
  const ours = 'mx.mailroom.test'
  it('only our server’s id: a sender’s own Authentication-Results are ignored', () => {
    const fields = headerFields(
      block([
        `Authentication-Results: ${ours}; dkim=fail header.d=example.com`,
        'Received: from mail.example.com (mail.example.com [203.0.113.5]) by mx.mailroom.test; Mon, 7 Dec 2026 10:00:01 +0000',
        'Authentication-Results: mx.google.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com',
        'From: bob@example.com',
      ]),
    )
    const own = ownServerResults(fields, ours)
    expect(own).toHaveLength(1)
    expect(own[0]!.results.map((r) => `${r.method}=${r.result}`)).toEqual(['dkim=fail'])
    expect(topmostAuthservId(fields)).toBe(ours)
  })

  it('our id in the sender’s part of the header (below the next Received) is a forgery and ignored', () => {
    const fields = headerFields(
      block([
        'Received: from mail.example.com (mail.example.com [203.0.113.5]) by mx.mailroom.test; Mon, 7 Dec 2026 10:00:01 +0000',
        'Received: from [192.168.1.7] by mail.example.com; Mon, 7 Dec 2026 10:00:00 +0000',
        `Authentication-Results: ${ours}; dkim=pass header.d=bank.test; dmarc=pass header.from=bank.test`,
        'From: bob@bank.test',
      ]),
    )
    expect(ownServerResults(fields, ours)).toEqual([])
  })

  it('results in our border server’s own trace block (as Gmail writes them) are ours', () => {
    const fields = headerFields(
      block([
        'Received: by 2002:a05:6402:1234 with SMTP id x; Mon, 7 Dec 2026 10:00:02 -0800 (PST)',
        'Return-Path: <bob@example.com>',
        'Received: from mail.example.com (mail.example.com. [203.0.113.5])\r\n        by mx.google.com with ESMTPS id y\r\n        for <ann@gmail.com>; Mon, 7 Dec 2026 10:00:01 -0800 (PST)',
        'Received-SPF: pass (google.com: domain of bob@example.com designates 203.0.113.5 as permitted sender)',
        'Authentication-Results: mx.google.com;\r\n       dkim=pass header.i=@example.com; spf=pass smtp.mailfrom=bob@example.com',
        'Received: from [10.0.0.2] by mail.example.com; Mon, 7 Dec 2026 10:00:00 -0800',
        'Authentication-Results: mx.google.com; dmarc=pass header.from=evil.test',
        'From: bob@example.com',
      ]),
    )
    const own = ownServerResults(fields, 'mx.google.com')
    expect(own).toHaveLength(1)
    expect(own[0]!.results.map((r) => r.method)).toEqual(['dkim', 'spf'])
  })
})
