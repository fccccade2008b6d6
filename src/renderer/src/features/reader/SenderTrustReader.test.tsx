import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  fakeAccount,
  fakeMailbox,
  fakeSummary,
  installFakeMail,
  removeFakeMail,
} from '../../test-support/fake-mail'
import { stubListViewport } from '../../test-support/layout'
import { ReaderLayout } from './ReaderLayout'

const INBOX = 'a1:INBOX'
let restoreLayout: () => void

beforeEach(() => {
  restoreLayout = stubListViewport(580)
  installFakeMail((f) => {
    f.accounts.push(fakeAccount('a1', 'me@example.test'))
    f.mailboxes.push(fakeMailbox('a1', 'INBOX', { role: 'inbox', total: 3 }))
    // Stored rows belong to a conversation (attached messages have none, and are not checked).
    f.messages.set(INBOX, { total: 3, at: (i) => fakeSummary(INBOX, i, { threadId: `t${i}` }) })
    f.senderChecks.set(`${INBOX}#0`, {
      auth: {
        source: 'local',
        authservId: null,
        verdict: 'fail',
        alignedDomain: null,
        fromDomain: 'example.test',
        methods: [
          {
            method: 'dmarc',
            result: 'fail',
            verdict: 'fail',
            domain: 'example.test',
            reason: 'not-aligned',
            detail: null,
          },
        ],
        uncheckedWhy: null,
      },
      warnings: [{ kind: 'dmarc-fail', domain: 'example.test' }],
    })
  })
})
afterEach(() => {
  cleanup()
  restoreLayout()
  removeFakeMail()
})

describe('the sender check in the reader', () => {
  it('shows the result next to the sender and a calm note above the message, which stays readable', async () => {
    render(<ReaderLayout />)
    const list = await screen.findByRole('listbox', { name: 'Messages in Inbox' })
    await within(list).findByText('Message number 0')
    list.focus()
    fireEvent.keyDown(list, { key: 'Home' })
    fireEvent.keyDown(list, { key: 'Enter' })
    await screen.findByRole('heading', { name: 'Message number 0' })
    const badge = await screen.findByTestId('sender-auth')
    expect(badge.getAttribute('data-verdict')).toBe('fail')
    // The check sits in the From line's group, right after the sender.
    expect(badge.previousElementSibling?.textContent).toMatch(/sender0@example\.test/)
    const note = screen.getByRole('note', { name: 'Be careful with this message' })
    expect(note.textContent).toContain('This message failed example.test’s sender check (DMARC)')
    // Never blocking: the body is there and the actions work.
    expect(await screen.findByText(/this is Message number 0/)).toBeTruthy()
    expect(screen.getByTestId('reply')).toBeTruthy()
  })

  it('shows neither for a message that was not checked', async () => {
    render(<ReaderLayout />)
    const list = await screen.findByRole('listbox', { name: 'Messages in Inbox' })
    await within(list).findByText('Message number 1')
    list.focus()
    fireEvent.keyDown(list, { key: 'Home' })
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    fireEvent.keyDown(list, { key: 'Enter' })
    await screen.findByRole('heading', { name: 'Message number 1' })
    await new Promise((r) => setTimeout(r, 30))
    expect(screen.queryByTestId('sender-auth')).toBeNull()
    expect(screen.queryByRole('note')).toBeNull()
  })
})
