import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  fakeAccount,
  fakeMailbox,
  fakeSummary,
  installFakeMail,
  removeFakeMail,
} from '../../test-support/fake-mail'
import { stubListViewport } from '../../test-support/layout'
import { ReaderLayout } from '../reader'
import { recipientsLabel } from './format'

const to = [{ name: 'Sara Lind', address: 'sara@example.test' }, { address: 'ben@example.test' }]
const cc = [{ name: 'Cleo', address: 'cleo@example.test' }]

let restoreLayout: () => void
beforeEach(() => {
  restoreLayout = stubListViewport(580)
  installFakeMail((f) => {
    f.accounts.push(fakeAccount('a1', 'me@example.test'))
    f.mailboxes.push(
      fakeMailbox('a1', 'INBOX', { role: 'inbox' }),
      fakeMailbox('a1', 'Sent Items', { role: 'sent' }),
      fakeMailbox('a1', 'Drafts', { role: 'drafts' }),
    )
    const one = (box: string, extra: Parameters<typeof fakeSummary>[2]) => {
      const m = fakeSummary(box, 0, extra)
      f.messages.set(box, { total: 1, at: () => m })
    }
    one('a1:INBOX', { subject: 'Hello there', from: [{ name: 'Sara Lind', address: 'sara@example.test' }] })
    one('a1:Sent Items', {
      subject: 'Plans for Friday',
      from: [{ name: 'Me', address: 'me@example.test' }],
      to,
      cc,
    })
    one('a1:Drafts', {
      subject: 'Unfinished',
      from: [{ name: 'Me', address: 'me@example.test' }],
      to: [],
      cc: [],
    })
  })
})
afterEach(() => {
  cleanup()
  restoreLayout()
  removeFakeMail()
})

const rowWith = async (text: string) => (await screen.findByText(text)).closest<HTMLElement>('[role=option]')!

describe('rows of Sent and Drafts', () => {
  it('names the recipients in Sent and Drafts, the sender elsewhere', async () => {
    render(<ReaderLayout />)
    const tree = await screen.findByRole('tree', { name: 'Account a1' })
    const inboxRow = await rowWith('Hello there')
    expect(inboxRow.querySelector('.row-from')!.textContent).toBe('Sara Lind')

    fireEvent.click(within(tree).getByRole('treeitem', { name: 'Sent Items' }))
    const sent = await rowWith('Plans for Friday')
    expect(sent.querySelector('.row-from')!.textContent).toBe('To: Sara Lind, ben@example.test, Cleo')
    expect(sent.getAttribute('aria-label')).toMatch(
      /^To: Sara Lind, ben@example\.test, Cleo: Plans for Friday/,
    )
    expect(within(sent).queryByText('Me')).toBeNull()

    fireEvent.click(within(tree).getByRole('treeitem', { name: 'Drafts' }))
    const draft = await rowWith('Unfinished')
    expect(draft.querySelector('.row-from')!.textContent).toBe('To: (no recipients)')
  })

  it('names the recipients of search hits in Sent, the sender of the others', async () => {
    render(<ReaderLayout />)
    await rowWith('Hello there')
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'e' } })
    const results = await screen.findByRole('listbox', { name: /Messages matching/ })
    await waitFor(() => expect(within(results).getAllByRole('option').length).toBe(3))
    const from = (subject: string) =>
      within(results).getByText(subject).closest('[role=option]')!.querySelector('.row-from')!.textContent
    expect(from('Plans for Friday')).toBe('To: Sara Lind, ben@example.test, Cleo')
    expect(from('Hello there')).toBe('Sara Lind')
  })

  it('formats the recipients with names where known', () => {
    expect(recipientsLabel({ to: [{ name: ' Ben ', address: 'b@x.test' }], cc: [] })).toBe('To: Ben')
  })
})
