import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeAccount, installFakeMail, removeFakeMail } from '../../test-support/fake-mail'
import { BackgroundErrors } from './BackgroundErrors'

afterEach(() => {
  cleanup()
  removeFakeMail()
})

describe('BackgroundErrors', () => {
  it('shows a refusal from background work in the server’s words, per account, until dismissed', async () => {
    const fake = installFakeMail((f) => f.accounts.push(fakeAccount('a1', 'me@example.test')))
    render(<BackgroundErrors />)
    expect(screen.queryByTestId('background-errors')).toBeNull()
    const refused = {
      code: 'SERVER_REJECTED' as const,
      message: 'refused',
      retryable: false,
      detail: { serverResponse: 'NO [TRYCREATE] Mailbox does not exist: Projects' },
    }
    await act(async () => {
      fake.emit('app:error', { accountId: 'a1', error: refused })
      fake.emit('app:error', {
        accountId: 'a1',
        error: { code: 'CANCELLED', message: 'stopped', retryable: false },
      })
      await Promise.resolve()
    })
    const box = await screen.findByTestId('background-errors')
    expect(box.textContent).toContain('Account a1')
    expect(box.querySelector('.server-words q')?.textContent).toBe(
      'NO [TRYCREATE] Mailbox does not exist: Projects',
    )
    // The same failure again replaces the first instead of piling up.
    act(() => fake.emit('app:error', { accountId: 'a1', error: refused }))
    expect(screen.getAllByRole('alert')).toHaveLength(1)
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByTestId('background-errors')).toBeNull()
  })
})
