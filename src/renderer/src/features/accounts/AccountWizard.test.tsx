import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppErrorData } from '../../../../shared/errors'
import type { MailEvents } from '../../../../shared/ipc/contract'
import type { Account, AccountDraft } from '../../../../shared/model/account'
import type { DiscoveryResult } from '../../../../shared/model/discovery'
import { AccountWizard } from './AccountWizard'

type Handler = (...args: unknown[]) => Promise<unknown>

/** What a handler rejects with to make main answer with this typed error. */
class Fail extends Error {
  constructor(readonly data: AppErrorData) {
    super(data.message)
  }
}
const listeners: ((p: MailEvents['sync:progress']) => void)[] = []
const calls: { method: string; args: unknown[] }[] = []

/** A stand-in for window.mail: each method answers from `handlers` with a Result envelope. */
function installBridge(handlers: Record<string, Handler>) {
  const mail: Record<string, unknown> = {
    on: (_event: string, l: (p: MailEvents['sync:progress']) => void) => {
      listeners.push(l)
      return () => listeners.splice(listeners.indexOf(l), 1)
    },
    getAppInfo: () =>
      Promise.resolve({
        ok: true,
        value: { name: 'M', version: '1', dataDir: '/d', platform: 'linux', secretStorage: 'session-memory' },
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
  listeners.length = 0
})

const found: DiscoveryResult = {
  address: 'jo@example.com',
  incoming: {
    settings: {
      protocol: 'imap',
      host: 'imap.example.com',
      port: 993,
      security: 'tls',
      username: 'jo',
      authMethod: 'auto',
    },
    source: { kind: 'config-file', where: 'https://autoconfig.example.com/mail/config-v1.1.xml' },
  },
  outgoing: {
    settings: { host: 'smtp.example.com', port: 465, security: 'tls', username: 'jo', authMethod: 'auto' },
    source: { kind: 'guess', where: 'smtp.example.com:465' },
  },
  alternatives: [],
  notes: [],
}

function fillStart(password: string) {
  fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Jo Doe' } })
  fireEvent.change(screen.getByLabelText('Email address'), { target: { value: 'jo@example.com' } })
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } })
  fireEvent.click(screen.getByRole('button', { name: 'Continue' }))
}

