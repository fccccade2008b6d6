import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { installFakeMail, removeFakeMail, seedMessages, type FakeMail } from '../../test-support/fake-mail'
import { stubListViewport } from '../../test-support/layout'
import { MessageList, ROW_HEIGHT } from './MessageList'
import { PAGE_SIZE, useMessagePages } from './use-message-pages'

const BOX = 'a1:INBOX'

function Harness({ onOpen = () => {} }: { onOpen?: (i: number) => void }) {
  const pages = useMessagePages(BOX)
  return (
    <MessageList label="Inbox" pages={pages} cursor={-1} openId={null} onCursor={() => {}} onOpen={onOpen} />
  )
}

let fake: FakeMail
let restoreLayout: () => void
beforeEach(() => {
  restoreLayout = stubListViewport(580)
  fake = installFakeMail((f) => seedMessages(f, BOX, 100_000))
})
afterEach(() => {
  cleanup()
  restoreLayout()
  removeFakeMail()
})

const offsets = () =>
  fake.calls.filter((c) => c.method === 'listMessages').map((c) => (c.args[1] as { offset: number }).offset)

describe('MessageList on a 100,000-message mailbox', () => {
  it('renders only a window of rows and loads only the first page', async () => {
    render(<Harness />)
    const list = screen.getByRole('listbox', { name: 'Messages in Inbox' })
    await screen.findByText('Message number 0')
    const rows = screen.getAllByRole('option')
    // A 580 px viewport holds 10 rows; with overscan, a few dozen at most: never 100,000.
    expect(rows.length).toBeGreaterThan(5)
    expect(rows.length).toBeLessThan(40)
    expect(rows[0]!.getAttribute('aria-setsize')).toBe('100000')
    expect(list.firstElementChild!.getAttribute('style')).toContain(`height: ${100_000 * ROW_HEIGHT}px`)
    expect(offsets()).toEqual([0])
  })

  it('scrolling far renders the rows there and loads only their page', async () => {
    render(<Harness />)
    const list = screen.getByRole('listbox')
    await screen.findByText('Message number 0')
    act(() => {
      list.scrollTop = 73_456 * ROW_HEIGHT
      fireEvent.scroll(list)
    })
    await screen.findByText('Message number 73456')
    const indexes = screen.getAllByRole('option').map((r) => Number(r.getAttribute('aria-posinset')) - 1)
    expect(Math.min(...indexes)).toBeGreaterThan(73_400)
    expect(Math.max(...indexes)).toBeLessThan(73_500)
    expect(screen.getAllByRole('option').length).toBeLessThan(40)
    expect(screen.queryByText('Message number 0')).toBeNull()
    expect(offsets()).toEqual([0, Math.floor(73_456 / PAGE_SIZE) * PAGE_SIZE])
  })

  it('shows each row’s sender, subject, date and marks', async () => {
    render(<Harness />)
    await screen.findByText('Message number 0')
    // Index 0: unread (0 % 3), flagged (0 % 5), with attachments (0 % 4).
    const row = screen.getAllByRole('option')[0]!
    expect(row.className).toContain('unread')
    expect(row.getAttribute('aria-label')).toMatch(
      /^Sender 0: Message number 0, .+, unread, flagged, has attachments$/,
    )
    const plain = screen.getAllByRole('option')[1]!
    expect(plain.getAttribute('aria-label')).not.toMatch(/unread|flagged|attachments/)
  })

  it('re-reads the pages in view when main reports the mailbox changed', async () => {
    render(<Harness />)
    await screen.findByText('Message number 0')
    // A new message arrived on top: main's store now has one more.
    fake.messages.set(BOX, { total: 100_001, at: baseRow })
    act(() => fake.emit('mailbox:changed', { accountId: 'a1', mailboxId: BOX }))
    await screen.findByText('Brand new')
    await waitFor(() => expect(screen.getAllByRole('option')[0]!.getAttribute('aria-setsize')).toBe('100001'))
  })
})

function baseRow(i: number) {
  const date = Date.UTC(2024, 5, 2) - i * 3_600_000
  return {
    id: `${BOX}#n${i}`,
    accountId: 'a1',
    mailboxId: BOX,
    subject: i === 0 ? 'Brand new' : `Message number ${i - 1}`,
    from: [{ address: 'x@example.test' }],
    to: [],
    cc: [],
    date,
    receivedAt: date,
    flags: { seen: true, flagged: false, answered: false, draft: false },
    hasAttachments: false,
    size: 1,
    messageId: null,
    inReplyTo: null,
    references: [],
    preview: null,
    threadId: null,
    threadSize: 1,
  }
}
