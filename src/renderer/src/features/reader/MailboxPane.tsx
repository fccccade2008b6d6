import { useState } from 'react'
import type { Mailbox, MailboxRole, MessageSummary } from '../../../../shared/model/mail'
import { useCommandPrefs, useCommandScope } from '../../lib/commands'
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
import { Splitter } from '../layout'
import { BackToList } from './BackToList'
import { BulkActions } from './BulkActions'
import { PendingDelete } from './DeleteConfirmDialog'
import type { MessageCommands } from './MessageHeader'
import { MessageMenu, type MenuAt } from './MessageMenu'
import { MessageView } from './MessageView'
import { nextAfterRemoval, readerBindings } from './reader-commands'
import { useBulkActions } from './use-bulk-actions'
import { useMessageCommands } from './use-message-commands'
import { useMessageDrag } from './use-message-drag'

export interface MailboxPaneProps {
  mailbox: Mailbox
  /** Folder names of the account, for messages of the conversation in other folders. */
  folderName: (mailboxId: string) => string | undefined
  /** The account's folders, for "Move to…" / "Copy to…". */
  folders: readonly Mailbox[]
  /** Other accounts' folders, offered after the account's own by "Move to…" / "Copy to…". */
  elsewhere?: { folders: readonly Mailbox[]; accountName: (accountId: string) => string | undefined }
  /** Opens this message (a notification was clicked); a new `seq` opens it again. */
  openRequest?: { messageId: string; seq: number } | null
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
export function MailboxPane({
  mailbox,
  folderName,
  folders: own,
  elsewhere,
  openRequest,
  across,
}: MailboxPaneProps) {
  const [view, setView] = useListView(mailbox.id)
  // The default view asks main for the plain list (the same calls and query as before sorting).
  const asked = isDefaultView(view) ? undefined : view
  const pages = useMessagePages(mailbox.id, asked)
  const [cursor, setCursor] = useState(-1)
  const [openId, setOpenId] = useState<string | null>(openRequest?.messageId ?? null)
  const [requestSeen, setRequestSeen] = useState(openRequest?.seq)
  if (openRequest && openRequest.seq !== requestSeen) {
    setRequestSeen(openRequest.seq)
    setOpenId(openRequest.messageId)
    setCursor(pages.indexOf(openRequest.messageId))
  }
  // A message opened from the conversation may live in another folder (Sent): not in this list.
  const [openedFromThread, setOpenedFromThread] = useState<MessageSummary | null>(null)
  // The message whose source "View source" asked for, and the row whose context menu is open.
  const [sourceOf, setSourceOf] = useState<string | null>(null)
  const [menu, setMenu] = useState<MenuAt | null>(null)
  const [prefs] = useCommandPrefs()

  const count = pages.total ?? 0
  const openIndex = openId === null ? -1 : pages.indexOf(openId)
  const openSummary =
    (openIndex >= 0 ? pages.rowAt(openIndex) : undefined) ??
    (openedFromThread?.id === openId ? openedFromThread : undefined)
  // The keyboard acts on the row it is on, else on the open message.
  // Messages just removed stay in the list until it is read again: the keyboard's row then falls
  // back to the open message (the next one), so a second key never acts on a message already gone.
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set())
  const cursorRow = cursor >= 0 ? pages.rowAt(cursor) : undefined
  const current: MessageSummary | undefined =
    (cursorRow && !gone.has(cursorRow.id) ? cursorRow : undefined) ?? openSummary

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
    close: (removed) => {
      const next = prefs.openNextAfterRemove ? nextAfterRemoval(openIndex, removed, count, pages.rowAt) : null
      if (next) show(next.message, next.index)
      else setOpenId(null)
    },
    removed: (ids) => {
      selection.clear()
      setGone(new Set(ids))
    },
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
  function show(m: MessageSummary, index: number) {
    // Kept aside: under a filter (Unread) the open message may leave the list once it is read.
    setOpenedFromThread(m)
    setCursor(index)
    setOpenId(m.id)
    commands.markRead(m)
  }
  const open = (index: number) => {
    setGone(new Set())
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
  // The keyboard's row moved (arrows, j/k): it opens there, unless the person keeps highlight only.
  const moveTo = (index: number) => {
    setCursor(index)
    if (prefs.openOnMove && !selection.active) open(index)
  }
  const bindingsFor = (m: MessageSummary | undefined, withSelection: boolean) =>
    readerBindings({
      current: m,
      commands: commandsFor(m),
      // With a selection, the commands that act on messages act on all of it.
      bulk: withSelection ? bulk.run : null,
      bulkTransfers: true,
      move: (delta) => {
        if (count === 0) return
        moveTo(Math.max(0, Math.min(count - 1, (cursor < 0 ? -1 : cursor) + delta)))
      },
      viewSource: () => {
        if (!m) return
        setSourceOf(m.id)
        if (m.id !== openId) show(m, pages.indexOf(m.id))
      },
    })
  const onFrameKey = useCommandScope(bindingsFor(current, selection.active))
  // A right-clicked row that is part of the selection acts on the selection, any other on itself.
  const menuRow = menu ? pages.rowAt(menu.index) : undefined
  const menuBindings = menuRow && bindingsFor(menuRow, selection.active && selection.isSelected(menuRow.id))

  return (
    <div className={openId ? 'mailbox-pane-body has-open' : 'mailbox-pane-body'}>
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
          onMove={moveTo}
          onOpen={open}
          selection={selection}
          recipients={(m) => showsRecipients(across ? across.roleOf(m.mailboxId) : mailbox.role)}
          accountOf={across?.accountOf}
          onDragRow={drag.onDragRow}
          onDragEnd={drag.onDragEnd}
          emptyText={isDefaultView(view) ? undefined : 'No messages match these filters.'}
          onRowMenu={(index, at) => setMenu({ index, at })}
        />
      </div>
      <Splitter pane="list" />
      <div className="reader-column">
        {openId && <BackToList onBack={() => setOpenId(null)} />}
        {selection.active ? (
          <BulkActions
            count={selection.count}
            role={mailbox.role}
            onAction={bulk.run}
            onClear={selection.clear}
          />
        ) : openId ? (
          <MessageView
            key={sourceOf === openId ? `${openId}:source` : openId}
            sourceFirst={sourceOf === openId}
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
      {menu && menuBindings && (
        <MessageMenu at={menu.at} bindings={menuBindings} onClose={() => setMenu(null)} />
      )}
      {bulk.picker && (
        <FolderPicker
          title={bulk.picker.method === 'moveMessages' ? 'Move to…' : 'Copy to…'}
          // A unified view offers the row's own account only (its rows span accounts).
          folders={across || !elsewhere ? folders : [...folders, ...elsewhere.folders]}
          accountOf={(m) =>
            m.accountId !== mailbox.accountId ? elsewhere?.accountName(m.accountId) : undefined
          }
          excludeId={bulk.picker.method === 'moveMessages' ? mailbox.id : undefined}
          onPick={bulk.pick}
          onCancel={bulk.cancelPick}
        />
      )}
    </div>
  )
}
