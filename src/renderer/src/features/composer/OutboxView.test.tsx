import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { OutboxItem } from '../../../../shared/model/compose'
import { OutboxView } from './OutboxView'
import { estimatedSize, sizeWarning } from './size-warning'

const base: OutboxItem = {
  id: 'o1',
  accountId: 'a',
  draftId: 'd1',
  messageId: '<m@x>',
  subject: 'Hello',
  recipients: ['bob@example.test'],
  state: 'queued',
  queuedAt: Date.now(),
  sendAt: Date.now() + 5000,
  attempts: 0,
  lastError: null,
  sentAt: null,
  sentCopy: null,
  sentCopyError: null,
  sentCopyAt: null,
}

const retrySentCopy = vi.fn(() => Promise.resolve({ ok: true, value: undefined }))

function install(items: OutboxItem[]) {
  const undoSend = vi.fn(() => Promise.resolve({ ok: true, value: { id: 'd1', subject: 'Hello' } }))
  const mail = {
    listOutbox: () => Promise.resolve({ ok: true, value: items }),
    undoSend,
    retrySentCopy,
    on: () => () => {},
  }
  Object.defineProperty(window, 'mail', { value: mail, configurable: true })
  return undoSend
}
afterEach(() => {
  cleanup()
  Reflect.deleteProperty(window, 'mail')
})

describe('OutboxView', () => {
  it('offers undo while a message waits, and hands the draft back', async () => {
    const undo = install([base])
    const onEdit = vi.fn()
    render(<OutboxView onEdit={onEdit} />)
    expect((await screen.findByTestId('outbox-state')).textContent).toMatch(/^Waiting to send in [45] s$/)
    fireEvent.click(screen.getByTestId('outbox-undo'))
    await waitFor(() => expect(onEdit).toHaveBeenCalledWith({ id: 'd1', subject: 'Hello' }))
    expect(undo).toHaveBeenCalledWith('o1')
  })

  it('shows a refused recipient with the server’s words, and an Edit action', async () => {
    install([
      {
        ...base,
        state: 'failed',
        lastError: {
          code: 'SERVER_REJECTED',
          message: 'refused',
          retryable: false,
          detail: { recipient: 'rejected@example.test', serverResponse: '550 5.1.1 Mailbox unavailable' },
        },
      },
      { ...base, id: 'o2', state: 'uncertain', subject: 'Maybe' },
    ])
    render(<OutboxView onEdit={() => undefined} />)
    expect((await screen.findByTestId('outbox-recipient')).textContent).toBe(
      'Refused recipient: rejected@example.test',
    )
    expect(screen.getByText(/550 5\.1\.1 Mailbox unavailable/)).toBeTruthy()
    expect(screen.getByTestId('outbox-edit')).toBeTruthy()
    expect(screen.getByText('May have been sent')).toBeTruthy()
    expect(screen.getByText('It arrived')).toBeTruthy()
  })
})

describe('OutboxView: the Sent copy', () => {
  const sent = { ...base, state: 'sent' as const, sentAt: Date.now(), sendAt: Date.now() - 1000 }
  const refused = {
    code: 'SERVER_REJECTED' as const,
    message: 'The IMAP server refused the command',
    retryable: false,
    detail: { serverResponse: 'Message contains bare newlines' },
  }

  it('shows a refused Sent copy with the server’s words and retries it on request', async () => {
    retrySentCopy.mockClear()
    install([{ ...sent, sentCopy: 'failed', sentCopyError: refused }])
    render(<OutboxView onEdit={() => undefined} />)
    const notice = await screen.findByTestId('outbox-sent-copy')
    expect(notice.dataset['copyState']).toBe('failed')
    expect(notice.querySelector('.server-words q')?.textContent).toBe('Message contains bare newlines')
    expect(notice.textContent).toContain('kept on this computer and shown in Sent')
    expect(screen.getByTestId('outbox-state').textContent).toBe('Sent')
    fireEvent.click(screen.getByTestId('outbox-sent-copy-retry'))
    await waitFor(() => expect(retrySentCopy).toHaveBeenCalledWith('o1'))
  })

  it('says when a copy that may still pass is tried next, and nothing once it is saved', async () => {
    const offline = { code: 'CONNECTION_FAILED' as const, message: 'lost', retryable: true }
    install([
      { ...sent, sentCopy: 'pending', sentCopyError: offline, sentCopyAt: Date.now() + 30_000 },
      { ...sent, id: 'o2', sentCopy: 'saved' },
    ])
    render(<OutboxView onEdit={() => undefined} />)
    const notice = await screen.findByTestId('outbox-sent-copy')
    expect(notice.dataset['copyState']).toBe('pending')
    expect(notice.textContent).toMatch(/Next try in (29|30) s/)
    expect(screen.getByText('Try now')).toBeTruthy()
    expect(screen.getAllByTestId('outbox-sent-copy')).toHaveLength(1)
  })
})

describe('size warning', () => {
  it('warns above the server’s SIZE, counting base64 growth', () => {
    const att = [
      { id: 'a', filename: 'f', contentType: 'x', size: 3_000_000, inline: false, contentId: null },
    ]
    expect(estimatedSize(0, att)).toBeGreaterThan(4_000_000)
    expect(sizeWarning(estimatedSize(0, att), 2_000_000)).toBe(
      'This message is about 3.8 MB; the server accepts at most 1.9 MB.',
    )
    expect(sizeWarning(100, 4_000_000)).toBeNull()
    expect(sizeWarning(100, null)).toBeNull()
  })
})
