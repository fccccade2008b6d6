import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  fakeAccount,
  fakeMailbox,
  installFakeMail,
  removeFakeMail,
  seedMessages,
  type FakeMail,
} from '../../test-support/fake-mail'
import { stubListViewport } from '../../test-support/layout'
import { ReaderLayout } from './ReaderLayout'

let fake: FakeMail
let restoreLayout: () => void
const shown: { title: string; onclick: (() => void) | null }[] = []

beforeEach(() => {
  shown.length = 0
  restoreLayout = stubListViewport(580)
  fake = installFakeMail((f) => {
    f.accounts.push(fakeAccount('a1'))
    f.mailboxes.push(
      fakeMailbox('a1', 'INBOX', { role: 'inbox', total: 3 }),
      fakeMailbox('a1', 'Lists', { total: 4, unread: 4 }),
    )
    seedMessages(f, 'a1:INBOX', 3)
    seedMessages(f, 'a1:Lists', 4)
  })
  class FakeNotification {
    static permission = 'granted'
    static requestPermission = () => Promise.resolve('granted')
    onclick: (() => void) | null = null
    constructor(title: string) {
      shown.push(this as unknown as { title: string; onclick: (() => void) | null })
      Object.assign(this, { title })
    }
    close() {}
  }
  vi.stubGlobal('Notification', FakeNotification)
  // jsdom has no window focus to bring forward.
  vi.spyOn(window, 'focus').mockImplementation(() => undefined)
})
afterEach(() => {
  cleanup()
  restoreLayout()
  removeFakeMail()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('a new-mail notification', () => {
  it('opens its message in its folder when clicked, and marks it read', async () => {
    render(<ReaderLayout />)
    await screen.findByRole('listbox', { name: 'Messages in Inbox' })
    act(() => fake.emit('mail:new', { accountId: 'a1', mailboxId: 'a1:Lists', count: 1 }))
    await waitFor(() => expect(shown).toHaveLength(1))
    act(() => shown[0]!.onclick?.())
    expect(await screen.findByRole('listbox', { name: 'Messages in Lists' })).toBeTruthy()
    expect(await screen.findByRole('heading', { name: 'Message number 0' })).toBeTruthy()
    expect(fake.calls.filter((c) => c.method === 'getMessage').map((c) => c.args)).toEqual([['a1:Lists#0']])
    await waitFor(() =>
      expect(fake.calls.filter((c) => c.method === 'setFlags').map((c) => c.args)).toContainEqual([
        ['a1:Lists#0'],
        { seen: true },
      ]),
    )
  })
})
