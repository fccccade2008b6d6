import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fakeAccount, installFakeMail, removeFakeMail, type FakeMail } from '../../test-support/fake-mail'
import { OfflineBodiesLine, storedSize } from './OfflineBodiesLine'

let fake: FakeMail
beforeEach(() => {
  fake = installFakeMail((f) => f.accounts.push(fakeAccount('a1')))
})
afterEach(() => {
  cleanup()
  removeFakeMail()
})

describe('OfflineBodiesLine', () => {
  it('shows the policy and the stored size, and sets another policy', async () => {
    render(<OfflineBodiesLine accountId="a1" label="Work" />)
    const select = await screen.findByLabelText<HTMLSelectElement>('Keep mail offline for Work:')
    await waitFor(() => expect(select.value).toBe('90'))
    expect(screen.getByTestId('offline-bodies').textContent).toContain('5.1 MB stored')
    fireEvent.change(select, { target: { value: 'all' } })
    await waitFor(() =>
      expect(fake.calls.find((c) => c.method === 'setOfflineBodies')?.args).toEqual(['a1', 'all']),
    )
    fireEvent.change(select, { target: { value: '365' } })
    await waitFor(() => expect(select.value).toBe('365'))
    expect(fake.calls.filter((c) => c.method === 'setOfflineBodies').at(-1)?.args).toEqual([
      'a1',
      { days: 365 },
    ])
  })

  it('says why a change failed', async () => {
    fake.failWith('setOfflineBodies', {
      code: 'ACCOUNT_NOT_FOUND',
      message: 'No account a1',
      retryable: false,
    })
    render(<OfflineBodiesLine accountId="a1" label="Work" />)
    const select = await screen.findByLabelText<HTMLSelectElement>('Keep mail offline for Work:')
    await waitFor(() => expect(select.value).toBe('90'))
    fireEvent.change(select, { target: { value: '30' } })
    expect(await screen.findByRole('alert')).toBeTruthy()
  })

  it('puts sizes in words', () => {
    expect(storedSize(0)).toBe('0 bytes')
    expect(storedSize(2048)).toBe('2 KB')
    expect(storedSize(5_400_000)).toBe('5.1 MB')
    expect(storedSize(3 * 1024 ** 3)).toBe('3.0 GB')
  })
})
