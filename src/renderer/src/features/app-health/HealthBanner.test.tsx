import { act, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppErrorData } from '../../../../shared/errors'
import type { AppHealth } from '../../../../shared/model/app-health'
import { HealthBanner } from './HealthBanner'

const diskFull: AppErrorData = {
  code: 'STORAGE_FAILED',
  message: 'The disk is full',
  retryable: false,
  detail: { reason: 'disk-full' },
}

/** A window.mail with getAppHealth and app:health; returns a function that pushes an event. */
function installBridge(initial: AppHealth): (h: AppHealth) => void {
  const listeners = new Set<(h: AppHealth) => void>()
  Object.defineProperty(window, 'mail', {
    value: {
      getAppHealth: () => Promise.resolve({ ok: true, value: initial }),
      on: (event: string, l: (h: AppHealth) => void) => {
        if (event !== 'app:health') return () => {}
        listeners.add(l)
        return () => listeners.delete(l)
      },
    },
    configurable: true,
  })
  return (h) => act(() => listeners.forEach((l) => l(h)))
}
afterEach(() => Reflect.deleteProperty(window, 'mail'))

describe('HealthBanner', () => {
  it('shows nothing while the store works and nothing stopped', async () => {
    installBridge({ storage: null, stopped: [] })
    render(<HealthBanner />)
    await act(() => Promise.resolve())
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('says the disk is full and what stopped, stays while it lasts, and goes when main says it is fixed', async () => {
    const push = installBridge({
      storage: diskFull,
      stopped: [
        { task: 'mail-sync', error: diskFull, since: 1 },
        { task: 'outbox', error: diskFull, since: 1 },
      ],
    })
    render(<HealthBanner />)
    const banner = await screen.findByRole('alert')
    expect(banner.textContent).toMatch(/The disk is full/)
    expect(banner.textContent).toMatch(/Free some space/)
    expect(screen.getByTestId('health-stopped').textContent).toBe(
      'Stopped until then: syncing mail; sending (queued mail waits in the Outbox).',
    )
    expect(banner.getAttribute('data-reason')).toBe('disk-full')
    // A new cause replaces the words; the banner is still there.
    push({
      storage: { ...diskFull, detail: { reason: 'read-only' } },
      stopped: [{ task: 'outbox', error: diskFull, since: 1 }],
    })
    expect(screen.getByRole('alert').textContent).toMatch(/read-only/)
    push({ storage: null, stopped: [] })
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('names a service that could not start for another reason', async () => {
    installBridge({
      storage: null,
      stopped: [{ task: 'outbox', error: { code: 'INTERNAL', message: 'x', retryable: false }, since: 1 }],
    })
    render(<HealthBanner />)
    expect((await screen.findByTestId('health-stopped-outbox')).textContent).toMatch(
      /^Sending \(queued mail waits in the Outbox\) stopped: Something went wrong inside the app\./,
    )
  })
})
