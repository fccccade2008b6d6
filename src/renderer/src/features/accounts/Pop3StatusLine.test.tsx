import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Pop3Status } from '../../../../shared/model/account'
import { Pop3StatusLine } from './Pop3StatusLine'

function installBridge(status: Pop3Status | null) {
  const mail = {
    getPop3Status: (id: string) =>
      Promise.resolve(
        id === 'pop' ? { ok: true, value: status } : { ok: false, error: { code: 'INVALID_INPUT' } },
      ),
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
})