describe('AccountWizard', () => {
  it('searches with progress, shows where settings came from, reports a rejected login, then adds', async () => {
    let finishDiscovery: (r: DiscoveryResult) => void = () => undefined
    let attempts = 0
    installBridge({
      discoverSettings: () => new Promise((resolve) => (finishDiscovery = resolve)),
      addAccount: (draft, passwords) => {
        attempts++
        if ((passwords as { incoming: string }).incoming !== 'right') {
          const error: AppErrorData = {
            code: 'AUTH_FAILED',
            message: 'x',
            retryable: false,
            detail: { role: 'incoming', serverResponse: '[AUTHENTICATIONFAILED] Authentication failed.' },
          }
          return Promise.reject(new Fail(error))
        }
        return Promise.resolve({
          ...(draft as AccountDraft),
          id: 'a1',
          pins: [],
          createdAt: 1,
        } as unknown as Account)
      },
    })
    let done: Account | null | undefined
    render(<AccountWizard onDone={(a) => (done = a)} />)
    expect(await screen.findByTestId('keychain-notice')).toBeTruthy()
    fillStart('wrong')
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Looking for your servers'))
    const id = calls.find((c) => c.method === 'discoverSettings')!.args[0] as string
    act(() => listeners.forEach((l) => l({ accountId: id, phase: 'discover:mx', done: 2, total: 5 })))
    expect(screen.getByTestId('discovery-progress').textContent).toMatch(/who handles your domain/)
    act(() => finishDiscovery(found))
    await screen.findByTestId('incoming-source')
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Check your settings'))
    expect(screen.getByTestId('incoming-source').textContent).toBe('Found from your provider’s config file.')
    expect(screen.getByTestId('outgoing-source').textContent).toBe('Found guessed and verified.')
    expect(screen.getByLabelText<HTMLInputElement>('Server', { selector: '#incoming-host' }).value).toBe(
      'imap.example.com',
    )

    fireEvent.click(screen.getByRole('button', { name: 'Add account' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/incoming server did not accept the user name or password/)
    expect(alert.textContent).toMatch(/AUTHENTICATIONFAILED/)
    await waitFor(() => expect(document.activeElement).toBe(alert))

    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'right' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }))
    expect((await screen.findByTestId('wizard-done')).textContent).toMatch(/jo@example.com works/)
    expect(attempts).toBe(2)
    const [draft] = calls.filter((c) => c.method === 'addAccount')[1]!.args as [AccountDraft]
    expect(draft).toMatchObject({
      address: 'jo@example.com',
      identities: [{ name: 'Jo Doe', address: 'jo@example.com' }],
      incoming: { host: 'imap.example.com', port: 993, username: 'jo' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Done' }))
    expect(done?.id).toBe('a1')
  })

  it('points at bad input before asking main, and offers manual setup', async () => {
    installBridge({})
    render(<AccountWizard onDone={() => undefined} />)
    fireEvent.change(screen.getByLabelText('Email address'), { target: { value: 'not an address' } })
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(screen.getByText('Enter an address like name@example.com.')).toBeTruthy()
    await waitFor(() => expect(document.activeElement?.id).toBe('wizard-address'))
    expect(calls).toEqual([])
    fireEvent.change(screen.getByLabelText('Email address'), { target: { value: 'jo@example.com' } })
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'pw' } })
    fireEvent.click(screen.getByRole('button', { name: 'Set up manually' }))
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Enter your server settings'))
    expect((document.getElementById('incoming-host') as HTMLInputElement).value).toBe('imap.example.com')
    fireEvent.change(document.getElementById('incoming-port')!, { target: { value: '70000' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }))
    expect(screen.getByText('Enter a port between 1 and 65535.')).toBeTruthy()
    await waitFor(() => expect(document.activeElement?.id).toBe('incoming-port'))
  })

  it('shows a certificate’s fingerprint and pins it when the person chooses to trust it', async () => {
    const fingerprint = Array.from({ length: 32 }, () => 'AB').join(':')
    installBridge({
      discoverSettings: () => Promise.resolve(found),
      addAccount: (draft) =>
        (draft as AccountDraft).pins?.length
          ? Promise.resolve({ ...(draft as AccountDraft), id: 'a2', createdAt: 1 })
          : Promise.reject(
              new Fail({
                code: 'TLS_FAILED',
                message: 'x',
                retryable: false,
                detail: { role: 'incoming', tlsReason: 'self-signed', fingerprint },
              }),
            ),
    })
    render(<AccountWizard onDone={() => undefined} />)
    fillStart('pw')
    fireEvent.click(await screen.findByRole('button', { name: 'Add account' }))
    expect((await screen.findByTestId('certificate-fingerprint')).textContent).toBe(fingerprint)
    fireEvent.click(screen.getByRole('button', { name: 'Trust this certificate for this server' }))
    await screen.findByTestId('wizard-done')
    const last = calls.filter((c) => c.method === 'addAccount').at(-1)!.args[0] as AccountDraft
    expect(last.pins).toEqual([{ host: 'imap.example.com', port: 993, fingerprint }])
  })

  it('names a private CA’s certificate (not “self-signed”) and trusts it, other name included when shown', async () => {
    const fingerprint = Array.from({ length: 32 }, () => 'CD').join(':')
    installBridge({
      discoverSettings: () => Promise.resolve(found),
      addAccount: (draft) =>
        (draft as AccountDraft).pins?.length
          ? Promise.resolve({ ...(draft as AccountDraft), id: 'a3', createdAt: 1 })
          : Promise.reject(
              new Fail({
                code: 'TLS_FAILED',
                message: 'x',
                retryable: false,
                detail: {
                  role: 'incoming',
                  host: 'imap.example.com',
                  port: 993,
                  tlsReason: 'untrusted',
                  fingerprint,
                  subject: 'CN=mail.corp.example',
                  issuer: 'CN=Corp Root CA',
                  validFrom: '2025-01-01T00:00:00.000Z',
                  validTo: '2027-01-01T00:00:00.000Z',
                  certificateNames: 'mail.corp.example',
                  nameMatches: false,
                },
              }),
            ),
    })
    render(<AccountWizard onDone={() => undefined} />)
    fillStart('pw')
    fireEvent.click(await screen.findByRole('button', { name: 'Add account' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(
      /issued by an authority this computer does not trust \(CN=Corp Root CA\)/,
    )
    expect(alert.textContent).toMatch(/also issued for mail\.corp\.example, not imap\.example\.com/)
    expect(alert.textContent).not.toMatch(/self-signed/i)
    expect(screen.getByTestId('certificate-subject').textContent).toBe('CN=mail.corp.example')
    expect(screen.getByTestId('certificate-issuer').textContent).toBe('CN=Corp Root CA')
    expect(screen.getByTestId('certificate-validity').textContent).toMatch(/2025.*2027/)
    fireEvent.click(screen.getByRole('button', { name: 'Trust this certificate for this server' }))
    await screen.findByTestId('wizard-done')
    const last = calls.filter((c) => c.method === 'addAccount').at(-1)!.args[0] as AccountDraft
    expect(last.pins).toEqual([{ host: 'imap.example.com', port: 993, fingerprint, allowNameMismatch: true }])
  })
})
