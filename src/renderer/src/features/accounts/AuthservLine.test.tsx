import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { installFakeMail, removeFakeMail } from '../../test-support/fake-mail'
import { AuthservLine } from './AuthservLine'

describe('AuthservLine', () => {
  afterEach(() => {
    cleanup()
    removeFakeMail()
  })

  it('shows the learned server, and lets the person set one or go back to learning', async () => {
    const fake = installFakeMail((f) =>
      f.authserv.set('a1', { authservId: 'mx.learned.test', origin: 'learned' }),
    )
    render(<AuthservLine accountId="a1" label="Work" />)
    const line = screen.getByTestId('authserv-line')
    await waitFor(() => expect(line.textContent).toContain('mx.learned.test (learned from your mail)'))
    fireEvent.click(
      screen.getByRole('button', { name: 'Change the mail server that checks senders for Work' }),
    )
    const input = screen.getByLabelText(/Server name in its Authentication-Results/)
    fireEvent.change(input, { target: { value: ' MX.Corp.test ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(line.textContent).toContain('MX.Corp.test (set by you)'))
    expect(fake.calls.filter((c) => c.method === 'setAuthservId').map((c) => c.args)).toEqual([
      ['a1', 'MX.Corp.test'],
    ])
    fireEvent.click(screen.getByRole('button', { name: /Change the mail server/ }))
    fireEvent.click(screen.getByRole('button', { name: 'Learn from my mail' }))
    await waitFor(() => expect(line.textContent).toContain('Not known yet'))
  })
})
