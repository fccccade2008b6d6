import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Account } from '../../../../shared/model/account'
import { AccountsPage } from './AccountsPage'

const account: Account = {
  id: 'a1',
  displayName: 'Work',
  address: 'jo@example.com',
  incoming: {
    protocol: 'imap',
    host: 'imap.example.com',
    port: 993,
    security: 'tls',
    username: 'jo',
    authMethod: 'auto',
  },
  outgoing: { host: 'smtp.example.com', port: 465, security: 'tls', username: 'jo', authMethod: 'auto' },
  identities: [{ id: 'i1', name: 'Jo', address: 'jo@example.com' }],
  pins: [],
  createdAt: 1,
}

const calls: { method: string; args: unknown[] }[] = []
function installBridge(accounts: Account[]) {
  const ok = (value: unknown) => Promise.resolve({ ok: true, value })
  const record =
    (method: string, value: unknown = undefined) =>
    (...args: unknown[]) => {
      calls.push({ method, args })
      return ok(value)
    }
  Object.defineProperty(window, 'mail', {
    configurable: true,
    value: {
      on: () => () => undefined,
      getAppInfo: () =>
        ok({ name: 'M', version: '1', dataDir: '/d', platform: 'linux', secretStorage: 'os-keychain' }),
      listAccounts: () => ok(accounts),
      removeAccount: record('removeAccount'),
      updateAccount: record('updateAccount', account),
      getOfflineBodies: () => ok({ policy: { days: 90 }, storedBytes: 0 }),
    },
  })
}
afterEach(() => {
  cleanup()
  calls.length = 0
  Reflect.deleteProperty(window, 'mail')
})

describe('AccountsPage', () => {
  it('lists accounts and removes one after confirming', async () => {
    installBridge([account])
    render(<AccountsPage />)
    expect((await screen.findByTestId('account-item')).textContent).toMatch(
      /Work.*jo@example.com.*IMAP imap.example.com:993/,
    )
    expect(screen.queryByTestId('keychain-notice')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Remove Work' }))
    expect(calls).toEqual([])
    expect(document.activeElement?.textContent).toBe('Remove')
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }))
    await waitFor(() => expect(calls).toEqual([{ method: 'removeAccount', args: ['a1'] }]))
  })

  it('edits an account; an empty password field keeps the saved password', async () => {
    installBridge([account])
    render(<AccountsPage />)
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Work' }))
    expect(document.activeElement?.textContent).toBe('Edit Work')
    fireEvent.change(screen.getByLabelText('Account name'), { target: { value: 'Office' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(calls.map((c) => c.method)).toEqual(['updateAccount']))
    expect(calls[0]!.args[0]).toBe('a1')
    expect(calls[0]!.args[1]).toMatchObject({ displayName: 'Office' })
    expect(calls[0]!.args[2]).toEqual({})
  })
})
