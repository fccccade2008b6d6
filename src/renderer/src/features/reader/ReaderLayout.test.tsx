import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  fakeAccount,
  fakeMailbox,
  fakeSummary,
  fakeView,
  installFakeMail,
  removeFakeMail,
  seedMessages,
  type FakeMail,
} from '../../test-support/fake-mail'
import { stubListViewport } from '../../test-support/layout'
import { reloadCommandPrefs, setCommandPrefs } from '../../lib/commands'
import { REMOTE_CONTENT_FRAME_NAME } from '../../../../shared/remote-content'
import { ReaderLayout } from './ReaderLayout'

const INBOX = 'a1:INBOX'
const HOSTILE = `<html><head><style>body{background:url(https://t.example/bg.png)}</style></head>
<body><script>window.pwned=1</script><p onclick="window.pwned=2">Hi</p>
<img src="https://t.example/pixel.gif" onerror="window.pwned=3"><a href="https://evil.example/">https://bank.example</a></body></html>`

let fake: FakeMail
let restoreLayout: () => void

beforeEach(() => {
  // These tests walk the list with the arrows to a message and open it with Enter, and expect an
  // empty reader after Delete: the "highlight only" choice. The default (arrows open, the next
  // message opens after Delete) is tested in triage-keys.test.tsx.
  setCommandPrefs({ openOnMove: false, openNextAfterRemove: false })
  restoreLayout = stubListViewport(580)
  fake = installFakeMail((f) => {
    f.accounts.push(fakeAccount('a1', 'me@example.test'))
    f.mailboxes.push(
      fakeMailbox('a1', 'INBOX', { role: 'inbox', unread: 3, total: 30 }),
      fakeMailbox('a1', 'Trash', { role: 'trash' }),
      fakeMailbox('a1', 'Sent', { role: 'sent' }),
      fakeMailbox('a1', 'Projects', { selectable: false }),
      fakeMailbox('a1', 'Projects/Alpha', { unread: 2 }),
    )
    seedMessages(f, INBOX, 30)
    const html = fakeSummary(INBOX, 1, { subject: 'Hostile HTML' })
    f.views.set(html.id, fakeView(html, { html: HOSTILE, text: 'Hi' }))
    const withFiles = fakeSummary(INBOX, 2, { subject: 'With files' })
    const inner = fakeSummary(INBOX, 999, { id: 'inner', subject: 'Forwarded inside' })
    f.views.set('inner', fakeView(inner))
    f.views.set(
      withFiles.id,
      fakeView(withFiles, {
        parseProblem: 'The Date header could not be read.',
        attachments: [
          {
            id: '2',
            filename: 'report.pdf',
            saveName: 'report.pdf',
            contentType: 'application/pdf',
            size: 123_456,
            contentId: null,
            inline: false,
            isMessage: false,
          },
          {
            id: 'inner',
            filename: 'fwd.eml',
            saveName: 'fwd.eml',
            contentType: 'message/rfc822',
            size: 2000,
            contentId: null,
            inline: false,
            isMessage: true,
          },
          {
            id: '3',
            filename: null,
            saveName: 'attachment.pdf',
            contentType: 'application/pdf',
            size: 5000,
            contentId: null,
            inline: false,
            isMessage: false,
          },
          {
            id: '4',
            filename: 'logo.png',
            saveName: 'logo.png',
            contentType: 'image/png',
            size: 99,
            contentId: '<logo>',
            inline: true,
            isMessage: false,
          },
        ],
      }),
    )
  })
})
afterEach(() => {
  cleanup()
  localStorage.clear()
  reloadCommandPrefs()
  restoreLayout()
  removeFakeMail()
  vi.unstubAllGlobals()
})

const callsTo = (method: string) => fake.calls.filter((c) => c.method === method).map((c) => c.args)

