import { describe, expect, it } from 'vitest'
import { parseEhlo } from '../smtp/smtp-session'
import { dsnRequest } from './dsn-request'

describe('asking for delivery reports (RFC 3461)', () => {
  it('reports failures only by default and everything when asked, always with ENVID and RET=HDRS', () => {
    expect(dsnRequest('id-1', 'failure')).toEqual({ envid: 'id-1', ret: 'HDRS', notify: ['FAILURE'] })
    expect(dsnRequest('id-2', 'all')).toEqual({
      envid: 'id-2',
      ret: 'HDRS',
      notify: ['SUCCESS', 'FAILURE', 'DELAY'],
    })
  })

  it('learns from the EHLO answer whether the server offers DSN', () => {
    const ehlo = (keywords: string[]) =>
      [
        '250-mail.example.test',
        ...keywords.map((k, i) => `250${i === keywords.length - 1 ? ' ' : '-'}${k}`),
      ].join('\r\n')
    expect(parseEhlo(ehlo(['PIPELINING', 'SIZE 1000', 'DSN', '8BITMIME'])).dsn).toBe(true)
    expect(parseEhlo(ehlo(['PIPELINING', 'DSNX', 'XDSN 1'])).dsn).toBe(false)
  })
})
