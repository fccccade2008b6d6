import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MessageSummary } from '../../../../shared/model/mail'
import {
  fakeAccount,
  fakeMailbox,
  fakeSummary,
  installFakeMail,
  removeFakeMail,
  type FakeMail,
} from '../../test-support/fake-mail'
import { stubListViewport } from '../../test-support/layout'
import { ReaderLayout } from '.'

let fake: FakeMail
let restoreLayout: () => void

/** What main answers for a unified view (its query is tested in core): rows of both accounts. */
const fixed = (rows: MessageSummary[]) => ({ total: rows.length, at: (i: number) => rows[i]! })

beforeEach(() => {
  window.localStorage.clear()
  restoreLayout = stubListViewport(580)
  fake = installFakeMail((f) => {
    f.accounts.push(fakeAccount('a1', 'me@example.test'), fakeAccount('b2', 'work@example.test'))
    f.accounts[1]!.displayName = 'Work'
    f.mailboxes.push(
      fakeMailbox('a1', 'INBOX', { role: 'inbox', unread: 2 }),
      fakeMailbox('a1', 'Sent', { role: 'sent' }),
      fakeMailbox('a1', 'Trash', { role: 'trash' }),
      fakeMailbox('b2', 'INBOX', { role: 'inbox', unread: 1 }),
      fakeMailbox('b2', 'Clients'),
    )
    const rows = [
      fakeSummary('b2:INBOX', 0, { subject: 'Contract draft', accountId: 'b2' }),
      fakeSummary('a1:INBOX', 1, { subject: 'Dinner on Friday', accountId: 'a1' }),
      fakeSummary('a1:Sent', 2, {
        subject: 'Flagged reply',
        accountId: 'a1',
        to: [{ name: 'Sara', address: 's@x.test' }],
      }),
    ]
    f.messages.set('all:inboxes', fixed(rows.slice(0, 2)))
    f.messages.set('all:flagged', fixed(rows))
    f.messages.set('all:unread', fixed(rows.slice(0, 1)))
    f.messages.set('a1:INBOX', fixed([rows[1]!]))
    f.messages.set('b2:INBOX', fixed([rows[0]!]))
  })
})
afterEach(() => {
  cleanup()
  restoreLayout()
  removeFakeMail()
})

const callsTo = (method: string) => fake.calls.filter((c) => c.method === method).map((c) => c.args)

async function openView(name: RegExp) {
  render(<ReaderLayout />)
  const unified = await screen.findByRole('tree', { name: 'All accounts' })
  fireEvent.click(within(unified).getByRole('treeitem', { name }))
  return unified
}

