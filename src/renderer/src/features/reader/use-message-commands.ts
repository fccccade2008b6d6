import { useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { MailboxRole, MessageFlags, MessageSummary } from '../../../../shared/model/mail'
import { errorData } from '../../lib/error-data'
import { call } from '../../lib/ipc'
import { messageCommands, type RemoveMethod } from './message-commands'
import type { MessageCommands } from './MessageHeader'
import { useDeleteConfirm } from './use-delete-confirm'

export type FlagPatch = Partial<Pick<MessageFlags, 'seen' | 'flagged'>>

/** What a list (a folder, search results) tells the commands about its rows. */
export interface MessageListPort {
  /** Shows new flags on these rows at once, before main confirms. */
  patchFlags: (ids: readonly string[], patch: FlagPatch) => void
  /** Main has answered (done or failed): a list that does not hear `mailbox:changed` re-reads. */
  settled?: () => void
  /** The role of the folder a message is in, where the list knows it. */
  roleOf: (m: MessageSummary) => MailboxRole | null | undefined
  /** The open message (closed when it is removed), and how to close it. */
  openId: string | null
  close: () => void
}

/**
 * The message commands every list offers, on one message or many: flags show at once and go to
 * main, which applies them to the store and queues them for the server; removals close the open
 * message; deleting from Trash (for good) asks first. One notice shows the last failure.
 */
export function useMessageCommands(list: MessageListPort) {
  const [notice, setNotice] = useState<AppErrorData | null>(null)
  const act = (task: () => Promise<unknown>) => {
    setNotice(null)
    task().then(
      () => list.settled?.(),
      (err: unknown) => {
        setNotice(errorData(err))
        list.settled?.()
      },
    )
  }
  const ids = (ms: readonly MessageSummary[]) => ms.map((m) => m.id)
  const setFlags = (ms: readonly MessageSummary[], patch: FlagPatch) => {
    if (ms.length === 0) return
    list.patchFlags(ids(ms), patch)
    act(() => call('setFlags', ids(ms), patch))
  }
  const removeNow = (ms: readonly MessageSummary[], method: RemoveMethod) => {
    if (ms.length === 0) return
    if (ms.some((m) => m.id === list.openId)) list.close()
    act(() => call(method, ids(ms)))
  }
  const deleting = useDeleteConfirm((ms) => removeNow(ms, 'deleteMessages'))
  const remove = (ms: readonly MessageSummary[], method: RemoveMethod) =>
    method === 'deleteMessages'
      ? deleting.request(
          ms,
          ms.some((m) => list.roleOf(m) === 'trash'),
        )
      : removeNow(ms, method)
  const commandsFor = (m: MessageSummary | undefined): MessageCommands =>
    messageCommands(m, {
      setFlags: (one, patch) => setFlags([one], patch),
      remove: (one, method) => remove([one], method),
      setNotice,
      // Any message of a Drafts folder (another client's too) or flagged \Draft can be edited.
      isDraft: (d) => d.flags.draft || list.roleOf(d) === 'drafts',
    })
  /** Reading a message marks it read (getMessage itself does not). */
  const markRead = (m: MessageSummary) => {
    if (!m.flags.seen) setFlags([m], { seen: true })
  }
  return { notice, setNotice, act, setFlags, remove, commandsFor, markRead, deleting }
}

export type MessageCommandsState = ReturnType<typeof useMessageCommands>
