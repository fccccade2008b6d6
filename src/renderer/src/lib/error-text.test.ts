import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../../shared/errors'
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
})