describe('unified views across accounts', () => {
  it('lists All Inboxes at the top of the tree, each row naming its account in its colour', async () => {
    const unified = await openView(/All Inboxes/)
    expect(
      within(unified)
        .getAllByRole('treeitem')
        .map((t) => t.getAttribute('aria-label')),
    ).toEqual(['All Inboxes, 3 unread', 'All Unread', 'All Flagged'])
    const list = await screen.findByRole('listbox', { name: 'Messages in All Inboxes' })
    await within(list).findByText('Contract draft')
    expect(callsTo('listMessages').at(-1)).toEqual(['all:inboxes', { offset: 0, limit: 100 }])
    const badges = within(list).getAllByTestId('row-account')
    expect(badges.map((b) => b.textContent)).toEqual(['Work', 'Account a1'])
    expect(badges[0]!.style.color).not.toBe(badges[1]!.style.color)
    expect(within(list).getAllByRole('option')[0]!.getAttribute('aria-label')).toContain(', Work')
    // A change in any account's folder re-reads the view.
    const before = callsTo('listMessages').length
    act(() => fake.emit('mailbox:changed', { accountId: 'b2', mailboxId: 'b2:INBOX' }))
    await waitFor(() => expect(callsTo('listMessages').length).toBeGreaterThan(before))
  })

  it('keyboard triage works there: flag, move within the row’s account, delete', async () => {
    await openView(/All Inboxes/)
    const list = await screen.findByRole('listbox', { name: 'Messages in All Inboxes' })
    await within(list).findByText('Contract draft')
    list.focus()
    fireEvent.keyDown(list, { key: 'Home' })
    fireEvent.keyDown(document.body, { key: 's' })
    // Home opened the row (arrows open by default), which marks it read: the flag is the other call.
    const flagCalls = () => callsTo('setFlags').filter((args) => 'flagged' in (args[1] as object))
    await waitFor(() => expect(flagCalls()).toEqual([[['b2:INBOX#0'], { flagged: false }]]))
    fireEvent.keyDown(document.body, { key: 'v' })
    const picker = await screen.findByRole('dialog', { name: 'Move to…' })
    // Only the folders of the row's account (Work): a move never crosses accounts by accident.
    const names = within(picker)
      .getAllByRole('option')
      .map((o) => o.textContent)
    expect(names.some((n) => n?.includes('Clients'))).toBe(true)
    expect(names.some((n) => n?.includes('Trash'))).toBe(false)
    fireEvent.click(
      within(picker)
        .getAllByRole('option')
        .find((o) => o.textContent?.includes('Clients'))!,
    )
    await waitFor(() => expect(callsTo('moveMessages')).toEqual([[['b2:INBOX#0'], 'b2:Clients']]))
    list.focus()
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    fireEvent.keyDown(document.body, { key: 'Delete' })
    await waitFor(() => expect(callsTo('deleteMessages').length).toBe(1))
  })

  it('All Unread offers no Unread filter; All Flagged names recipients of Sent rows', async () => {
    const unified = await openView(/All Unread/)
    await screen.findByRole('listbox', { name: 'Messages in All Unread' })
    const bar = screen.getByRole('toolbar', { name: 'Sort and filter' })
    expect(within(bar).queryByRole('button', { name: 'Unread' })).toBeNull()
    expect(within(bar).getByRole('button', { name: 'Flagged' })).toBeTruthy()

    fireEvent.click(within(unified).getByRole('treeitem', { name: 'All Flagged' }))
    const list = await screen.findByRole('listbox', { name: 'Messages in All Flagged' })
    const sent = (await within(list).findByText('Flagged reply')).closest('[role=option]')!
    expect(sent.querySelector('.row-from')!.textContent).toBe('To: Sara')
  })

  it('search hits say whose they are', async () => {
    render(<ReaderLayout />)
    await screen.findByRole('tree', { name: 'All accounts' })
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'contract' } })
    const results = await screen.findByRole('listbox', { name: /Messages matching/ })
    // (The fake's search also walks its unified lists: the same row more than once.)
    const hit = (await within(results).findAllByText('Contract draft'))[0]!
    expect(within(hit.closest<HTMLElement>('[role=option]')!).getByTestId('row-account').textContent).toBe(
      'Work',
    )
  })

  it('Move to… in a folder also offers the other accounts’ folders, named by account', async () => {
    render(<ReaderLayout />)
    const list = await screen.findByRole('listbox', { name: 'Messages in Inbox' })
    await within(list).findByText('Dinner on Friday')
    list.focus()
    fireEvent.keyDown(list, { key: 'Home' })
    fireEvent.keyDown(document.body, { key: 'v' })
    const picker = await screen.findByRole('dialog', { name: 'Move to…' })
    const names = within(picker)
      .getAllByRole('option')
      .map((o) => o.textContent)
    // The account's own folders first, unprefixed (the Inbox it is in left out), then Work's.
    expect(names).toEqual(['Sent', 'Trash', 'Work / Inbox', 'Work / Clients'])
    fireEvent.click(within(picker).getByRole('option', { name: 'Work / Clients' }))
    await waitFor(() => expect(callsTo('moveMessages')).toEqual([[['a1:INBOX#1'], 'b2:Clients']]))
  })
})
