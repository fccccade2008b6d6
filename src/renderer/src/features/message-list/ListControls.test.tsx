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
import { ReaderLayout } from '../reader'
import { readListView } from './list-view-store'

const INBOX = 'a1:INBOX'
let fake: FakeMail
let restoreLayout: () => void

beforeEach(() => {
  window.localStorage.clear()
  restoreLayout = stubListViewport(580)
  fake = installFakeMail((f) => {
    f.accounts.push(fakeAccount('a1', 'me@example.test'))
    f.mailboxes.push(fakeMailbox('a1', 'INBOX', { role: 'inbox' }), fakeMailbox('a1', 'Archive'))
    seedMessages(f, INBOX, 300)
    seedMessages(f, 'a1:Archive', 5)
  })
})
afterEach(() => {
  cleanup()
  restoreLayout()
  removeFakeMail()
})

const callsTo = (method: string) => fake.calls.filter((c) => c.method === method).map((c) => c.args)
const lastList = () => callsTo('listMessages').at(-1)!

async function showInbox() {
  render(<ReaderLayout />)
  const list = await screen.findByRole('listbox', { name: 'Messages in Inbox' })
  await within(list).findByText('Message number 0')
  return { list, bar: screen.getByRole('toolbar', { name: 'Sort and filter' }) }
}

describe('sorting and filtering the list', () => {
  it('asks main for the chosen sort, direction and filters, from the first page', async () => {
    const { bar } = await showInbox()
    // The default view: the plain list, as before (no view argument at all).
    expect(lastList()).toEqual([INBOX, { offset: 0, limit: 100 }])
    expect(within(bar).getByRole('button', { name: 'Newest first' })).toBeTruthy()

    fireEvent.change(within(bar).getByRole('combobox', { name: 'Sort by' }), { target: { value: 'from' } })
    await waitFor(() =>
      expect(lastList()).toEqual([
        INBOX,
        { offset: 0, limit: 100 },
        { sort: 'from', descending: false, filters: [] },
      ]),
    )
    fireEvent.click(within(bar).getByRole('button', { name: 'A to Z' }))
    await waitFor(() => expect(lastList()?.[2]).toEqual({ sort: 'from', descending: true, filters: [] }))
    expect(within(bar).getByRole('button', { name: 'Z to A' })).toBeTruthy()

    const unread = within(bar).getByRole('button', { name: 'Unread' })
    expect(unread.getAttribute('aria-pressed')).toBe('false')
    fireEvent.click(unread)
    fireEvent.click(within(bar).getByRole('button', { name: 'Attachments' }))
    expect(unread.getAttribute('aria-pressed')).toBe('true')
    await waitFor(() =>
      expect(lastList()?.[2]).toEqual({ sort: 'from', descending: true, filters: ['unread', 'attachments'] }),
    )
    fireEvent.change(within(bar).getByRole('combobox', { name: 'Sort by' }), { target: { value: 'size' } })
    await waitFor(() =>
      expect(lastList()?.[2]).toEqual({ sort: 'size', descending: true, filters: ['unread', 'attachments'] }),
    )
    expect(within(bar).getByRole('button', { name: 'Largest first' })).toBeTruthy()
  })

  it('keeps each folder’s choice on this computer', async () => {
    const { bar } = await showInbox()
    fireEvent.click(within(bar).getByRole('button', { name: 'Flagged' }))
    fireEvent.change(within(bar).getByRole('combobox', { name: 'Sort by' }), { target: { value: 'subject' } })
    const tree = screen.getByRole('tree', { name: 'Account a1' })
    fireEvent.click(within(tree).getByRole('treeitem', { name: 'Archive' }))
    await screen.findByRole('listbox', { name: 'Messages in Archive' })
    const archiveBar = screen.getByRole('toolbar', { name: 'Sort and filter' })
    // Another folder has its own (the default).
    expect(within(archiveBar).getByRole('button', { name: 'Flagged' }).getAttribute('aria-pressed')).toBe(
      'false',
    )
    expect(callsTo('listMessages').at(-1)).toEqual(['a1:Archive', { offset: 0, limit: 100 }])

    fireEvent.click(within(tree).getByRole('treeitem', { name: /Inbox/ }))
    await screen.findByRole('listbox', { name: 'Messages in Inbox' })
    const back = screen.getByRole('toolbar', { name: 'Sort and filter' })
    expect(within(back).getByRole('button', { name: 'Flagged' }).getAttribute('aria-pressed')).toBe('true')
    expect(within(back).getByRole<HTMLSelectElement>('combobox', { name: 'Sort by' }).value).toBe('subject')
    expect(lastList()).toEqual([
      INBOX,
      { offset: 0, limit: 100 },
      { sort: 'subject', descending: false, filters: ['flagged'] },
    ])
    // A stored value that makes no sense falls back to the default.
    window.localStorage.setItem('mailroom.list-view.x', '{"sort":"evil","descending":1}')
    expect(readListView('x')).toEqual({ sort: 'date', descending: true, filters: [] })
  })

  it('select all takes its ids through the view, in its order', async () => {
    const { list, bar } = await showInbox()
    fireEvent.click(within(bar).getByRole('button', { name: 'Unread' }))
    await waitFor(() =>
      expect(lastList()?.[2]).toEqual({ sort: 'date', descending: true, filters: ['unread'] }),
    )
    await within(list).findByText('Message number 0')
    list.focus()
    fireEvent.keyDown(list, { key: 'a', ctrlKey: true })
    const pane = await screen.findByTestId('bulk-actions')
    fireEvent.click(within(pane).getByRole('button', { name: 'Flag' }))
    await waitFor(() => expect(callsTo('setFlags')).toHaveLength(1))
    expect(callsTo('listMessageIds')).toEqual([
      [INBOX, { offset: 0, limit: 300 }, { sort: 'date', descending: true, filters: ['unread'] }],
    ])
  })

  it('says when the filters leave nothing', async () => {
    const { bar } = await showInbox()
    seedMessages(fake, INBOX, 0)
    fireEvent.click(within(bar).getByRole('button', { name: 'From contacts' }))
    expect(await screen.findByText('No messages match these filters.')).toBeTruthy()
  })
})
