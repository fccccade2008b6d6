import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
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
import { mergeServerHits } from './use-server-search'

const INBOX = 'a1:INBOX'
const ARCHIVE = 'a1:Archive'

let fake: FakeMail
let restoreLayout: () => void

const onServer = () => ({
  ...fakeSummary(ARCHIVE, 0, { subject: 'Hike plans', date: Date.UTC(2026, 10, 3) }),
  mailboxName: 'Archive',
  mailboxRole: 'archive' as const,
  onServer: true,
})

beforeEach(() => {
  restoreLayout = stubListViewport(580)
  fake = installFakeMail((f) => {
    f.accounts.push(fakeAccount('a1', 'me@example.test'))
    f.mailboxes.push(
      fakeMailbox('a1', 'INBOX', { role: 'inbox', total: 3 }),
      fakeMailbox('a1', 'Archive', { role: 'archive', total: 1 }),
    )
    seedMessages(f, INBOX, 3)
  })
})
afterEach(() => {
  cleanup()
  removeFakeMail()
  restoreLayout()
})

const field = () => screen.getByRole('searchbox', { name: 'Search mail' })
const serverCalls = () => fake.calls.filter((c) => c.method === 'searchServer')

describe('server search', () => {
  it('runs by itself when the local answer is incomplete; its hits join the list marked "on server"', async () => {
    fake.server = { incomplete: true, hits: [onServer()] }
    render(<ReaderLayout />)
    await screen.findByRole('listbox', { name: 'Messages in Inbox' })
    fireEvent.change(field(), { target: { value: 'hike' } })
    const results = await screen.findByRole('listbox', { name: 'Messages matching hike' })
    const row = await within(results).findByRole('option')
    expect(within(row).getByTestId('row-folder').textContent).toBe('Archive · on server')
    expect(serverCalls().map((c) => c.args[0])).toEqual(['hike'])
    expect((await screen.findByText('1 more on the server.')).getAttribute('role')).toBe('status')
    // Opening it asks main for the message (main fetches its body from the server).
    fireEvent.click(row)
    await waitFor(() =>
      expect(fake.calls.some((c) => c.method === 'getMessage' && c.args[0] === `${ARCHIVE}#0`)).toBe(true),
    )
  })

  it('asks the server only on the button when the local answer is complete, and again on each press', async () => {
    render(<ReaderLayout />)
    await screen.findByRole('listbox', { name: 'Messages in Inbox' })
    fireEvent.change(field(), { target: { value: 'message' } })
    const results = await screen.findByRole('listbox', { name: 'Messages matching message' })
    await waitFor(() => expect(within(results).getAllByRole('option')).toHaveLength(3))
    expect(serverCalls()).toHaveLength(0)
    fireEvent.click(screen.getByRole('button', { name: 'Search on server' }))
    expect(await screen.findByText('The server found nothing more.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Search on server' }))
    await waitFor(() => expect(serverCalls()).toHaveLength(2))
    expect(within(results).getAllByRole('option')).toHaveLength(3)
  })

  it('shows a failed server search, and keeps the local results', async () => {
    fake.failWith('searchServer', {
      code: 'CONNECTION_FAILED',
      message: 'Connection refused',
      retryable: true,
    })
    render(<ReaderLayout />)
    await screen.findByRole('listbox', { name: 'Messages in Inbox' })
    fireEvent.change(field(), { target: { value: 'message' } })
    const results = await screen.findByRole('listbox', { name: 'Messages matching message' })
    await waitFor(() => expect(within(results).getAllByRole('option')).toHaveLength(3))
    fireEvent.click(screen.getByRole('button', { name: 'Search on server' }))
    expect(await screen.findByRole('alert')).toBeTruthy()
    expect(within(results).getAllByRole('option')).toHaveLength(3)
  })
})

describe('mergeServerHits', () => {
  it('shows a message found by both once, as the local hit, newest first', () => {
    const local = { ...onServer(), onServer: undefined, id: 'x', date: 5 }
    const both = { ...onServer(), id: 'x', date: 5 }
    const only = { ...onServer(), id: 'y', date: 9 }
    const merged = mergeServerHits([local], [both, only])
    expect(merged.map((h) => [h.id, h.onServer ?? false])).toEqual([
      ['y', true],
      ['x', false],
    ])
    expect(mergeServerHits([local], [both])).toEqual([local])
  })
})
