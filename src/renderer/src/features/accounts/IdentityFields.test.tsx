import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppErrorData } from '../../../../shared/errors'
import type { Account, AccountDraft } from '../../../../shared/model/account'
import { AccountEditor } from './AccountEditor'

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
  identities: [
    { id: 'i1', name: 'Jo', address: 'jo@example.com', signature: 'Jo\nExample' },
    { id: 'i2', name: 'Jo (alias)', address: 'alias@example.com' },
  ],
  pins: [],
  createdAt: 1,
}

const saved: AccountDraft[] = []
let answer: { ok: true; value: Account } | { ok: false; error: AppErrorData }
function installBridge() {
  answer = { ok: true, value: account }
  Object.defineProperty(window, 'mail', {
    configurable: true,
    value: {
      on: () => () => undefined,
      updateAccount: (_id: string, draft: AccountDraft) => {
        saved.push(draft)
        return Promise.resolve(answer)
      },
    },
  })
}
afterEach(() => {
  cleanup()
  saved.length = 0
  Reflect.deleteProperty(window, 'mail')
})

const input = (id: string) => document.getElementById(id) as HTMLInputElement
const items = () => screen.getAllByTestId('identity-item')
function edit(account_: Account = account) {
  installBridge()
  let closed = 0
  render(<AccountEditor account={account_} onClose={() => closed++} />)
  return { closed: () => closed }
}

describe('identities on the account editor', () => {
  it('shows every identity, edits, adds and removes them, and saves them all', async () => {
    const editor = edit()
    expect(items()).toHaveLength(2)
    expect(input('identity-0-name').value).toBe('Jo')
    expect((document.getElementById('identity-0-signature') as HTMLTextAreaElement).value).toBe('Jo\nExample')
    expect(input('identity-1-address').value).toBe('alias@example.com')

    fireEvent.change(input('identity-1-name'), { target: { value: 'Jo Alias' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add identity' }))
    expect(items()).toHaveLength(3)
    // The cursor goes to the new identity, and the change is announced.
    await waitFor(() => expect(document.activeElement?.id).toBe('identity-2-name'))
    expect(screen.getByTestId('identity-announcement').textContent).toBe('Identity 3 added.')
    fireEvent.change(input('identity-2-name'), { target: { value: 'Support' } })
    fireEvent.change(input('identity-2-address'), { target: { value: 'support@example.com' } })
    fireEvent.change(document.getElementById('identity-2-signature')!, { target: { value: 'The team' } })

    fireEvent.click(screen.getByRole('button', { name: 'Remove jo@example.com' }))
    expect(items()).toHaveLength(2)
    await waitFor(() => expect(document.activeElement?.id).toBe('identity-0-name'))
    expect(screen.getByTestId('identity-announcement').textContent).toBe('Removed jo@example.com.')
    expect(screen.getByText('Identity 1 (default)')).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Make support@example.com the default' }))
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(editor.closed()).toBe(1))
    expect(saved[0]!.identities).toEqual([
      { name: 'Support', address: 'support@example.com', signature: 'The team' },
      { id: 'i2', name: 'Jo Alias', address: 'alias@example.com' },
    ])
    // The account's own address is unchanged by what happens to its identities.
    expect(saved[0]!.address).toBe('jo@example.com')
  })

  it('keeps the last identity and says why', async () => {
    edit({ ...account, identities: [account.identities[0]!] })
    const remove = screen.getByRole('button', { name: 'Remove jo@example.com' })
    expect(remove.getAttribute('aria-disabled')).toBe('true')
    const reason = document.getElementById(remove.getAttribute('aria-describedby')!)
    expect(reason?.textContent).toMatch(/needs at least one identity/)
    fireEvent.click(remove)
    expect(items()).toHaveLength(1)
    expect(screen.getByTestId('identity-announcement').textContent).toMatch(/needs at least one identity/)
    // With a second one, either can go.
    fireEvent.click(screen.getByRole('button', { name: 'Add identity' }))
    await waitFor(() => expect(document.activeElement?.id).toBe('identity-1-name'))
    expect(screen.getByRole('button', { name: 'Remove jo@example.com' }).getAttribute('aria-disabled')).toBe(
      'false',
    )
  })

  it('points at a bad or repeated address before saving', async () => {
    edit()
    fireEvent.change(input('identity-1-address'), { target: { value: 'JO@EXAMPLE.COM' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(document.activeElement?.id).toBe('identity-1-address'))
    expect(input('identity-1-address').getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText('Identity 1 already uses this address.')).toBeTruthy()
    fireEvent.change(input('identity-1-address'), { target: { value: 'alias@' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText('Enter an address like name@example.com.')).toBeTruthy()
    expect(saved).toEqual([])
  })

  it('shows a field main refuses at that identity’s input', async () => {
    edit()
    answer = {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Invalid draft.identities.1.name: must not contain line breaks',
        retryable: false,
        detail: { field: 'draft.identities.1.name' },
      },
    }
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(document.activeElement?.id).toBe('identity-1-name'))
    expect(input('identity-1-name').getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById('identity-1-name-error')?.textContent).toMatch(/line breaks/)
    expect(input('identity-0-name').getAttribute('aria-invalid')).toBe('false')
    expect(screen.queryByRole('alert')).toBeNull()
  })
})
