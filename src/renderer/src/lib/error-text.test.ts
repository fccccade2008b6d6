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
})
