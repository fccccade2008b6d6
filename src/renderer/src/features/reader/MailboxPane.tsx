import { useState } from 'react'
import type { Mailbox, MailboxRole, MessageSummary } from '../../../../shared/model/mail'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { call } from '../../lib/ipc'
import { FolderPicker, mailboxLabel } from '../mailboxes'
import {
  isDefaultView,
  ListControls,
  MessageList,
  showsRecipients,
  type RowAccount,
  useListView,
  useMessagePages,
  useSelection,
} from '../message-list'
import { LIST_FILTERS, type ListFilter, type ListView } from '../../../../shared/model/list-view'
import { BulkActions } from './BulkActions'
import { PendingDelete } from './DeleteConfirmDialog'
import { shortcutActions } from './message-commands'
import type { MessageCommands } from './MessageHeader'
import { MessageView } from './MessageView'
import { useBulkActions } from './use-bulk-actions'
import { useMessageCommands } from './use-message-commands'
import { useMessageDrag } from './use-message-drag'
import { useReaderShortcuts, type ShortcutKey } from './use-reader-shortcuts'

export interface MailboxPaneProps {
  mailbox: Mailbox
  /** Folder names of the account, for messages of the conversation in other folders. */
  folderName: (mailboxId: string) => string | undefined
  /** The account's folders, for "Move to…" / "Copy to…". */
  folders: readonly Mailbox[]
  /** A list across accounts (a unified view): whose each row is, and where it lives. */
  across?: {
    accountOf: (m: MessageSummary) => RowAccount | undefined
    roleOf: (mailboxId: string) => MailboxRole | null | undefined
    /** The folders of an account (the picker offers the current message's account's). */
    foldersOf: (accountId: string) => readonly Mailbox[]
    /** A filter the view already implies (All Unread: unread) is not offered again. */
    implied: readonly ListFilter[]
  }
}

/**
 * The message list and the reading pane of one mailbox (keyed by mailbox id by the layout, so a
 * folder switch starts afresh). Actions apply to the list at once and go to main, which applies
 * them to the store and the server and reports back with `mailbox:changed`.
 */
