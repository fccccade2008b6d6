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

let fake: FakeMail
let restoreLayout: () => void

beforeEach(() => {
  restoreLayout = stubListViewport(580)
  fake = installFakeMail((f) => {
    f.accounts.push(fakeAccount('a1', 'me@example.test'))
    f.mailboxes.push(fakeMailbox('a1', 'INBOX', { role: 'inbox', total: 3 }))
    seedMessages(f, 'a1:INBOX', 3)
  })
})
afterEach(() => {
  cleanup()
  removeFakeMail()
  restoreLayout()
})

const field = () => screen.getByRole('searchbox', { name: 'Search mail' })

describe('saved searches', () => {
  it('are virtual folders with unread counts; choosing one runs its query', async () => {
    fake.saved.push(
      { id: '1', name: 'Invoices', query: 'invoice', unread: 4 },
      { id: '2', name: 'Everything', query: 'message', unread: 1200 },
    )
    render(<ReaderLayout />)
    const nav = await screen.findByRole('navigation', { name: 'Saved searches' })
    expect(within(nav).getByRole('button', { name: 'Invoices, 4 unread' })).toBeTruthy()
    expect(within(nav).getByRole('button', { name: 'Everything, 999+ unread' })).toBeTruthy()
    fireEvent.click(within(nav).getByRole('button', { name: 'Everything, 999+ unread' }))
    expect(field()).toHaveProperty('value', 'message')
    const results = await screen.findByRole('listbox', { name: 'Messages matching message' })
    await waitFor(() => expect(within(results).getAllByRole('option')).toHaveLength(3))
    expect(
      within(nav).getByRole('button', { name: 'Everything, 999+ unread' }).getAttribute('aria-current'),
    ).toBe('true')
    fireEvent.click(within(nav).getByRole('button', { name: 'Remove saved search Invoices' }))
    await waitFor(() => expect(within(nav).queryByRole('button', { name: /^Invoices/ })).toBeNull())
  })

  it('saves the current search under a name and shows it in the tree', async () => {
    render(<ReaderLayout />)
    await screen.findByRole('searchbox', { name: 'Search mail' })
    fireEvent.change(field(), { target: { value: 'from:ada has:attachment' } })
    fireEvent.click(await screen.findByRole('button', { name: 'Save search' }))
    const name = screen.getByRole('textbox', { name: 'Name' })
    expect(name).toHaveProperty('value', 'from:ada has:attachment')
    fireEvent.change(name, { target: { value: 'Ada files' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    const nav = await screen.findByRole('navigation', { name: 'Saved searches' })
    expect(await within(nav).findByRole('button', { name: 'Ada files' })).toBeTruthy()
    expect(fake.calls.find((c) => c.method === 'saveSearch')?.args).toEqual([
      'Ada files',
      'from:ada has:attachment',
    ])
    // Already saved: no second button for the same query.
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Save search' })).toBeNull())
  })
})
