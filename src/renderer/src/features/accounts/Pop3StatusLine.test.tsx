import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Pop3Status } from '../../../../shared/model/account'
import { Pop3StatusLine } from './Pop3StatusLine'

function installBridge(status: Pop3Status | null, checkNow = vi.fn(() => Promise.resolve({ ok: true }))) {
  const mail = {
    getPop3Status: (id: string) =>
      Promise.resolve(
        id === 'pop' ? { ok: true, value: status } : { ok: false, error: { code: 'INVALID_INPUT' } },
      ),
    checkNow,
    on: () => () => undefined,
  }
  Object.defineProperty(window, 'mail', { value: mail, configurable: true })
}
afterEach(() => {
  cleanup()
  Reflect.deleteProperty(window, 'mail')
})

describe('Pop3StatusLine', () => {
  it('says when the server has no UIDL and messages are recognized by content', async () => {
    installBridge({ identity: 'content-hash', lastCheckAt: 1_700_000_000_000, lastError: null })
    render(<Pop3StatusLine accountId="pop" />)
    expect((await screen.findByRole('note')).textContent).toMatch(/no UIDL/)
    expect(screen.getByTestId('pop3-status').textContent).toMatch(/Last checked/)
  })

  it('shows the last failure and nothing about UIDL when the server has it', async () => {
    installBridge({ identity: 'uidl', lastCheckAt: 1, lastError: 'The server did not accept the password' })
    render(<Pop3StatusLine accountId="pop" />)
    expect((await screen.findByRole('status')).textContent).toMatch(/did not accept the password/)
    expect(screen.queryByRole('note')).toBeNull()
  })

  it('shows a failed check in the server’s words and checks again on request', async () => {
    const error = {
      code: 'AUTH_FAILED',
      message: 'The POP3 server refused the password',
      retryable: false,
      detail: { serverResponse: '-ERR [AUTH] Authentication failed.' },
    }
    const checkNow = vi.fn(() => Promise.resolve({ ok: true }))
    installBridge({ identity: 'uidl', lastCheckAt: 1, lastError: JSON.stringify(error) }, checkNow)
    render(<Pop3StatusLine accountId="pop" label="Home" />)
    const status = await screen.findByRole('status')
    expect(status.textContent).toContain('The server did not accept the user name or password.')
    expect(status.querySelector('.server-words q')?.textContent).toBe('-ERR [AUTH] Authentication failed.')
    expect(status.textContent).not.toContain('{')
    fireEvent.click(screen.getByRole('button', { name: 'Check Home for new mail now' }))
    await waitFor(() => expect(checkNow).toHaveBeenCalledWith('pop'))
  })
})
