import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { FAKE_INBOX as INBOX, withFakeInbox } from './fake-inbox.test-support'

const { callsTo, inbox } = withFakeInbox(5)

describe('the message context menu', () => {
  it('opens on right-click with the table’s commands and runs one on that message', async () => {
    const list = await inbox()
    fireEvent.contextMenu(within(list).getByText('Message number 2'), { clientX: 40, clientY: 60 })
    const menu = await screen.findByRole('menu', { name: 'Message actions' })
    const items = within(menu).getAllByRole('menuitem')
    expect(items.map((i) => i.textContent?.replace(/[A-Z#!]$|Shift\+F$|Delete$/, ''))).toEqual([
      'Reply',
      'Reply all',
      'Forward',
      'Forward as attachment',
      'Mark as read',
      'Mark as unread',
      'Flag',
      'Move to…',
      'Copy to…',
      'Archive',
      'Junk',
      'Delete',
      'View source',
    ])
    // Focus is in the menu, on its first item; the key shown is the preset's.
    expect(document.activeElement).toBe(items[0])
    expect(items[0]!.getAttribute('aria-keyshortcuts')).toBe('R')
    fireEvent.click(within(menu).getByRole('menuitem', { name: /^Archive/ }))
    await waitFor(() => expect(callsTo('archiveMessages')).toEqual([[[`${INBOX}#2`]]]))
    expect(screen.queryByRole('menu')).toBeNull()
  })

  it('opens with Shift+F10 on the keyboard’s row; arrows move, Enter runs, Escape closes', async () => {
    const list = await inbox()
    list.focus()
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    await screen.findByRole('heading', { name: 'Message number 0' })
    fireEvent.keyDown(list, { key: 'F10', shiftKey: true })
    let menu = await screen.findByRole('menu')
    fireEvent.keyDown(menu, { key: 'Escape' })
    expect(screen.queryByRole('menu')).toBeNull()
    expect(document.activeElement).toBe(list)

    fireEvent.keyDown(list, { key: 'ContextMenu' })
    menu = await screen.findByRole('menu')
    // Up from the first wraps to the last (View source); a letter does not reach the reader.
    fireEvent.keyDown(menu, { key: 'ArrowUp' })
    expect(document.activeElement?.textContent).toBe('View source')
    fireEvent.keyDown(document.activeElement!, { key: 's' })
    expect(callsTo('setFlags').filter((c) => (c[1] as { flagged?: boolean }).flagged !== undefined)).toEqual(
      [],
    )
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' })
    expect(await screen.findByLabelText('Message source')).toBeTruthy()
  })

  it('acts on the whole selection when the clicked row is part of it', async () => {
    const list = await inbox()
    fireEvent.click(within(list).getByText('Message number 1'))
    fireEvent.click(within(list).getByText('Message number 3'), { ctrlKey: true })
    fireEvent.contextMenu(within(list).getByText('Message number 3'))
    const menu = await screen.findByRole('menu')
    fireEvent.click(within(menu).getByRole('menuitem', { name: /^Delete/ }))
    await waitFor(() => expect(callsTo('deleteMessages')).toEqual([[[`${INBOX}#1`, `${INBOX}#3`]]]))
  })
})
