import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ErrorNotice } from './ErrorNotice'

describe('ErrorNotice', () => {
  afterEach(cleanup)

  it('shows the server’s words with their enhanced status code in words (RFC 3463)', () => {
    render(
      <ErrorNotice
        error={{
          code: 'SERVER_REJECTED',
          message: 'refused',
          retryable: false,
          detail: { serverResponse: '550 5.1.1 <x@example.test>: Recipient address rejected' },
        }}
      />,
    )
    expect(screen.getByRole('alert').textContent).toContain('(no such user (5.1.1))')
  })

  it('adds nothing when the answer carries no code', () => {
    render(
      <ErrorNotice
        error={{
          code: 'SERVER_REJECTED',
          message: 'refused',
          retryable: false,
          detail: { serverResponse: '554 no' },
        }}
      />,
    )
    expect(screen.getByRole('alert').querySelector('.server-status')).toBeNull()
  })
})
