import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { setCommandPrefs } from '../../lib/commands'
import { FAKE_INBOX as INBOX, withFakeInbox } from './fake-inbox.test-support'

const { callsTo, inbox: openInbox } = withFakeInbox(10)
const heading = (n: number) => screen.findByRole('heading', { name: `Message number ${n}` })

async function inbox() {
  const list = await openInbox()
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
