import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  fakeAccount,
  fakeMailbox,
  installFakeMail,
  removeFakeMail,
  seedMessages,
  type FakeMail,
} from '../../test-support/fake-mail'
import { stubListViewport } from '../../test-support/layout'
import { ReaderLayout } from '.'

const INBOX = 'a1:INBOX'
const id = (i: number, box = INBOX) => `${box}#${i}`

let fake: FakeMail
let restoreLayout: () => void

beforeEach(() => {
  restoreLayout = stubListViewport(580)
  fake = installFakeMail((f) => {
    f.accounts.push(fakeAccount('a1', 'me@example.test'))
    f.mailboxes.push(
      fakeMailbox('a1', 'INBOX', { role: 'inbox' }),
      fakeMailbox('a1', 'Trash', { role: 'trash' }),
      fakeMailbox('a1', 'Junk', { role: 'junk' }),
      fakeMailbox('a1', 'Projects', { selectable: false }),
      fakeMailbox('a1', 'Projects/Alpha'),
      fakeMailbox('a1', 'Projects/Beta'),
    )
    seedMessages(f, INBOX, 30)
  })
})
afterEach(() => {
  cleanup()
  restoreLayout()
  removeFakeMail()
})

const callsTo = (method: string) => fake.calls.filter((c) => c.method === method).map((c) => c.args)
const row = (list: HTMLElement, i: number) =>
  within(list).getByText(`Message number ${i}`).closest('[role=option]')!
const selectedRows = (list: HTMLElement) =>
  within(list)
    .getAllByRole('option')
    .filter((o) => o.getAttribute('aria-selected') === 'true')
    .map((o) => o.getAttribute('data-message-id'))

async function showFolder(name = 'Inbox') {
  render(<ReaderLayout />)
  const tree = await screen.findByRole('tree', { name: 'Account a1' })
  if (name !== 'Inbox') fireEvent.click(within(tree).getByRole('treeitem', { name }))
  const list = await screen.findByRole('listbox', { name: `Messages in ${name}` })
  await within(list).findByText('Message number 0')
  return list
}

