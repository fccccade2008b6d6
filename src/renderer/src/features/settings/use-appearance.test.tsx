import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { installFakeMail, removeFakeMail } from '../../test-support/fake-mail'
import { useAppearance, useDarkTheme } from './use-appearance'
import { useSettings } from './use-settings'

afterEach(() => {
  cleanup()
  removeFakeMail()
  delete document.documentElement.dataset['theme']
  document.documentElement.style.zoom = ''
})

function Probe() {
  useAppearance()
  const dark = useDarkTheme()
  const { settings, loaded } = useSettings()
  return (
    <p data-testid="probe">
      {loaded ? `${settings.theme} ${settings.zoom} ${dark ? 'dark' : 'light'}` : 'loading'}
    </p>
  )
}

describe('the appearance settings on the page', () => {
  it('sets the theme override on the root, and none for "system"', async () => {
    const fake = installFakeMail((f) => (f.settings = { ...f.settings, theme: 'dark' }))
    render(<Probe />)
    await screen.findByText('dark 1 dark')
    expect(document.documentElement.dataset['theme']).toBe('dark')
    // Another window changed it: applied here at once.
    act(() => fake.emit('settings:changed', { settings: { ...fake.settings, theme: 'system' } }))
    await screen.findByText('system 1 light')
    expect(document.documentElement.dataset['theme']).toBeUndefined()
  })

  it('zooms with Ctrl + and -, resets with Ctrl+0, stores it, and zooms the page with CSS in the browser', async () => {
    const fake = installFakeMail()
    render(<Probe />)
    await screen.findByText('system 1 light')
    fireEvent.keyDown(window, { key: '=', ctrlKey: true })
    await screen.findByText('system 1.1 light')
    expect(document.documentElement.style.zoom).toBe('1.1')
    fireEvent.keyDown(window, { key: '-', ctrlKey: true })
    fireEvent.keyDown(window, { key: '-', ctrlKey: true })
    await screen.findByText('system 0.9 light')
    fireEvent.keyDown(window, { key: '0', metaKey: true })
    await screen.findByText('system 1 light')
    expect(document.documentElement.style.zoom).toBe('')
    // A plain "-" (typing) is no zoom.
    fireEvent.keyDown(window, { key: '-' })
    await waitFor(() => expect(fake.settings.zoom).toBe(1))
    expect(fake.calls.filter((c) => c.method === 'updateSettings').map((c) => c.args[0])).toEqual([
      { zoom: 1.1 },
      { zoom: 1 },
      { zoom: 0.9 },
      { zoom: 1 },
    ])
  })
})