async function openMessage(index: number) {
  render(<ReaderLayout />)
  const list = await screen.findByRole('listbox', { name: 'Messages in Inbox' })
  await within(list).findByText('Message number 0')
  list.focus()
  fireEvent.keyDown(list, { key: 'Home' })
  for (let i = 0; i < index; i++) fireEvent.keyDown(list, { key: 'ArrowDown' })
  fireEvent.keyDown(list, { key: 'Enter' })
  return list
}

describe('ReaderLayout', () => {
  it('shows the folder tree with special folders first, hierarchy and unread counts', async () => {
    render(<ReaderLayout />)
    const tree = await screen.findByRole('tree', { name: 'Account a1' })
    const items = within(tree).getAllByRole('treeitem')
    expect(items.map((i) => i.getAttribute('aria-label'))).toEqual([
      'Inbox, 3 unread',
      'Sent',
      'Trash',
      'Projects',
      'Alpha, 2 unread',
    ])
    expect(items[0]!.getAttribute('aria-selected')).toBe('true')
    expect(items[4]!.getAttribute('aria-level')).toBe('2')
    expect(items[3]!.getAttribute('aria-disabled')).toBe('true')
    await waitFor(() => expect(document.title).toBe('Mailroom (3 unread)'))
  })

  it('moves with arrows and j/k, opens with Enter and marks the message read', async () => {
    render(<ReaderLayout />)
    const list = await screen.findByRole('listbox')
    await within(list).findByText('Message number 0')
    list.focus()
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    expect(list.getAttribute('aria-activedescendant')).toBe('message-row-0')
    fireEvent.keyDown(list, { key: 'j' })
    fireEvent.keyDown(list, { key: 'j' })
    fireEvent.keyDown(list, { key: 'k' })
    expect(list.getAttribute('aria-activedescendant')).toBe('message-row-1')
    fireEvent.keyDown(list, { key: 'ArrowUp' })
    fireEvent.keyDown(list, { key: 'Enter' })
    expect(await screen.findByRole('heading', { name: 'Message number 0' })).toBeTruthy()
    expect(callsTo('getMessage')).toEqual([[`${INBOX}#0`]])
    // Index 0 was unread: opening it marks it read.
    expect(callsTo('setFlags')).toEqual([[[`${INBOX}#0`], { seen: true }]])
    expect(screen.getByTestId('plain-body').textContent).toContain('this is Message number 0')
  })

  it('toggles read with u, flags with s and deletes with Delete', async () => {
    const list = await openMessage(0)
    await screen.findByRole('heading', { name: 'Message number 0' })
    fireEvent.keyDown(list, { key: 'u' })
    fireEvent.keyDown(list, { key: 's' })
    await waitFor(() =>
      expect(callsTo('setFlags').slice(1)).toEqual([
        [[`${INBOX}#0`], { seen: false }],
        [[`${INBOX}#0`], { flagged: false }],
      ]),
    )
    expect(screen.getByRole('button', { name: 'Flag' })).toBeTruthy()
    fireEvent.keyDown(list, { key: 'Delete' })
    await waitFor(() => expect(callsTo('deleteMessages')).toEqual([[[`${INBOX}#0`]]]))
    expect(screen.getByText('Select a message to read it.')).toBeTruthy()
  })

  it('asks before deleting for good from Trash; Cancel keeps the message', async () => {
    seedMessages(fake, 'a1:Trash', 3)
    render(<ReaderLayout />)
    const tree = await screen.findByRole('tree', { name: 'Account a1' })
    fireEvent.click(within(tree).getByRole('treeitem', { name: 'Trash' }))
    const list = await screen.findByRole('listbox', { name: 'Messages in Trash' })
    await within(list).findByText('Message number 0')
    list.focus()
    fireEvent.keyDown(list, { key: 'Home' })
    fireEvent.keyDown(list, { key: 'Delete' })
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete for good?' })
    expect(dialog.textContent).toContain('Message number 0')
    // Cancel has the focus: Enter or Escape keeps the message; a second Delete does not go through.
    expect(document.activeElement?.textContent).toBe('Cancel')
    fireEvent.keyDown(dialog, { key: 'Delete' })
    fireEvent.keyDown(dialog, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull())
    expect(callsTo('deleteMessages')).toEqual([])

    fireEvent.keyDown(list, { key: 'Delete' })
    fireEvent.click(await screen.findByRole('button', { name: 'Delete for good' }))
    await waitFor(() => expect(callsTo('deleteMessages')).toEqual([[['a1:Trash#0']]]))
    expect(screen.queryByRole('alertdialog')).toBeNull()
  })

  it('offers Check now for a POP3 account and shows the server’s words when the check fails', async () => {
    const pop = fakeAccount('p1', 'pop@example.test')
    fake.accounts.push({ ...pop, incoming: { ...pop.incoming, protocol: 'pop3', port: 995 } })
    fake.mailboxes.push(fakeMailbox('p1', 'INBOX', { role: 'inbox' }))
    fake.failWith('checkNow', {
      code: 'AUTH_FAILED',
      message: 'refused',
      retryable: false,
      detail: { serverResponse: '-ERR [AUTH] Authentication failed.' },
    })
    render(<ReaderLayout />)
    await screen.findByRole('tree', { name: 'Account p1' })
    // Only the POP3 account has it: IMAP folders are kept in sync by the engine (IDLE).
    const buttons = screen.getAllByRole('button', { name: /for new mail now$/ })
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(['Check Account p1 for new mail now'])
    fireEvent.click(buttons[0]!)
    await waitFor(() => expect(callsTo('checkNow')).toEqual([['p1']]))
    expect(
      (await screen.findByText('-ERR [AUTH] Authentication failed.')).closest('[role="alert"]'),
    ).toBeTruthy()
  })

  it('ignores shortcuts while typing in a field', async () => {
    await openMessage(0)
    await screen.findByRole('heading', { name: 'Message number 0' })
    const input = document.createElement('input')
    document.body.append(input)
    fireEvent.keyDown(input, { key: 'Delete' })
    fireEvent.keyDown(input, { key: 'u' })
    expect(callsTo('deleteMessages')).toEqual([])
    expect(callsTo('setFlags')).toHaveLength(1)
    input.remove()
  })

  it('opens plain-text links outside the app through main', async () => {
    await openMessage(0)
    const link = await screen.findByRole('link', { name: 'https://example.test/page' })
    fireEvent.mouseEnter(link)
    expect(screen.getByText('Link goes to https://example.test/page')).toBeTruthy()
    fireEvent.click(link)
    await waitFor(() => expect(callsTo('openExternalLink')).toEqual([['https://example.test/page']]))
  })

  it('shows HTML sanitized in a script-less sandboxed frame, remote content blocked until allowed', async () => {
    await openMessage(1)
    const frame = await screen.findByTitle<HTMLIFrameElement>('Message content')
    expect(frame.getAttribute('sandbox')).toBe('allow-same-origin')
    expect(frame.getAttribute('name')).toBe('mailroom-message')
    const doc = frame.getAttribute('srcdoc')!
    expect(doc).toContain(`content="default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'`)
    expect(doc).not.toMatch(/<script|onclick|onerror|pwned|t\.example|\shref=/)
    expect(doc).toContain('data-mailroom-deceptive="evil.example"')
    const bar = screen.getByRole('region', { name: 'Remote content blocked' })
    expect(bar.textContent).toMatch(/2 remote items were blocked/)

    fake.views.set(`${INBOX}#1`, { ...fake.views.get(`${INBOX}#1`)!, remoteContentAllowed: true })
    fireEvent.click(within(bar).getByRole('button', { name: 'Load remote content' }))
    const srcdoc = () => screen.getByTitle('Message content').getAttribute('srcdoc') ?? ''
    await waitFor(() => expect(srcdoc()).toContain('https://t.example/pixel.gif'))
    expect(callsTo('allowRemoteContent')).toEqual([[`${INBOX}#1`, 'message']])
    expect(callsTo('getMessage')).toHaveLength(2)
    expect(srcdoc()).toContain('img-src data: cid: https:')
    expect(srcdoc()).not.toMatch(/<script|onerror/)
    // Main's request gate recognizes the frame of a message whose remote content was allowed.
    expect(screen.getByTitle('Message content').getAttribute('name')).toBe(REMOTE_CONTENT_FRAME_NAME)
    expect(screen.queryByRole('region', { name: 'Remote content blocked' })).toBeNull()
  })

  it('offers to always load remote content from the sender', async () => {
    await openMessage(1)
    const button = await screen.findByRole('button', { name: 'Always load from Sender 1' })
    fireEvent.click(button)
    await waitFor(() => expect(callsTo('allowRemoteContent')).toEqual([[`${INBOX}#1`, 'sender']]))
  })

  it('lists attachments to save, opens attached messages, and shows parse problems with the source', async () => {
    await openMessage(2)
    const files = await screen.findByRole('region', { name: '3 attachments' })
    expect(within(files).queryByText('logo.png')).toBeNull()
    fireEvent.click(within(files).getByRole('button', { name: 'Save report.pdf' }))
    await waitFor(() => expect(callsTo('saveAttachment')).toEqual([[`${INBOX}#2`, '2']]))
    // A part without a name shows its type, not an invented file name.
    expect(within(files).getByText('PDF document')).toBeTruthy()
    expect(within(files).queryByText('attachment.pdf')).toBeNull()
    fireEvent.click(within(files).getByRole('button', { name: 'Save PDF document' }))
    await waitFor(() => expect(callsTo('saveAttachment')).toContainEqual([`${INBOX}#2`, '3']))

    expect(screen.getByText(/could not be read completely/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'View its source' }))
    expect((await screen.findByLabelText('Message source')).textContent).toContain(`source of ${INBOX}#2`)

    fireEvent.click(within(files).getByRole('button', { name: 'Open' }))
    expect(await screen.findByRole('heading', { name: 'Forwarded inside' })).toBeTruthy()
    expect(callsTo('openAttachedMessage')).toEqual([[`${INBOX}#2`, 'inner']])
    fireEvent.click(screen.getByRole('button', { name: '← Back to the message' }))
    expect(await screen.findByRole('heading', { name: 'With files' })).toBeTruthy()
  })

  it('switches folders from the tree', async () => {
    render(<ReaderLayout />)
    const sent = await screen.findByRole('treeitem', { name: 'Sent' })
    fireEvent.click(sent)
    expect(await screen.findByRole('listbox', { name: 'Messages in Sent' })).toBeTruthy()
    await waitFor(() => expect(callsTo('listMessages').some((a) => a[0] === 'a1:Sent')).toBe(true))
    expect(sent.getAttribute('aria-selected')).toBe('true')
  })

  it('notifies about new mail and updates the unread count', async () => {
    const shown: { title: string; body?: string }[] = []
    class FakeNotification {
      static permission = 'granted'
      static requestPermission = () => Promise.resolve('granted')
      onclick: (() => void) | null = null
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body })
      }
      close() {}
    }
    vi.stubGlobal('Notification', FakeNotification)
    render(<ReaderLayout />)
    await screen.findByRole('tree')
    fake.mailboxes[0] = { ...fake.mailboxes[0]!, unread: 4 }
    act(() => fake.emit('mail:new', { accountId: 'a1', mailboxId: INBOX, count: 1 }))
    await waitFor(() => expect(shown).toHaveLength(1))
    expect(shown[0]).toEqual({ title: 'Sender 0', body: 'Message number 0\nInbox · me@example.test' })
    await waitFor(() => expect(document.title).toBe('Mailroom (4 unread)'))
    expect(screen.getByTestId('unread-total').textContent).toBe('4 unread')
  })
})
