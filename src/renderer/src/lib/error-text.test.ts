import { describe, expect, it } from 'vitest'
import { ERROR_CODES, type TlsReason } from '../../../shared/errors'
import { STORAGE_FAILURE_REASONS } from '../../../shared/storage-failure'
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
    const other = errorText({
      code: 'INVALID_INPUT',
      message: '',
      retryable: false,
      detail: { reason: 'too-large' },
    })
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

describe('errorText for storage failures', () => {
  it('names the cause for every storage failure reason, and falls back for unknown ones', () => {
    const titles = new Set<string>()
    for (const reason of STORAGE_FAILURE_REASONS) {
      const text = errorText({ code: 'STORAGE_FAILED', message: '', retryable: false, detail: { reason } })
      expect(text.action.length, reason).toBeGreaterThan(10)
      titles.add(text.title)
    }
    expect(titles.size).toBe(STORAGE_FAILURE_REASONS.length)
    expect(
      errorText({ code: 'STORAGE_FAILED', message: '', retryable: false, detail: { reason: 'disk-full' } })
        .title,
    ).toMatch(/disk is full/)
    expect(
      errorText({ code: 'STORAGE_FAILED', message: '', retryable: false, detail: { reason: 'other' } }).title,
    ).toMatch(/could not be read or written/)
  })
})
