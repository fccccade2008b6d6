import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import {
  fakeAccount,
  fakeMailbox,
  installFakeMail,
  removeFakeMail,
  type FakeMail,
} from '../../test-support/fake-mail'
import { MailboxTree } from './MailboxTree'

afterEach(() => {
  cleanup()
  removeFakeMail()
})

const account = fakeAccount('a1')
const mailboxes = [
  fakeMailbox('a1', 'INBOX', { role: 'inbox', name: 'INBOX' }),
  fakeMailbox('a1', 'Trash', { role: 'trash' }),
  fakeMailbox('a1', 'Projects'),
]

function renderTree(): FakeMail {
  const fake = installFakeMail()
  render(
    <MailboxTree accounts={[{ account, mailboxes, error: null }]} selectedId={null} onSelect={() => {}} />,
  )
  return fake
}

const item = (name: string) =>
  within(screen.getByRole('tree', { name: 'Account a1' })).getByRole('treeitem', { name })
const callsTo = (fake: FakeMail, method: string) =>
  fake.calls.filter((c) => c.method === method).map((c) => c.args)

describe('folder context menu', () => {
  it('creates a subfolder and renames a folder from the right-click menu', async () => {
    const fake = renderTree()
    fireEvent.contextMenu(item('Projects'), { clientX: 30, clientY: 40 })
    const menu = screen.getByRole('menu', { name: 'Folder Projects' })
    expect(document.activeElement?.textContent).toBe('New subfolder…')
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'New subfolder…' }))
    const dialog = screen.getByRole('dialog', { name: 'New folder in Projects' })
    fireEvent.change(within(dialog).getByLabelText('Folder name'), { target: { value: 'Alpha' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(callsTo(fake, 'createFolder')).toEqual([['a1', 'a1:Projects', 'Alpha']]))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())

    fireEvent.contextMenu(item('Projects'))
    fireEvent.click(screen.getByRole('menuitem', { name: 'Rename…' }))
    const rename = screen.getByRole('dialog', { name: 'Rename Projects' })
    const field = within(rename).getByLabelText('Folder name')
    expect((field as HTMLInputElement).value).toBe('Projects')
    fireEvent.change(field, { target: { value: 'Work' } })
    fireEvent.submit(field.closest('form')!)
    await waitFor(() => expect(callsTo(fake, 'renameFolder')).toEqual([['a1:Projects', 'Work']]))
  })

  it('keeps a refused name in the dialog with main’s reason', async () => {
    const fake = renderTree()
    fake.failWith('createFolder', {
      code: 'INVALID_INPUT',
      message: 'exists',
      retryable: false,
      detail: { field: 'name', reason: 'folder-exists' },
    })
    fireEvent.contextMenu(item('Projects'))
    fireEvent.click(screen.getByRole('menuitem', { name: 'New subfolder…' }))
    const dialog = screen.getByRole('dialog')
    fireEvent.change(within(dialog).getByLabelText('Folder name'), { target: { value: 'Alpha' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }))
    expect((await within(dialog).findByRole('alert')).textContent).toContain('already exists')
    expect(screen.getByRole('dialog')).toBeTruthy()
  })

  it('asks before deleting a folder or emptying Trash; special folders cannot be renamed or deleted', async () => {
    const fake = renderTree()
    fireEvent.contextMenu(item('Trash'))
    expect(screen.getByRole('menuitem', { name: 'Rename…' }).getAttribute('aria-disabled')).toBe('true')
    expect(screen.getByRole('menuitem', { name: 'Delete folder…' }).getAttribute('aria-disabled')).toBe(
      'true',
    )
    fireEvent.click(screen.getByRole('menuitem', { name: 'Delete folder…' }))
    expect(screen.queryByRole('alertdialog')).toBeNull()
    fireEvent.click(screen.getByRole('menuitem', { name: 'Empty Trash…' }))
    const empty = screen.getByRole('alertdialog', { name: 'Empty Trash?' })
    expect(document.activeElement?.textContent).toBe('Cancel')
    fireEvent.keyDown(empty, { key: 'Escape' })
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(callsTo(fake, 'emptyFolder')).toEqual([])

    // Keyboard: Shift+F10 on the focused folder, arrows to "Delete folder…", Enter.
    item('Projects').focus()
    fireEvent.keyDown(item('Projects'), { key: 'F10', shiftKey: true })
    const menu = screen.getByRole('menu')
    fireEvent.keyDown(menu, { key: 'End' })
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' })
    const del = screen.getByRole('alertdialog', { name: 'Delete the folder Projects?' })
    fireEvent.click(within(del).getByRole('button', { name: 'Delete folder' }))
    await waitFor(() => expect(callsTo(fake, 'deleteFolder')).toEqual([['a1:Projects']]))

    fireEvent.contextMenu(item('Inbox'))
    fireEvent.click(screen.getByRole('menuitem', { name: 'Mark all as read' }))
    await waitFor(() => expect(callsTo(fake, 'markFolderRead')).toEqual([['a1:INBOX']]))
    expect(screen.queryByRole('menu')).toBeNull()
  })
})
