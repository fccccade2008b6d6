import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  fakeAccount,
  fakeMailbox,
  fakeSummary,
  installFakeMail,
  removeFakeMail,
  seedMessages,
  type FakeMail,
} from '../../test-support/fake-mail'
import { stubListViewport } from '../../test-support/layout'
import { ReaderLayout } from '../reader'

const INBOX = 'a1:INBOX'
const ARCHIVE = 'a1:Archive'

let fake: FakeMail
let restoreLayout: () => void

beforeEach(() => {
  restoreLayout = stubListViewport(580)
  fake = installFakeMail((f) => {
    f.accounts.push(fakeAccount('a1', 'me@example.test'))
    f.mailboxes.push(
      fakeMailbox('a1', 'INBOX', { role: 'inbox', total: 5 }),
      fakeMailbox('a1', 'Archive', { role: 'archive', total: 1 }),
    )
    seedMessages(f, INBOX, 5)
    const old = fakeSummary(ARCHIVE, 0, {
      subject: 'Invoice for March',
      date: Date.UTC(2023, 2, 1),
      flags: { seen: false, flagged: false, answered: false, draft: false },
    })
    f.messages.set(ARCHIVE, { total: 1, at: () => old })
  })
})
afterEach(() => {
  cleanup()
  removeFakeMail()
  restoreLayout()
})

const field = () => screen.getByRole('searchbox', { name: 'Search mail' })
const searches = () => fake.calls.filter((c) => c.method === 'searchMessages')

