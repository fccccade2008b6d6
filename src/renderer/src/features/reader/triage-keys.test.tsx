import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { reloadCommandPrefs, setCommandPrefs } from '../../lib/commands'
import {
  fakeAccount,
  fakeMailbox,
  installFakeMail,
  removeFakeMail,
  seedMessages,
  type FakeMail,
} from '../../test-support/fake-mail'
import { stubListViewport } from '../../test-support/layout'
import { ReaderLayout } from './ReaderLayout'

const INBOX = 'a1:INBOX'
let fake: FakeMail
let restoreLayout: () => void

beforeEach(() => {
  restoreLayout = stubListViewport(580)
  fake = installFakeMail((f) => {
    f.accounts.push(fakeAccount('a1', 'me@example.test'))
    f.mailboxes.push(
      fakeMailbox('a1', 'INBOX', { role: 'inbox', total: 10 }),
      fakeMailbox('a1', 'Archive', { role: 'archive' }),
      fakeMailbox('a1', 'Trash', { role: 'trash' }),
    )
    seedMessages(f, INBOX, 10)
  })
})
afterEach(() => {
  cleanup()
  restoreLayout()
  removeFakeMail()
  localStorage.clear()
  reloadCommandPrefs()
})

const callsTo = (method: string) => fake.calls.filter((c) => c.method === method).map((c) => c.args)
const heading = (n: number) => screen.findByRole('heading', { name: `Message number ${n}` })

async function inbox() {
  render(<ReaderLayout />)
  const list = await screen.findByRole('listbox', { name: 'Messages in Inbox' })
  await within(list).findByText('Message number 0')
  list.focus()
  return list
}

describe('triage keys', () => {
  it('arrows and j/k open the message they move to', async () => {
    const list = await inbox()
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    expect(await heading(0)).toBeTruthy()
    fireEvent.keyDown(list, { key: 'j' })
    expect(await heading(1)).toBeTruthy()
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    expect(await heading(2)).toBeTruthy()
    fireEvent.keyDown(list, { key: 'k' })
    expect(await heading(1)).toBeTruthy()
    expect(list.getAttribute('aria-activedescendant')).toBe('message-row-1')
  })

  it('keeps the highlight only when the person chose so', async () => {
    setCommandPrefs({ openOnMove: false })
    const list = await inbox()
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    fireEvent.keyDown(list, { key: 'j' })
    expect(list.getAttribute('aria-activedescendant')).toBe('message-row-1')
    expect(screen.getByText('Select a message to read it.')).toBeTruthy()
    expect(callsTo('getMessage')).toEqual([])
  })

  it('opens the next message after Delete, and after the last one the one above', async () => {
    const list = await inbox()
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    fireEvent.keyDown(list, { key: 'j' })
    await heading(1)
    fireEvent.keyDown(list, { key: 'Delete' })
    await waitFor(() => expect(callsTo('deleteMessages')).toEqual([[[`${INBOX}#1`]]]))
    expect(await heading(2)).toBeTruthy()

    fireEvent.keyDown(list, { key: 'End' })
    expect(await heading(9)).toBeTruthy()
    fireEvent.keyDown(list, { key: 'Delete' })
    await waitFor(() => expect(callsTo('deleteMessages')).toHaveLength(2))
    expect(await heading(8)).toBeTruthy()
  })

  it('empties the reader after Delete when the person chose so', async () => {
    setCommandPrefs({ openNextAfterRemove: false })
    const list = await inbox()
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    await heading(0)
    fireEvent.keyDown(list, { key: 'Delete' })
    await waitFor(() => expect(callsTo('deleteMessages')).toHaveLength(1))
    expect(await screen.findByText('Select a message to read it.')).toBeTruthy()
  })

  it('answers the Gmail preset’s keys once chosen: e archives and opens the next, # deletes', async () => {
    setCommandPrefs({ preset: 'gmail' })
    const list = await inbox()
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    await heading(0)
    fireEvent.keyDown(list, { key: 'e' })
    await waitFor(() => expect(callsTo('archiveMessages')).toEqual([[[`${INBOX}#0`]]]))
    expect(await heading(1)).toBeTruthy()
    fireEvent.keyDown(list, { key: '#', shiftKey: true })
    await waitFor(() => expect(callsTo('deleteMessages')).toEqual([[[`${INBOX}#1`]]]))
    // The default set's u toggles nothing in the Gmail preset; Shift+U marks unread.
    const before = callsTo('setFlags').length
    fireEvent.keyDown(list, { key: 'u' })
    expect(callsTo('setFlags')).toHaveLength(before)
  })
})
