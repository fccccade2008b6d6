import { describe, expect, it } from 'vitest'
import { ERROR_CODES, type TlsReason } from '../../../shared/errors'
import { errorText } from './error-text'

describe('errorText', () => {
  it('has words for every error code', () => {
    for (const code of ERROR_CODES) {
      const text = errorText({ code, message: '', retryable: false })
      expect(text.title.length, code).toBeGreaterThan(5)
    }
  })

  it('has its own words for a message already in the outbox, and the code’s words otherwise', () => {
    const inOutbox = errorText({
      code: 'INVALID_INPUT',
      message: '',
      retryable: false,
      detail: { field: 'draftId', reason: 'in-outbox' },
    })
    expect(inOutbox.title).toMatch(/already in the outbox/)
    expect(inOutbox.action).toMatch(/Undo/)
    const other = errorText({ code: 'INVALID_INPUT', message: '', retryable: false, detail: { reason: 'x' } })
    expect(other.title).toMatch(/not valid/)
  })

  it('says why a certificate was refused, and "self-signed" only of a self-signed one', () => {
    const tls = (tlsReason: TlsReason) =>
      errorText({ code: 'TLS_FAILED', message: '', retryable: false, detail: { tlsReason } }).title
    expect(tls('self-signed')).toMatch(/self-signed/)
    expect(tls('untrusted')).toMatch(/authority this computer does not trust/)
    expect(tls('expired')).toMatch(/expired/)
    expect(tls('not-yet-valid')).toMatch(/not valid yet/)
    expect(tls('wrong-host')).toMatch(/different server name/)
    const reasons: TlsReason[] = [
      'untrusted',
      'expired',
      'not-yet-valid',
      'wrong-host',
      'no-starttls',
      'other',
    ]
    for (const reason of reasons) expect(tls(reason), reason).not.toMatch(/self-signed/)
  })
})
