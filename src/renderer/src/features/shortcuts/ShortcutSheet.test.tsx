import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { COMMANDS } from '../../../../shared/commands/command-table'
import { getCommandPrefs, reloadCommandPrefs } from '../../lib/commands'
import {
  fakeAccount,
  fakeMailbox,
  installFakeMail,
  removeFakeMail,
  seedMessages,
  type FakeMail,
} from '../../test-support/fake-mail'
import { stubListViewport } from '../../test-support/layout'
import { ReaderLayout } from '../reader'
import { ShortcutSheet } from './ShortcutSheet'

let fake: FakeMail
let restoreLayout: () => void
beforeEach(() => {
  restoreLayout = stubListViewport(580)
  fake = installFakeMail((f) => {
    f.accounts.push(fakeAccount('a1'))
    f.mailboxes.push(fakeMailbox('a1', 'INBOX', { role: 'inbox', total: 3 }))
    seedMessages(f, 'a1:INBOX', 3)
  })
})
afterEach(() => {
  cleanup()
  restoreLayout()
  removeFakeMail()
  localStorage.clear()
  reloadCommandPrefs()
})

const press = (key: string, target: Element = document.body) =>
  fireEvent.keyDown(target, { key, shiftKey: /^[?#!A-Z]$/.test(key) })

describe('the shortcut sheet', () => {
  it('? shows every key of the table as a modal dialog; Escape closes it and focus returns', async () => {
    render(
      <>
        <ReaderLayout />
        <ShortcutSheet />
      </>,
    )
    const list = await screen.findByRole('listbox')
    list.focus()
    press('?', list)
    const sheet = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    expect(sheet.getAttribute('aria-modal')).toBe('true')
    expect(sheet.contains(document.activeElement)).toBe(true)
    // Every command that has a key in the default set is listed with it, and the list's own keys.
    for (const c of COMMANDS.filter((x) => x.keys.default.length > 0)) {
      const row = sheet.querySelector(`[data-command="${c.id}"]`)
      expect(row?.textContent).toContain(c.label)
    }
    expect(within(sheet).getByText('Shift+F')).toBeTruthy()
    expect(within(sheet).getByText('Open the message')).toBeTruthy()
    // Keys typed while the sheet is open do not reach the reader.
    press('s', document.activeElement!)
    expect(fake.calls.filter((c) => c.method === 'setFlags')).toEqual([])

    fireEvent.keyDown(document.activeElement!, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(document.activeElement).toBe(list)
  })

  it('switches to the Gmail preset, kept for the next start, and the sheet follows', async () => {
    render(<ShortcutSheet />)
    press('?')
    const sheet = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    fireEvent.change(within(sheet).getByRole('combobox', { name: 'Key set' }), { target: { value: 'gmail' } })
    const row = sheet.querySelector('[data-command="delete"]')
    expect(row?.textContent).toContain('#')
    expect(sheet.querySelector('[data-command="archive"]')?.textContent).toContain('E')
    expect(sheet.querySelector('[data-command="toggleRead"]')).toBeNull()
    reloadCommandPrefs()
    expect(getCommandPrefs().preset).toBe('gmail')
  })
})
