import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Draft } from '../../../../shared/model/compose'
import { DraftList } from './DraftList'

const draft: Draft = {
  id: 'd1',
  accountId: 'a',
  identityId: 'i',
  to: 'bob@example.test',
  cc: '',
  bcc: '',
  subject: 'Plans',
  format: 'plain',
  html: '',
  text: 'one\ntwo',
  inReplyTo: null,
  references: [],
  attachments: [],
  updatedAt: 1,
  state: 'editing',
  serverCopy: {
    state: 'failed',
    error: {
      code: 'SERVER_REJECTED',
      message: 'refused',
      retryable: false,
      detail: { serverResponse: 'Permission denied' },
    },
    retryAt: null,
  },
}

afterEach(() => {
  cleanup()
  Reflect.deleteProperty(window, 'mail')
})

describe('DraftList', () => {
  it('shows a Drafts copy the server refused, with its words, and Retry brings the new state', async () => {
    const saved: Draft = { ...draft, serverCopy: { state: 'saved', error: null, retryAt: null } }
    const retryDraftCopy = vi.fn(() => Promise.resolve({ ok: true, value: saved }))
    const listeners = new Map<string, () => void>()
    Object.defineProperty(window, 'mail', {
      configurable: true,
      value: {
        listDrafts: () => Promise.resolve({ ok: true, value: [draft] }),
        retryDraftCopy,
        on: (event: string, listener: () => void) => {
          listeners.set(event, listener)
          return () => listeners.delete(event)
        },
      },
    })
    render(<DraftList onOpen={() => undefined} refresh={0} />)
    const notice = await screen.findByTestId('draft-server-copy')
    expect(notice.dataset['copyState']).toBe('failed')
    expect(notice.querySelector('.server-words q')?.textContent).toBe('Permission denied')
    expect(notice.textContent).toContain('kept on this computer and shown in Drafts')
    expect(listeners.has('drafts:changed')).toBe(true)
    fireEvent.click(screen.getByTestId('draft-server-copy-retry'))
    await waitFor(() => expect(screen.queryByTestId('draft-server-copy')).toBeNull())
    expect(retryDraftCopy).toHaveBeenCalledWith('d1')
    expect(screen.getByText('Plans')).toBeTruthy()
  })
})