export function MailboxPane({ mailbox, folderName, folders: own, across }: MailboxPaneProps) {
  const [view, setView] = useListView(mailbox.id)
  // The default view asks main for the plain list (the same calls and query as before sorting).
  const asked = isDefaultView(view) ? undefined : view
  const pages = useMessagePages(mailbox.id, asked)
  const [cursor, setCursor] = useState(-1)
  const [openId, setOpenId] = useState<string | null>(null)
  // A message opened from the conversation may live in another folder (Sent): not in this list.
  const [openedFromThread, setOpenedFromThread] = useState<MessageSummary | null>(null)

  const count = pages.total ?? 0
  const openIndex = openId === null ? -1 : pages.indexOf(openId)
  const openSummary =
    (openIndex >= 0 ? pages.rowAt(openIndex) : undefined) ??
    (openedFromThread?.id === openId ? openedFromThread : undefined)
  // The keyboard acts on the row it is on, else on the open message.
  const current: MessageSummary | undefined = (cursor >= 0 ? pages.rowAt(cursor) : undefined) ?? openSummary

  const selection = useSelection({
    total: count,
    idAt: (index) => pages.rowAt(index)?.id,
    idsBetween: async (first, last) => {
      const loaded: string[] = []
      for (let i = first; i <= last; i++) {
        const id = pages.rowAt(i)?.id
        if (id === undefined) break
        loaded.push(id)
      }
      if (loaded.length === last - first + 1) return loaded
      // Rows not loaded (a range across far pages, "select all"): their ids only, from main.
      const range = { offset: first, limit: last - first + 1 }
      return asked
        ? call('listMessageIds', mailbox.id, range, asked)
        : call('listMessageIds', mailbox.id, range)
    },
  })
  const commands = useMessageCommands({
    patchFlags: (ids, flags) => pages.patch(ids, (row) => ({ ...row, flags: { ...row.flags, ...flags } })),
    // The folder re-reads once main has answered (its `mailbox:changed` may come later).
    settled: () => pages.refresh(),
    roleOf: (m) => (m.mailboxId === mailbox.id ? mailbox.role : across?.roleOf(m.mailboxId)),
    openId,
    close: () => setOpenId(null),
    removed: () => selection.clear(),
  })
  const folders = across ? across.foldersOf(current?.accountId ?? '') : own
  const drag = useMessageDrag({ rowAt: pages.rowAt, sourceMailboxId: mailbox.id, selection, commands })
  const bulk = useBulkActions({
    folders,
    deletesForGood: () => mailbox.role === 'trash',
    selection,
    commands,
  })
  // Rows move: the keyboard starts again from the top and a selection by position would mislead.
  const changeView = (next: ListView) => {
    setView(next)
    setCursor(-1)
    selection.clear()
  }
  const show = (m: MessageSummary, index: number) => {
    // Kept aside: under a filter (Unread) the open message may leave the list once it is read.
    setOpenedFromThread(m)
    setCursor(index)
    setOpenId(m.id)
    commands.markRead(m)
  }
  const open = (index: number) => {
    const m = pages.rowAt(index)
    if (m) show(m, index)
  }
  const openFromThread = (m: MessageSummary) => {
    setOpenedFromThread(m)
    show(m, pages.indexOf(m.id))
  }
  const commandsFor = (m: MessageSummary | undefined): MessageCommands => ({
    ...commands.commandsFor(m),
    moveTo: () => m && bulk.pickFor('moveMessages', m.id),
    copyTo: () => m && bulk.pickFor('copyMessages', m.id),
  })
  // With a selection, the keys that act on messages act on all of it.
  const onSelection: Partial<Record<ShortcutKey, () => void>> = {
    moveTo: () => bulk.run('move'),
    delete: () => bulk.run('delete'),
    toggleRead: () => bulk.run(current && !current.flags.seen ? 'read' : 'unread'),
    toggleFlag: () => bulk.run(current && !current.flags.flagged ? 'flag' : 'unflag'),
  }
  const onShortcut = (key: ShortcutKey) =>
    (
      (selection.active ? onSelection[key] : undefined) ??
      shortcutActions(commandsFor(current), { cursor, count, setCursor })[key]
    )()
  const onFrameKey = useReaderShortcuts(onShortcut)

  return (
    <div className="mailbox-pane-body">
      <div className="list-column">
        <div className="list-heading">
          <h2>{mailboxLabel(mailbox)}</h2>
          <span className="list-count">
            {pages.total === null ? '' : `${count.toLocaleString()} messages`}
          </span>
        </div>
        <ListControls
          view={view}
          onChange={changeView}
          filters={across && LIST_FILTERS.filter((f) => !across.implied.includes(f))}
        />
        {commands.notice && <ErrorNotice error={commands.notice} />}
        <MessageList
          label={mailboxLabel(mailbox)}
          pages={pages}
          cursor={cursor}
          openId={openId}
          onCursor={setCursor}
          onOpen={open}
          selection={selection}
          recipients={(m) => showsRecipients(across ? across.roleOf(m.mailboxId) : mailbox.role)}
          accountOf={across?.accountOf}
          onDragRow={drag.onDragRow}
          onDragEnd={drag.onDragEnd}
          emptyText={isDefaultView(view) ? undefined : 'No messages match these filters.'}
        />
      </div>
      <div className="reader-column">
        {selection.active ? (
          <BulkActions
            count={selection.count}
            role={mailbox.role}
            onAction={bulk.run}
            onClear={selection.clear}
          />
        ) : openId ? (
          <MessageView
            key={openId}
            messageId={openId}
            summary={openSummary}
            commands={commandsFor(openSummary)}
            onFrameKey={onFrameKey}
            mailboxId={mailbox.id}
            folderName={folderName}
            onOpenInThread={openFromThread}
          />
        ) : (
          <p className="reader-note">Select a message to read it.</p>
        )}
      </div>
      <PendingDelete deleting={commands.deleting} />
      {bulk.picker && (
        <FolderPicker
          title={bulk.picker.method === 'moveMessages' ? 'Move to…' : 'Copy to…'}
          folders={folders}
          excludeId={bulk.picker.method === 'moveMessages' ? mailbox.id : undefined}
          onPick={bulk.pick}
          onCancel={bulk.cancelPick}
        />
      )}
    </div>
  )
}
