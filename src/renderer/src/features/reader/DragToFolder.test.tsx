import { cleanup, createEvent, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  fakeAccount,
  fakeMailbox,
  installFakeMail,
  removeFakeMail,
  seedMessages,
  type FakeMail,
} from '../../test-support/fake-mail'
import { stubListViewport } from '../../test-support/layout'
import { ReaderLayout } from '.'

const INBOX = 'a1:INBOX'
const id = (i: number) => `${INBOX}#${i}`

let fake: FakeMail
let restoreLayout: () => void
beforeEach(() => {
  restoreLayout = stubListViewport(580)
  fake = installFakeMail((f) => {
    f.accounts.push(fakeAccount('a1', 'me@example.test'), fakeAccount('b2', 'other@example.test'))
    f.mailboxes.push(
      fakeMailbox('a1', 'INBOX', { role: 'inbox' }),
      fakeMailbox('a1', 'Projects', { selectable: false }),
      fakeMailbox('a1', 'Projects/Alpha'),
      fakeMailbox('b2', 'INBOX', { role: 'inbox' }),
      fakeMailbox('b2', 'Elsewhere'),
    )
    seedMessages(f, INBOX, 30)
  })
})
afterEach(() => {
  cleanup()
  restoreLayout()
  removeFakeMail()
})

/** jsdom has no DataTransfer: the part of it drag and drop uses here. */
function dataTransfer() {
  const data = new Map<string, string>()
  return {
    types: [] as string[],
    effectAllowed: 'none',
    dropEffect: 'none',
    setData(type: string, value: string) {
      data.set(type, value)
      this.types = [...data.keys()]
    },
    getData: (type: string) => data.get(type) ?? '',
  }
}

/** jsdom has no DragEvent either, so modifier keys are set on the event by hand. */
function dragWithKey(type: 'dragOver' | 'drop', target: Element, dt: unknown, key: 'ctrlKey' | 'altKey') {
  const event = createEvent[type](target, { dataTransfer: dt })
  Object.defineProperty(event, key, { value: true })
  return fireEvent(target, event)
}

const callsTo = (method: string) => fake.calls.filter((c) => c.method === method).map((c) => c.args)

async function setup() {
  render(<ReaderLayout />)
  const tree = await screen.findByRole('tree', { name: 'Account a1' })
  const list = await screen.findByRole('listbox', { name: 'Messages in Inbox' })
  await within(list).findByText('Message number 0')
  const row = (i: number) => within(list).getByText(`Message number ${i}`).closest('[role=option]')!
  const folder = (name: string | RegExp, t = tree) => within(t).getByRole('treeitem', { name })
  return { tree, list, row, folder }
}

describe('dragging messages onto a folder', () => {
  it('moves a Shift-selected range dropped on a folder, highlighting the folder while over it', async () => {
    const { row, folder } = await setup()
    fireEvent.click(row(0))
    fireEvent.click(row(2), { shiftKey: true })
    await screen.findByText('3 messages selected')
    expect(row(1).getAttribute('draggable')).toBe('true')

    const dt = dataTransfer()
    fireEvent.dragStart(row(1), { dataTransfer: dt })
    expect(dt.effectAllowed).toBe('copyMove')
    const alpha = folder('Alpha')
    // Taken (the default prevented), shown as a move, highlighted.
    expect(fireEvent.dragOver(alpha, { dataTransfer: dt })).toBe(false)
    expect(dt.dropEffect).toBe('move')
    expect(alpha.classList.contains('drop-target')).toBe(true)
    fireEvent.dragLeave(alpha, { dataTransfer: dt, relatedTarget: document.body })
    expect(alpha.classList.contains('drop-target')).toBe(false)
    fireEvent.dragOver(alpha, { dataTransfer: dt })
    fireEvent.drop(alpha, { dataTransfer: dt })
    expect(alpha.classList.contains('drop-target')).toBe(false)
    await waitFor(() =>
      expect(callsTo('moveMessages')).toEqual([[[id(0), id(1), id(2)], 'a1:Projects/Alpha']]),
    )
    expect(callsTo('copyMessages')).toEqual([])
  })

  it('copies with Ctrl (or Alt); a row outside the selection goes alone', async () => {
    const { row, folder } = await setup()
    fireEvent.click(row(0))
    fireEvent.click(row(1), { ctrlKey: true })
    await screen.findByText('2 messages selected')
    const dt = dataTransfer()
    fireEvent.dragStart(row(5), { dataTransfer: dt })
    dragWithKey('dragOver', folder('Alpha'), dt, 'ctrlKey')
    expect(dt.dropEffect).toBe('copy')
    dragWithKey('drop', folder('Alpha'), dt, 'ctrlKey')
    await waitFor(() => expect(callsTo('copyMessages')).toEqual([[[id(5)], 'a1:Projects/Alpha']]))

    const again = dataTransfer()
    fireEvent.dragStart(row(0), { dataTransfer: again })
    dragWithKey('drop', folder('Alpha'), again, 'altKey')
    await waitFor(() => expect(callsTo('copyMessages')).toHaveLength(2))
    expect(callsTo('copyMessages')[1]).toEqual([[id(0), id(1)], 'a1:Projects/Alpha'])
    expect(callsTo('moveMessages')).toEqual([])
  })

  it('no drop on the folder itself, a container, another account, or for a drag from outside', async () => {
    const { row, folder } = await setup()
    const other = screen.getByRole('tree', { name: 'Account b2' })
    const dt = dataTransfer()
    fireEvent.dragStart(row(3), { dataTransfer: dt })
    for (const target of [folder(/Inbox/), folder('Projects'), folder('Elsewhere', other)]) {
      expect(fireEvent.dragOver(target, { dataTransfer: dt })).toBe(true)
      expect(target.classList.contains('drop-target')).toBe(false)
      fireEvent.drop(target, { dataTransfer: dt })
    }
    fireEvent.dragEnd(row(3), { dataTransfer: dt })
    // A file or text dragged in from another program is not a message.
    const outside = dataTransfer()
    outside.setData('text/plain', 'hello')
    expect(fireEvent.dragOver(folder('Alpha'), { dataTransfer: outside })).toBe(true)
    fireEvent.drop(folder('Alpha'), { dataTransfer: outside })
    await new Promise((r) => setTimeout(r, 20))
    expect(callsTo('moveMessages')).toEqual([])
    expect(callsTo('copyMessages')).toEqual([])
  })

  it('the highlight goes when the drag ends without a drop (Escape)', async () => {
    const { row, folder } = await setup()
    const dt = dataTransfer()
    fireEvent.dragStart(row(3), { dataTransfer: dt })
    fireEvent.dragOver(folder('Alpha'), { dataTransfer: dt })
    expect(folder('Alpha').classList.contains('drop-target')).toBe(true)
    fireEvent.dragEnd(row(3), { dataTransfer: dt })
    await waitFor(() => expect(folder('Alpha').classList.contains('drop-target')).toBe(false))
  })
})
