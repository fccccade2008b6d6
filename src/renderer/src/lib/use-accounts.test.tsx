import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Account } from '../../../shared/model/account'
import { fakeAccount, installFakeMail, removeFakeMail } from '../test-support/fake-mail'
import { useAccounts } from './use-accounts'

afterEach(() => {
  cleanup()
  removeFakeMail()
})

function Probe() {
  const accounts = useAccounts()
  const text =
    accounts.state === 'ready'
      ? accounts.accounts.map((a) => a.id).join(',') || 'none'
      : accounts.state === 'failed'
        ? `failed ${accounts.error.code}`
        : 'loading'
  return <p data-testid="accounts">{text}</p>
}

describe('useAccounts', () => {
  it('loads the accounts and reads them again on accounts:changed', async () => {
    const fake = installFakeMail((f) => f.accounts.push(fakeAccount('a1')))
    render(<Probe />)
    expect(screen.getByTestId('accounts').textContent).toBe('loading')
    expect((await screen.findByText('a1')).textContent).toBe('a1')
    fake.accounts.push(fakeAccount('a2'))
    act(() => fake.emit('accounts:changed', { accountId: 'a2' }))
    expect((await screen.findByText('a1,a2')).textContent).toBe('a1,a2')
    expect(fake.calls.filter((c) => c.method === 'listAccounts')).toHaveLength(2)
  })

  it('shows a failure as typed error data', async () => {
    const fake = installFakeMail()
    fake.failWith('listAccounts', { code: 'STORAGE_FAILED', message: 'disk', retryable: false })
    render(<Probe />)
    expect((await screen.findByText('failed STORAGE_FAILED')).textContent).toBe('failed STORAGE_FAILED')
  })

  it('drops an answer older than the newest request', async () => {
    const fake = installFakeMail()
    const answers: ((list: Account[]) => void)[] = []
    Object.assign(fake.bridge, {
      listAccounts: () =>
        new Promise((resolve) => answers.push((list) => resolve({ ok: true, value: list }))),
    })
    render(<Probe />)
    act(() => fake.emit('accounts:changed', { accountId: 'a2' }))
    expect(answers).toHaveLength(2)
    // The newer answer arrives first; the older one must not replace it.
    await act(async () => {
      answers[1]!([fakeAccount('new')])
      await Promise.resolve()
    })
    await act(async () => {
      answers[0]!([fakeAccount('old')])
      await Promise.resolve()
    })
    expect(screen.getByTestId('accounts').textContent).toBe('new')
  })
})
