import { cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach } from 'vitest'
import { reloadCommandPrefs } from '../../lib/commands'
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

export const FAKE_INBOX = 'a1:INBOX'

/**
 * For DOM tests of the reader's keys and menus: before each test, one account whose Inbox holds
 * `count` messages ("Message number 0" newest), with Archive and Trash; after it, everything reset
 * (the page, the bridge, the remembered key preferences).
 */
export function withFakeInbox(count: number) {
  let fake: FakeMail | undefined
  let restoreLayout = () => {}
  beforeEach(() => {
    restoreLayout = stubListViewport(580)
    fake = installFakeMail((f) => {
      f.accounts.push(fakeAccount('a1', 'me@example.test'))
      f.mailboxes.push(
        fakeMailbox('a1', 'INBOX', { role: 'inbox', total: count }),
        fakeMailbox('a1', 'Archive', { role: 'archive' }),
        fakeMailbox('a1', 'Trash', { role: 'trash' }),
      )
      seedMessages(f, FAKE_INBOX, count)
    })
  })
  afterEach(() => {
    cleanup()
    restoreLayout()
    removeFakeMail()
    localStorage.clear()
    reloadCommandPrefs()
  })
  return {
    /** The arguments of every call of `method` the page made, in order. */
    callsTo: (method: string) => (fake?.calls ?? []).filter((c) => c.method === method).map((c) => c.args),
    /** Renders the reader and waits for the Inbox's list. */
    async inbox(): Promise<HTMLElement> {
      render(<ReaderLayout />)
      const list = await screen.findByRole('listbox', { name: 'Messages in Inbox' })
      await within(list).findByText('Message number 0')
      return list
    },
  }
}