describe('selecting messages', () => {
  it('click opens one; Ctrl-click and Cmd-click toggle; Escape clears', async () => {
    const list = await showFolder()
    expect(list.getAttribute('aria-multiselectable')).toBe('true')
    fireEvent.click(row(list, 1))
    await screen.findByRole('heading', { name: 'Message number 1' })
    // Ctrl-click adds to the open message, as in other clients.
    fireEvent.click(row(list, 3), { ctrlKey: true })
    const pane = await screen.findByTestId('bulk-actions')
    expect(within(pane).getByRole('heading').textContent).toBe('2 messages selected')
    expect(selectedRows(list)).toEqual([id(1), id(3)])
    fireEvent.click(row(list, 4), { metaKey: true })
    expect(within(pane).getByRole('heading').textContent).toBe('3 messages selected')
    fireEvent.click(row(list, 3), { ctrlKey: true })
    expect(selectedRows(list)).toEqual([id(1), id(4)])
    // Nothing was opened by the modifier clicks.
    expect(callsTo('getMessage')).toEqual([[id(1)]])

    list.focus()
    fireEvent.keyDown(list, { key: 'Escape' })
    expect(screen.queryByTestId('bulk-actions')).toBeNull()
    expect(await screen.findByRole('heading', { name: 'Message number 1' })).toBeTruthy()
    // A plain click after a selection selects that one only and opens it.
    fireEvent.click(row(list, 5), { ctrlKey: true })
    fireEvent.click(row(list, 6))
    expect(screen.queryByTestId('bulk-actions')).toBeNull()
    await screen.findByRole('heading', { name: 'Message number 6' })
  })

  it('Shift-click and Shift+arrows select a range from the anchor', async () => {
    const list = await showFolder()
    fireEvent.click(row(list, 2))
    fireEvent.click(row(list, 5), { shiftKey: true })
    await waitFor(() => expect(selectedRows(list)).toEqual([id(2), id(3), id(4), id(5)]))
    expect(screen.getByTestId('bulk-actions').textContent).toContain('4 messages selected')
    // Shift+arrows move the keyboard's row and select from the same anchor.
    list.focus()
    fireEvent.keyDown(list, { key: 'ArrowUp', shiftKey: true })
    await waitFor(() => expect(selectedRows(list)).toEqual([id(2), id(3), id(4)]))
    expect(list.getAttribute('aria-activedescendant')).toBe('message-row-4')
    fireEvent.keyDown(list, { key: 'ArrowUp', shiftKey: true })
    fireEvent.keyDown(list, { key: 'ArrowUp', shiftKey: true })
    fireEvent.keyDown(list, { key: 'ArrowUp', shiftKey: true })
    await waitFor(() => expect(selectedRows(list)).toEqual([id(1), id(2)]))
  })

  it('Ctrl+A selects a 100,000-message folder without loading its rows; an action gets every id', async () => {
    seedMessages(fake, INBOX, 100_000)
    const list = await showFolder()
    list.focus()
    fireEvent.keyDown(list, { key: 'a', ctrlKey: true })
    const pane = await screen.findByTestId('bulk-actions')
    expect(within(pane).getByRole('heading').textContent).toBe('100,000 messages selected')
    // Only the pages in view were read: no row beyond them reached the renderer.
    const pagesRead = callsTo('listMessages').map((a) => (a[1] as { offset: number }).offset)
    expect(Math.max(...pagesRead)).toBeLessThan(1000)
    expect(callsTo('listMessageIds')).toEqual([])
    // One row out, then mark the rest read: the ids come from main, 10,000 per call.
    fireEvent.click(row(list, 0), { ctrlKey: true })
    expect(within(pane).getByRole('heading').textContent).toBe('99,999 messages selected')
    fireEvent.click(within(pane).getByRole('button', { name: 'Mark as read' }))
    // The fake builds 100,000 rows to answer listMessageIds: slow on a loaded machine, not in the app.
    await waitFor(() => expect(callsTo('setFlags')).toHaveLength(10), { timeout: 15_000 })
    expect(callsTo('listMessageIds')).toEqual([[INBOX, { offset: 0, limit: 100_000 }]])
    const sent = callsTo('setFlags').flatMap((a) => a[0] as string[])
    expect(sent).toHaveLength(99_999)
    expect(new Set(sent).size).toBe(99_999)
    expect(sent).not.toContain(id(0))
    expect(callsTo('setFlags').every((a) => (a[0] as string[]).length <= 10_000)).toBe(true)
  }, 30_000)

  it('moves the selection with v through a picker that filters as one types', async () => {
    const list = await showFolder()
    fireEvent.click(row(list, 0))
    fireEvent.click(row(list, 2), { shiftKey: true })
    await screen.findByText('3 messages selected')
    list.focus()
    fireEvent.keyDown(list, { key: 'v' })
    const picker = await screen.findByRole('dialog', { name: 'Move to…' })
    const options = () =>
      within(picker)
        .queryAllByRole('option')
        .map((o) => o.textContent)
    // Every folder that can hold mail, but not the one the messages are in.
    expect(options()).toEqual(['Trash', 'Junk', 'Projects / Alpha', 'Projects / Beta'])
    const field = within(picker).getByRole('combobox', { name: 'Folder name' })
    expect(document.activeElement).toBe(field)
    fireEvent.change(field, { target: { value: 'proj' } })
    expect(options()).toEqual(['Projects / Alpha', 'Projects / Beta'])
    fireEvent.keyDown(field, { key: 'ArrowDown' })
    fireEvent.keyDown(field, { key: 'Enter' })
    await waitFor(() =>
      expect(callsTo('moveMessages')).toEqual([[[id(0), id(1), id(2)], 'a1:Projects/Beta']]),
    )
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.queryByTestId('bulk-actions')).toBeNull()
  })

  it('copies one open message from the header; Escape closes the picker without a call', async () => {
    const list = await showFolder()
    fireEvent.click(row(list, 1))
    await screen.findByRole('heading', { name: 'Message number 1' })
    fireEvent.click(screen.getByRole('button', { name: 'Copy to…' }))
    let picker = await screen.findByRole('dialog', { name: 'Copy to…' })
    fireEvent.keyDown(within(picker).getByRole('combobox'), { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: /Copy to/ }))
    picker = await screen.findByRole('dialog', { name: 'Copy to…' })
    fireEvent.change(within(picker).getByRole('combobox'), { target: { value: 'nothing like it' } })
    expect(within(picker).getByText('No folder matches “nothing like it”.')).toBeTruthy()
    fireEvent.change(within(picker).getByRole('combobox'), { target: { value: 'alpha' } })
    fireEvent.click(within(picker).getByRole('option', { name: 'Projects / Alpha' }))
    await waitFor(() => expect(callsTo('copyMessages')).toEqual([[[id(1)], 'a1:Projects/Alpha']]))
    // A copy leaves the message where it is, open.
    expect(screen.getByRole('heading', { name: 'Message number 1' })).toBeTruthy()
  })

  it('offers Restore and asks before deleting a selection for good in Trash; Not junk in Junk', async () => {
    seedMessages(fake, 'a1:Trash', 5)
    seedMessages(fake, 'a1:Junk', 5)
    const list = await showFolder('Trash')
    fireEvent.click(row(list, 0))
    fireEvent.click(row(list, 1), { ctrlKey: true })
    const pane = await screen.findByTestId('bulk-actions')
    fireEvent.click(within(pane).getByRole('button', { name: 'Delete for good' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete for good?' })
    expect(dialog.textContent).toContain('These 2 messages are in Trash')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(callsTo('deleteMessages')).toEqual([])
    // Back where each came from: main knows (restoreMessages), the Inbox when it does not.
    fireEvent.click(within(pane).getByRole('button', { name: 'Restore' }))
    await waitFor(() =>
      expect(callsTo('restoreMessages')).toEqual([[[id(0, 'a1:Trash'), id(1, 'a1:Trash')]]]),
    )

    const tree = screen.getByRole('tree', { name: 'Account a1' })
    fireEvent.click(within(tree).getByRole('treeitem', { name: 'Junk' }))
    const junk = await screen.findByRole('listbox', { name: 'Messages in Junk' })
    await within(junk).findByText('Message number 0')
    junk.focus()
    fireEvent.keyDown(junk, { key: 'a', metaKey: true })
    fireEvent.click(await screen.findByRole('button', { name: 'Not junk' }))
    await waitFor(() => expect(callsTo('restoreMessages')).toHaveLength(2))
    expect(callsTo('restoreMessages')[1]).toEqual([[0, 1, 2, 3, 4].map((i) => id(i, 'a1:Junk'))])
    expect(callsTo('moveMessages')).toEqual([])
    expect(screen.queryByRole('button', { name: 'Junk' })).toBeNull()
  })
})
