import { render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { MailBridge } from '../../../../shared/ipc/contract'
import { AppInfoPanel } from './AppInfoPanel'

function installBridge(getAppInfo: MailBridge['getAppInfo']) {
  Object.defineProperty(window, 'mail', { value: { getAppInfo, on: () => () => {} }, configurable: true })
}
afterEach(() => Reflect.deleteProperty(window, 'mail'))

describe('AppInfoPanel', () => {
  it('shows what main reports', async () => {
    installBridge(() =>
      Promise.resolve({
        ok: true,
        value: {
          name: 'Mailroom',
          version: '9.9.9',
          dataDir: '/d',
          platform: 'linux',
          secretStorage: 'session-memory',
        },
      }),
    )
    render(<AppInfoPanel />)
    expect(await screen.findByTestId('app-version')).toHaveProperty('textContent', '9.9.9')
    expect(screen.getByTestId('app-secret-storage').textContent).toMatch(/memory for this session only/)
  })

  it('puts a failure into words', async () => {
    installBridge(() =>
      Promise.resolve({ ok: false, error: { code: 'STORAGE_FAILED', message: 'x', retryable: false } }),
    )
    render(<AppInfoPanel />)
    expect((await screen.findByRole('alert')).textContent).toMatch(/local mail store/)
  })
})
