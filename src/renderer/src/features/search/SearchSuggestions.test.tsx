import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  fakeAccount,
  fakeMailbox,
  installFakeMail,
  removeFakeMail,
  type FakeMail,
} from '../../test-support/fake-mail'
import { stubListViewport } from '../../test-support/layout'
import { ReaderLayout } from '../reader'
import { querySuggestions } from './query-suggestions'

let fake: FakeMail
let restoreLayout: () => void

beforeEach(() => {
  restoreLayout = stubListViewport(580)
  fake = installFakeMail((f) => {
    f.accounts.push(fakeAccount('a1', 'me@example.test'))
    f.mailboxes.push(
      fakeMailbox('a1', 'INBOX', { role: 'inbox', total: 0 }),
      fakeMailbox('a1', 'Holiday Trips', { total: 0 }),
    )
  })
})
afterEach(() => {
  cleanup()
  removeFakeMail()
  restoreLayout()
})

const field = () => screen.getByRole('searchbox', { name: 'Search mail' })
const searches = () => fake.calls.filter((c) => c.method === 'searchMessages').map((c) => c.args[0])

describe('querySuggestions', () => {
  it('completes operators by their start, folders after in:, and keeps the rest of the query', () => {
    expect(querySuggestions('ha', []).map((s) => s.query)).toEqual(['has:attachment '])
    expect(querySuggestions('hike -is:u', []).map((s) => s.query)).toEqual(['hike -is:unread '])
    expect(querySuggestions('fr', []).map((s) => s.query)).toEqual(['from:'])
    expect(querySuggestions('in:ho', ['Holiday Trips', 'INBOX']).map((s) => s.label)).toEqual([
      'in:"Holiday Trips"',
    ])
    // A word that is no operator's start, a finished word, a space: nothing to offer.
    for (const q of ['hike', 'is:unread', 'from: ', '', 'h', '"ha'])
      expect(querySuggestions(q, []), q).toEqual([])
  })
})

describe('the search box', () => {
  it('offers operators and folders while typing; Tab or a click completes, then it searches', async () => {
    render(<ReaderLayout />)
    await screen.findByRole('searchbox', { name: 'Search mail' })
    act(() => field().focus())
    fireEvent.change(field(), { target: { value: 'has' } })
    const list = await screen.findByRole('listbox', { name: 'Search suggestions' })
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['has:attachment'])
    fireEvent.keyDown(field(), { key: 'Tab' })
    expect(field()).toHaveProperty('value', 'has:attachment ')
    expect(screen.queryByRole('listbox', { name: 'Search suggestions' })).toBeNull()

    fireEvent.change(field(), { target: { value: 'has:attachment in:hol' } })
    const folder = await screen.findByRole('option', { name: 'in:"Holiday Trips"' })
    fireEvent.mouseDown(folder)
    expect(field()).toHaveProperty('value', 'has:attachment in:"Holiday Trips" ')
    await waitFor(() => expect(searches()).toContain('has:attachment in:"Holiday Trips"'))
  })

  it('shows why a query was refused, naming the term', async () => {
    fake.failWith('searchMessages', {
      code: 'INVALID_INPUT',
      message: 'before:2026/13/45: before: takes a date such as 2026/12/01',
      retryable: false,
      detail: { field: 'query', term: 'before:2026/13/45' },
    })
    render(<ReaderLayout />)
    await screen.findByRole('searchbox', { name: 'Search mail' })
    fireEvent.change(field(), { target: { value: 'before:2026/13/45' } })
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toBe('before:2026/13/45: before: takes a date such as 2026/12/01')
  })
})
