import { useState } from 'react'
import type { Mailbox, MessageSummary } from '../../../../shared/model/mail'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { mailboxLabel } from '../mailboxes'
import { MessageList, useMessagePages } from '../message-list'
import { PendingDelete } from './DeleteConfirmDialog'
import { shortcutActions } from './message-commands'
import { MessageView } from './MessageView'
import { useMessageCommands } from './use-message-commands'
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

  const count = pages.total ?? 0
  const openIndex = openId === null ? -1 : pages.indexOf(openId)
  const openSummary =
    (openIndex >= 0 ? pages.rowAt(openIndex) : undefined) ??
    (openedFromThread?.id === openId ? openedFromThread : undefined)
  // The keyboard acts on the row it is on, else on the open message.
  const current: MessageSummary | undefined = (cursor >= 0 ? pages.rowAt(cursor) : undefined) ?? openSummary

  const commands = useMessageCommands({
    patchFlags: (ids, flags) => pages.patch(ids, (row) => ({ ...row, flags: { ...row.flags, ...flags } })),
    // The folder re-reads once main has answered (its `mailbox:changed` may come later).
    settled: () => pages.refresh(),
    roleOf: (m) => (m.mailboxId === mailbox.id ? mailbox.role : undefined),
    openId,
    close: () => setOpenId(null),
  })
  const show = (m: MessageSummary, index: number) => {
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
  const commandsFor = commands.commandsFor
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
        {commands.notice && <ErrorNotice error={commands.notice} />}
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
      <PendingDelete deleting={commands.deleting} />
    </div>
  )
}
