import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Draft } from '../../../../shared/model/compose'
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
import { useComposeRequests } from '../composer'
import { ReaderLayout } from './ReaderLayout'

/** Replies from the reader (buttons and r/a/f), the conversation, and the list's thread marks. */

const INBOX = 'a1:INBOX'
const SENT = 'a1:Sent'
let fake: FakeMail
let restoreLayout: () => void

/** Stands in for the composer: shows the draft it was asked to open. */
function ComposerProbe() {
  const [draft, setDraft] = useState<Draft | null>(null)
  useComposeRequests(setDraft)
  return draft ? <p data-testid="composer-probe">{draft.subject}</p> : null
}

beforeEach(() => {
  restoreLayout = stubListViewport(580)
  fake = installFakeMail((f) => {
    f.accounts.push(fakeAccount('a1', 'me@example.test'))
    f.mailboxes.push(
      fakeMailbox('a1', 'INBOX', { role: 'inbox', total: 30 }),
      fakeMailbox('a1', 'Sent', { role: 'sent' }),
    )
    seedMessages(f, INBOX, 30)
    // Message 0 answers what the person sent (in Sent); message 1 was answered.
    const root = fakeSummary(SENT, 0, { subject: 'Plans', from: [{ address: 'me@example.test' }] })
    const answer = fakeSummary(INBOX, 0, { subject: 'Re: Plans', threadId: '7', threadSize: 2 })
    f.messages.set(SENT, { total: 1, at: () => root })
    f.threads.set(answer.id, [root, answer])
    f.threads.set(root.id, [root, answer])
    const base = f.messages.get(INBOX)!
    f.messages.set(INBOX, {
      total: base.total,
      at: (i) =>
        i === 0
          ? answer
          : i === 1
            ? { ...base.at(1), flags: { ...base.at(1).flags, answered: true } }
            : base.at(i),
    })
  })
})
afterEach(() => {
  cleanup()
  restoreLayout()
  removeFakeMail()
})

const callsTo = (method: string) => fake.calls.filter((c) => c.method === method).map((c) => c.args)

async function openFirst() {
  render(
    <>
      <ComposerProbe />
      <ReaderLayout />
    </>,
  )
  const list = await screen.findByRole('listbox', { name: 'Messages in Inbox' })
  await within(list).findByText('Re: Plans')
  list.focus()
  fireEvent.keyDown(list, { key: 'Home' })
  fireEvent.keyDown(list, { key: 'Enter' })
  await screen.findByRole('heading', { name: 'Re: Plans' })
  return list
}

describe('replies and conversations in the reader', () => {
  it('marks answered messages and conversations in the list', async () => {
    render(<ReaderLayout />)
    const list = await screen.findByRole('listbox')
    const first = await within(list).findByText('Re: Plans')
    const row = first.closest('[role="option"]')!
    expect(row.getAttribute('aria-label')).toContain('2 messages in the conversation')
    expect(within(row as HTMLElement).getByTestId('thread-count').textContent).toBe('2')
    const answered = list.querySelector('[data-message-id="a1:INBOX#1"]')!
    expect(answered.getAttribute('aria-label')).toContain('answered')
    expect(within(answered as HTMLElement).getByTestId('mark-answered')).toBeTruthy()
  })

  it('answers with the buttons and with r, a and f, opening the composer with main’s draft', async () => {
    const list = await openFirst()
    const reply = screen.getByRole('button', { name: 'Reply' })
    expect(reply.getAttribute('aria-keyshortcuts')).toBe('r')
    expect(screen.getByRole('button', { name: 'Reply all' }).getAttribute('aria-keyshortcuts')).toBe('a')
    fireEvent.click(reply)
    expect((await screen.findByTestId('composer-probe')).textContent).toBe('Re: Re: Plans')
    fireEvent.keyDown(list, { key: 'a' })
    fireEvent.keyDown(list, { key: 'f' })
    await waitFor(() => expect(screen.getByTestId('composer-probe').textContent).toBe('Fwd: Re: Plans'))
    expect(callsTo('createReply')).toEqual([
      [`${INBOX}#0`, 'reply'],
      [`${INBOX}#0`, 'replyAll'],
      [`${INBOX}#0`, 'forward'],
    ])
  })

  it('forwards as attachment with its button and Shift+F', async () => {
    const list = await openFirst()
    const button = screen.getByRole('button', { name: /Forward as attachment/ })
    expect(button.getAttribute('aria-keyshortcuts')).toBe('Shift+F')
    fireEvent.click(button)
    fireEvent.keyDown(list, { key: 'F', shiftKey: true })
    await waitFor(() => expect(callsTo('createReply')).toHaveLength(2))
    expect(callsTo('createReply')).toEqual([
      [`${INBOX}#0`, 'forwardAsAttachment'],
      [`${INBOX}#0`, 'forwardAsAttachment'],
    ])
    expect(screen.queryByTestId('edit-draft')).toBeNull()
  })

  it('opens a draft (flagged \\Draft, e.g. another client’s) in the composer with Edit draft', async () => {
    const base = fake.messages.get(INBOX)!
    fake.messages.set(INBOX, {
      total: base.total,
      at: (i) => (i === 0 ? { ...base.at(0), flags: { ...base.at(0).flags, draft: true } } : base.at(i)),
    })
    await openFirst()
    fireEvent.click(screen.getByRole('button', { name: 'Edit draft' }))
    expect((await screen.findByTestId('composer-probe')).textContent).toBe('Re: Plans')
    expect(callsTo('editDraftMessage')).toEqual([[`${INBOX}#0`]])
  })

  it('shows the conversation across folders and opens its other messages', async () => {
    await openFirst()
    const conversation = await screen.findByRole('navigation', { name: 'Conversation' })
    expect(within(conversation).getByText('2 messages')).toBeTruthy()
    const current = conversation.querySelector('[aria-current="true"]')!
    expect(current.textContent).toContain('Sender 0')
    const other = within(conversation).getByTestId('conversation-item')
    expect(other.textContent).toContain('Sent')
    fireEvent.click(other)
    expect(await screen.findByRole('heading', { name: 'Plans' })).toBeTruthy()
    expect(callsTo('getMessage').at(-1)).toEqual([`${SENT}#0`])
    // The message from Sent can be answered too (the keyboard acts on the open message).
    fireEvent.click(screen.getByTestId('reply'))
    await waitFor(() => expect(callsTo('createReply')).toEqual([[`${SENT}#0`, 'reply']]))
    // A new message in the account re-reads the conversation.
    const before = callsTo('getThread').length
    fake.emit('mailbox:changed', { accountId: 'a1', mailboxId: INBOX })
    await waitFor(() => expect(callsTo('getThread').length).toBeGreaterThan(before))
  })
})