describe('search', () => {
  it('/ focuses the field; typing searches after a pause, results replace the list with their folder', async () => {
    render(<ReaderLayout />)
    await screen.findByRole('listbox', { name: 'Messages in Inbox' })
    fireEvent.keyDown(document.body, { key: '/' })
    expect(document.activeElement).toBe(field())

    fireEvent.change(field(), { target: { value: 'i' } })
    fireEvent.change(field(), { target: { value: 'invo' } })
    fireEvent.change(field(), { target: { value: 'invoice' } })
    const results = await screen.findByRole('listbox', { name: 'Messages matching invoice' })
    const row = await within(results).findByRole('option')
    // Debounced: one search for what was typed last, not one per keystroke.
    expect(searches().map((c) => c.args[0])).toEqual(['invoice'])
    expect(screen.queryByRole('listbox', { name: 'Messages in Inbox' })).toBeNull()
    expect(row.getAttribute('aria-label')).toMatch(/Invoice for March, .*in Archive, unread/)
    expect(within(row).getByTestId('row-folder').textContent).toBe('Archive')
  })

  it('is usable from the keyboard alone: arrow into the results, Enter opens, Escape back and clears', async () => {
    render(<ReaderLayout />)
    await screen.findByRole('listbox', { name: 'Messages in Inbox' })
    fireEvent.keyDown(document.body, { key: 'f', ctrlKey: true })
    expect(document.activeElement).toBe(field())
    fireEvent.change(field(), { target: { value: 'message number' } })
    const results = await screen.findByRole('listbox', { name: 'Messages matching message number' })
    await waitFor(() => expect(within(results).getAllByRole('option')).toHaveLength(5))

    fireEvent.keyDown(field(), { key: 'ArrowDown' })
    expect(document.activeElement).toBe(results)
    expect(results.getAttribute('aria-activedescendant')).toBe('message-row-0')
    fireEvent.keyDown(results, { key: 'ArrowDown' })
    fireEvent.keyDown(results, { key: 'Enter' })
    expect(await screen.findByRole('heading', { name: 'Message number 1' })).toBeTruthy()
    expect(fake.calls.some((c) => c.method === 'getMessage' && c.args[0] === `${INBOX}#1`)).toBe(true)

    fireEvent.keyDown(results, { key: 'Escape' })
    expect(document.activeElement).toBe(field())
    fireEvent.keyDown(field(), { key: 'Escape' })
    expect(field()).toHaveProperty('value', '')
    expect(await screen.findByRole('listbox', { name: 'Messages in Inbox' })).toBeTruthy()
  })

  it('says when nothing matches, and clicking a result opens it', async () => {
    render(<ReaderLayout />)
    await screen.findByRole('listbox', { name: 'Messages in Inbox' })
    fireEvent.change(field(), { target: { value: 'zzz "no" NEAR(' } })
    // Other live regions (unread count, undo toast) are status elements too: find this one by its words.
    const empty = await screen.findByText('No messages match “zzz "no" NEAR(”.')
    expect(empty.getAttribute('role')).toBe('status')

    fireEvent.change(field(), { target: { value: 'march' } })
    const results = await screen.findByRole('listbox', { name: 'Messages matching march' })
    const row = await within(results).findByRole('option')
    act(() => {
      fireEvent.click(row)
    })
    expect(await screen.findByRole('heading', { name: 'Invoice for March' })).toBeTruthy()
    // Opening marks it read, as in a folder.
    expect(fake.calls.find((c) => c.method === 'setFlags')?.args).toEqual([[`${ARCHIVE}#0`], { seen: true }])
  })

  it('offers Edit draft for a result from the Drafts folder only, as a folder does', async () => {
    const DRAFTS = 'a1:Drafts'
    fake.mailboxes.push(fakeMailbox('a1', 'Drafts', { role: 'drafts', total: 1 }))
    const draft = fakeSummary(DRAFTS, 0, { subject: 'Unfinished invoice reply' })
    fake.messages.set(DRAFTS, { total: 1, at: () => draft })
    render(<ReaderLayout />)
    await screen.findByRole('listbox', { name: 'Messages in Inbox' })

    fireEvent.change(field(), { target: { value: 'invoice' } })
    const results = await screen.findByRole('listbox', { name: 'Messages matching invoice' })
    await waitFor(() => expect(within(results).getAllByRole('option')).toHaveLength(2))
    const [first, second] = within(results).getAllByRole('option')
    const fromDrafts = first!.textContent.includes('Unfinished') ? first! : second!
    const fromArchive = fromDrafts === first ? second! : first!

    act(() => {
      fireEvent.click(fromArchive)
    })
    await screen.findByRole('heading', { name: 'Invoice for March' })
    expect(screen.queryByTestId('edit-draft')).toBeNull()

    act(() => {
      fireEvent.click(fromDrafts)
    })
    await screen.findByRole('heading', { name: 'Unfinished invoice reply' })
    fireEvent.click(screen.getByTestId('edit-draft'))
    await waitFor(() =>
      expect(fake.calls.find((c) => c.method === 'editDraftMessage')?.args).toEqual([`${DRAFTS}#0`]),
    )
  })

  it('asks before deleting a result from Trash for good; a result from elsewhere goes to Trash at once', async () => {
    const TRASH = 'a1:Trash'
    fake.mailboxes.push(fakeMailbox('a1', 'Trash', { role: 'trash', total: 1 }))
    const trashed = fakeSummary(TRASH, 0, { subject: 'Old invoice' })
    fake.messages.set(TRASH, { total: 1, at: () => trashed })
    render(<ReaderLayout />)
    await screen.findByRole('listbox', { name: 'Messages in Inbox' })
    fireEvent.change(field(), { target: { value: 'invoice' } })
    const results = await screen.findByRole('listbox', { name: 'Messages matching invoice' })
    await waitFor(() => expect(within(results).getAllByRole('option')).toHaveLength(2))
    const options = within(results).getAllByRole('option')
    const fromTrash = options.find((o) => o.textContent.includes('Old invoice'))!
    const fromArchive = options.find((o) => o.textContent.includes('March'))!
    const deletes = () => fake.calls.filter((c) => c.method === 'deleteMessages').map((c) => c.args)

    act(() => {
      fireEvent.click(fromTrash)
    })
    await screen.findByRole('heading', { name: 'Old invoice' })
    fireEvent.keyDown(document.body, { key: 'Delete' })
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete for good?' })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(deletes()).toEqual([])
    fireEvent.keyDown(document.body, { key: 'Delete' })
    fireEvent.click(await screen.findByRole('button', { name: 'Delete for good' }))
    await waitFor(() => expect(deletes()).toEqual([[[`${TRASH}#0`]]]))

    act(() => {
      fireEvent.click(fromArchive)
    })
    await screen.findByRole('heading', { name: 'Invoice for March' })
    fireEvent.keyDown(document.body, { key: 'Delete' })
    await waitFor(() => expect(deletes()).toEqual([[[`${TRASH}#0`]], [[`${ARCHIVE}#0`]]]))
    expect(screen.queryByRole('alertdialog')).toBeNull()
  })

  it('selects results with Ctrl and Shift; bulk actions act on them; Escape clears before leaving', async () => {
    render(<ReaderLayout />)
    await screen.findByRole('listbox', { name: 'Messages in Inbox' })
    fireEvent.change(field(), { target: { value: 'message' } })
    const results = await screen.findByRole('listbox', { name: 'Messages matching message' })
    await within(results).findByText('Message number 4')
    const rows = within(results).getAllByRole('option')
    expect(results.getAttribute('aria-multiselectable')).toBe('true')
    fireEvent.click(rows[0]!)
    fireEvent.click(rows[2]!, { shiftKey: true })
    const pane = await screen.findByTestId('bulk-actions')
    expect(within(pane).getByRole('heading').textContent).toBe('3 messages selected')
    // Results span folders and accounts: no Move/Copy here.
    expect(within(pane).queryByRole('button', { name: 'Move to…' })).toBeNull()
    fireEvent.click(within(pane).getByRole('button', { name: 'Flag' }))
    const ids = [0, 1, 2].map((i) => `${INBOX}#${i}`)
    await waitFor(() =>
      expect(fake.calls.filter((c) => c.method === 'setFlags').map((c) => c.args)).toContainEqual([
        ids,
        { flagged: true },
      ]),
    )
    results.focus()
    fireEvent.keyDown(results, { key: 'Escape' })
    expect(screen.queryByTestId('bulk-actions')).toBeNull()
    expect(document.activeElement).toBe(results)
    fireEvent.keyDown(results, { key: 'Escape' })
    expect(document.activeElement).toBe(field())
  })
})
