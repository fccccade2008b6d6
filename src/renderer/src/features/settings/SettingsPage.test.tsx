import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { installFakeMail, removeFakeMail } from '../../test-support/fake-mail'
import { SettingsPage } from './SettingsPage'
import { useAppearance } from './use-appearance'

afterEach(() => {
  cleanup()
  removeFakeMail()
  delete document.documentElement.dataset['theme']
})

function Page() {
  useAppearance()
  return <SettingsPage />
}

const select = (name: string) => screen.getByRole<HTMLSelectElement>('combobox', { name })
const checkbox = (name: string) => screen.getByRole<HTMLInputElement>('checkbox', { name })

describe('the Settings page', () => {
  it('shows the stored settings by section, each control named', async () => {
    installFakeMail((f) => (f.settings = { ...f.settings, theme: 'dark', markReadAfterSeconds: null }))
    render(<Page />)
    expect(screen.getByRole('heading', { name: 'Settings' })).toBe(document.activeElement)
    await waitFor(() => expect(select('Theme').value).toBe('dark'))
    for (const legend of ['Reading', 'Composing', 'Notifications', 'Appearance', 'Keyboard'])
      expect(screen.getByRole('group', { name: legend })).toBeTruthy()
    expect(select('Mark a message as read').value).toBe('never')
    expect(checkbox('Show the conversation above the message').checked).toBe(true)
    expect(select('Undo send').value).toBe('5')
    expect(select('Shortcut set').value).toBe('default')
  })

  it('saves a change at once and applies it (the theme on the page)', async () => {
    const fake = installFakeMail()
    render(<Page />)
    await waitFor(() => expect(select('Theme').value).toBe('system'))
    fireEvent.change(select('Theme'), { target: { value: 'dark' } })
    expect(document.documentElement.dataset['theme']).toBe('dark')
    fireEvent.change(select('Mark a message as read'), { target: { value: '5' } })
    fireEvent.click(checkbox('Notify me of new mail in an Inbox'))
    fireEvent.change(select('Shortcut set'), { target: { value: 'gmail' } })
    fireEvent.change(select('Undo send'), { target: { value: '20' } })
    await screen.findByText('Saved.')
    expect(fake.calls.filter((c) => c.method === 'updateSettings').map((c) => c.args[0])).toEqual([
      { theme: 'dark' },
      { markReadAfterSeconds: 5 },
      { notifyNewMail: false },
      { shortcutPreset: 'gmail' },
      { undoSendSeconds: 20 },
    ])
    expect(fake.settings).toMatchObject({ theme: 'dark', markReadAfterSeconds: 5, shortcutPreset: 'gmail' })
  })

  it('puts a refused change back and says why', async () => {
    const fake = installFakeMail()
    render(<Page />)
    await waitFor(() => expect(select('Zoom').value).toBe('1'))
    fake.failWith('updateSettings', {
      code: 'STORAGE_FAILED',
      message: 'disk full',
      retryable: true,
    })
    fireEvent.change(select('Zoom'), { target: { value: '1.5' } })
    expect(await screen.findByRole('alert')).toBeTruthy()
    await waitFor(() => expect(select('Zoom').value).toBe('1'))
  })
})
