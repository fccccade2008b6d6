import { useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { Mailbox, MessageSummary } from '../../../../shared/model/mail'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { errorData } from '../../lib/error-data'
import { call } from '../../lib/ipc'
import { mailboxLabel } from '../mailboxes/MailboxTree'
import { MessageList } from '../message-list/MessageList'
import { useMessagePages } from '../message-list/use-message-pages'
import { DeleteConfirmDialog } from './DeleteConfirmDialog'
import { messageCommands, shortcutActions, type RemoveMethod } from './message-commands'
import { MessageView } from './MessageView'
import { useDeleteConfirm } from './use-delete-confirm'
import { useReaderShortcuts, type ShortcutKey } from './use-reader-shortcuts'

export interface MailboxPaneProps {
  mailbox: Mailbox
  /** Folder names of the account, for messages of the conversation in other folders. */
  folderName: (mailboxId: string) => string | undefined
}

/**
 * The message list and the reading pane of one mailbox (keyed by mailbox id by the layout, so a
 * folder switch starts afresh). Actions apply to the list at once and go to main, which applies
 * them to the store and the server and reports back with `mailbox:changed`.
 */
export function MailboxPane({ mailbox, folderName }: MailboxPaneProps) {
  const pages = useMessagePages(mailbox.id)
  const [cursor, setCursor] = useState(-1)
  const [openId, setOpenId] = useState<string | null>(null)
  // A message opened from the conversation may live in another folder (Sent): not in this list.
  const [openedFromThread, setOpenedFromThread] = useState<MessageSummary | null>(null)
  const [notice, setNotice] = useState<AppErrorData | null>(null)

  const count = pages.total ?? 0
  const openIndex = openId === null ? -1 : pages.indexOf(openId)
  const openSummary =
    (openIndex >= 0 ? pages.rowAt(openIndex) : undefined) ??
    (openedFromThread?.id === openId ? openedFromThread : undefined)
  // The keyboard acts on the row it is on, else on the open message.
  const current: MessageSummary | undefined = (cursor >= 0 ? pages.rowAt(cursor) : undefined) ?? openSummary

  const act = (task: () => Promise<unknown>) => {
    setNotice(null)
    task().then(
      () => pages.refresh(),
      (err: unknown) => {
        setNotice(errorData(err))
        pages.refresh()
      },
    )
  }
  const setFlags = (m: MessageSummary, flags: { seen?: boolean; flagged?: boolean }) => {
    pages.patch([m.id], (row) => ({ ...row, flags: { ...row.flags, ...flags } }))
    act(() => call('setFlags', [m.id], flags))
  }
  const removeNow = (m: MessageSummary, method: RemoveMethod) => {
    if (m.id === openId) setOpenId(null)
    act(() => call(method, [m.id]))
  }
  const deleting = useDeleteConfirm((m) => removeNow(m, 'deleteMessages'))
  const removeWith = (m: MessageSummary, method: RemoveMethod) =>
    method === 'deleteMessages' ? deleting.request(m, mailbox.role === 'trash') : removeNow(m, method)
  const show = (m: MessageSummary, index: number) => {
    setCursor(index)
    setOpenId(m.id)
    // Reading a message marks it read (getMessage itself does not).
    if (!m.flags.seen) setFlags(m, { seen: true })
  }
  const open = (index: number) => {
    const m = pages.rowAt(index)
    if (m) show(m, index)
  }
  const openFromThread = (m: MessageSummary) => {
    setOpenedFromThread(m)
    show(m, pages.indexOf(m.id))
  }
  const commandsFor = (m: MessageSummary | undefined) =>
    messageCommands(m, {
      setFlags,
      remove: removeWith,
      setNotice,
      // Any message of the Drafts folder (another client's too) or flagged \Draft can be edited.
      isDraft: (d) => d.flags.draft || (mailbox.role === 'drafts' && d.mailboxId === mailbox.id),
    })
  const onShortcut = (key: ShortcutKey) =>
    shortcutActions(commandsFor(current), { cursor, count, setCursor })[key]()
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
        {notice && <ErrorNotice error={notice} />}
        <MessageList
          label={mailboxLabel(mailbox)}
          pages={pages}
          cursor={cursor}
          openId={openId}
          onCursor={setCursor}
          onOpen={open}
        />
      </div>
      <div className="reader-column">
        {openId ? (
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
      {deleting.pending && (
        <DeleteConfirmDialog
          message={deleting.pending}
          onDelete={deleting.confirm}
          onCancel={deleting.cancel}
        />
      )}
    </div>
  )
}
