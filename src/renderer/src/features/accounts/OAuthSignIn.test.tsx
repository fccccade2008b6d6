import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppErrorData } from '../../../../shared/errors'
import type { Account, AccountDraft } from '../../../../shared/model/account'
import type { DiscoveryResult } from '../../../../shared/model/discovery'
import { AccountsPage } from './AccountsPage'
import { AccountWizard } from './AccountWizard'

type Handler = (...args: unknown[]) => Promise<unknown>
class Fail extends Error {
  constructor(readonly data: AppErrorData) {
    super(data.message)
  }
}
const calls: { method: string; args: unknown[] }[] = []

/** A stand-in for window.mail: each method answers from `handlers` with a Result envelope. */
function installBridge(handlers: Record<string, Handler>) {
  const mail: Record<string, unknown> = {
    on: () => () => undefined,
    getAppInfo: () =>
      Promise.resolve({
        ok: true,
        value: { name: 'M', version: '1', dataDir: '/d', platform: 'linux', secretStorage: 'os-keychain' },
      }),
  }
  for (const [method, handler] of Object.entries(handlers)) {
    mail[method] = async (...args: unknown[]) => {
      calls.push({ method, args })
      try {
        return { ok: true, value: await handler(...args) }
      } catch (error) {
        if (error instanceof Fail) return { ok: false, error: error.data }
        throw error
      }
    }
  }
  Object.defineProperty(window, 'mail', { value: mail, configurable: true })
}
afterEach(() => {
  cleanup()
  Reflect.deleteProperty(window, 'mail')
  calls.length = 0
})

const server = { port: 993, security: 'tls' as const, username: 'jo@gmail.com', authMethod: 'auto' as const }
const gmail: DiscoveryResult = {
  address: 'jo@gmail.com',
  incoming: {
    settings: { ...server, protocol: 'imap', host: 'imap.gmail.com' },
    source: { kind: 'ispdb', where: 'x' },
  },
  outgoing: {
    settings: { ...server, port: 465, host: 'smtp.gmail.com' },
    source: { kind: 'ispdb', where: 'x' },
  },
  alternatives: [],
  notes: [],
  oauth: { provider: 'google' },
}
const cancelled: AppErrorData = { code: 'CANCELLED', message: 'Sign-in cancelled', retryable: false }

function start(address: string, button: string, password = '') {
  fireEvent.change(screen.getByLabelText('Email address'), { target: { value: address } })
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } })
  fireEvent.click(screen.getByRole('button', { name: button }))
}

describe('signing in with OAuth in the wizard', () => {
  it('offers "Sign in with Google" for a Gmail address, can be cancelled, then adds the account with the sign-in', async () => {
    let cancel: () => void = () => undefined
    let signIns = 0
    installBridge({
      discoverSettings: () => Promise.resolve(gmail),
      signIn: () =>
        ++signIns === 1
          ? new Promise((_resolve, reject) => (cancel = () => reject(new Fail(cancelled))))
          : Promise.resolve(undefined),
      cancelSignIn: () => Promise.resolve(cancel()),
      addAccount: (draft) =>
        Promise.resolve({ ...(draft as AccountDraft), id: 'g1', pins: [], createdAt: 1 }),
    })
    render(<AccountWizard onDone={() => undefined} />)
    start('jo@gmail.com', 'Continue', 'an app password perhaps')
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in with Google' }))
    expect(await screen.findByText('Finish signing in in your browser…')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Cancel sign-in' }))
    // Cancelled: back to the button, no error shown.
    await screen.findByRole('button', { name: 'Sign in with Google' })
    expect(screen.queryByRole('alert')).toBeNull()

    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Google' }))
    await screen.findByText(/Signed in with Google/)
    const [first, second] = calls.filter((c) => c.method === 'signIn')
    expect(second!.args[1]).toEqual({
      auth: { kind: 'oauth2', provider: 'google' },
      address: 'jo@gmail.com',
      protocol: 'imap',
    })
    expect(second!.args[0]).not.toBe(first!.args[0])
    expect(calls.find((c) => c.method === 'cancelSignIn')!.args[0]).toBe(first!.args[0])

    fireEvent.click(screen.getByRole('button', { name: 'Add account' }))
    await screen.findByTestId('wizard-done')
    const add = calls.find((c) => c.method === 'addAccount')!
    expect((add.args[0] as AccountDraft).auth).toEqual({ kind: 'oauth2', provider: 'google' })
    // The sign-in's id, not the password typed at the start.
    expect(add.args[1]).toEqual({ signInId: second!.args[0] })
  })

  it('without a known provider asks for the issuer and client id, and says why a sign-in failed', async () => {
    installBridge({
      discoverSettings: () => Promise.resolve({ ...gmail, address: 'jo@corp.example', oauth: undefined }),
      signIn: () =>
        Promise.reject(
          new Fail({
            code: 'SERVER_REJECTED',
            message: 'x',
            retryable: false,
            detail: { reason: 'no-provider-metadata' },
          }),
        ),
    })
    render(<AccountWizard onDone={() => undefined} />)
    start('jo@corp.example', 'Sign in on my provider’s page instead')
    fireEvent.change(await screen.findByLabelText('Issuer URL'), {
      target: { value: 'https://id.corp.example' },
    })
    fireEvent.change(screen.getByLabelText('Client ID'), { target: { value: 'mailroom' } })
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with your provider' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/No sign-in service was found/)
    expect(calls.find((c) => c.method === 'signIn')!.args[1]).toMatchObject({
      auth: { kind: 'oauth2', issuer: 'https://id.corp.example', clientId: 'mailroom' },
    })
  })
})

describe('"Sign in again" on the accounts page', () => {
  it('shows on an account whose sign-in ended and signs in for that account', async () => {
    const account: Account = {
      id: 'a1',
      displayName: 'Work',
      address: 'jo@gmail.com',
      incoming: { ...server, protocol: 'imap', host: 'imap.gmail.com' },
      outgoing: { ...server, port: 465, host: 'smtp.gmail.com' },
      identities: [{ id: 'i1', name: 'Jo', address: 'jo@gmail.com' }],
      pins: [],
      auth: { kind: 'oauth2', provider: 'google' },
      needsSignIn: true,
      createdAt: 1,
    }
    installBridge({
      listAccounts: () =>
        Promise.resolve([account, { ...account, id: 'a2', displayName: 'Fine', needsSignIn: undefined }]),
      signIn: () => Promise.resolve(undefined),
    })
    render(<AccountsPage />)
    expect(await screen.findAllByTestId('account-needs-sign-in')).toHaveLength(1)
    fireEvent.click(screen.getByRole('button', { name: 'Sign in again to Work' }))
    await waitFor(() => expect(calls.some((c) => c.method === 'signIn')).toBe(true))
    expect(calls.find((c) => c.method === 'signIn')!.args[1]).toEqual({ accountId: 'a1' })
  })
})
