import { useEffect, useRef, useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { MailboxRole, MessageFlags, MessageSummary } from '../../../../shared/model/mail'
import { errorData } from '../../lib/error-data'
import { call } from '../../lib/ipc'
import { useSetting } from '../settings'
import { messageCommands, type RemoveMethod } from './message-commands'
import type { MessageCommands } from './MessageHeader'
import { useDeleteConfirm } from './use-delete-confirm'

export type FlagPatch = Partial<Pick<MessageFlags, 'seen' | 'flagged'>>
export type TransferMethod = 'moveMessages' | 'copyMessages'

/** main takes at most this many ids per call (ipc/schemas/mailbox-schemas.ts). */
export const IDS_PER_CALL = 10_000

/** What a list (a folder, search results) tells the commands about its rows. */
export interface MessageListPort {
  /** Shows new flags on these rows at once, before main confirms. */
  patchFlags: (ids: readonly string[], patch: FlagPatch) => void
  /** Main has answered (done or failed): a list that does not hear `mailbox:changed` re-reads. */
  settled?: () => void
  /** The role of the folder a message is in, where the list knows it. */
  roleOf: (m: MessageSummary) => MailboxRole | null | undefined
  /** The open message (closed when it is removed), and how to close it (these ids left the list). */
  openId: string | null
  close: (removed: readonly string[]) => void
  /** These messages left the list (moved, archived, deleted): a selection forgets them. */
  removed?: (ids: readonly string[]) => void
}

/** Calls a method on ids, IDS_PER_CALL at a time (one call, and one queue entry per folder, each). */
async function inChunks(ids: readonly string[], run: (chunk: string[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < ids.length; i += IDS_PER_CALL) await run(ids.slice(i, i + IDS_PER_CALL))
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
  const setFlags = (ids: readonly string[], patch: FlagPatch) => {
    if (ids.length === 0) return
    list.patchFlags(ids, patch)
    act(() => inChunks(ids, (chunk) => call('setFlags', chunk, patch)))
  }
  const closeIfAmong = (ids: readonly string[]) => {
    if (list.openId !== null && ids.includes(list.openId)) list.close(ids)
  }
  const removeNow = (ids: readonly string[], method: RemoveMethod) => {
    if (ids.length === 0) return
    closeIfAmong(ids)
    list.removed?.(ids)
    act(() => inChunks(ids, (chunk) => call(method, chunk)))
  }
  const deleting = useDeleteConfirm((ids) => removeNow(ids, 'deleteMessages'))
  /** `inTrash`: some of them are in Trash, so a delete removes them for good (asked first). */
  const remove = (ids: readonly string[], method: RemoveMethod, inTrash: boolean, one?: MessageSummary) =>
    method === 'deleteMessages' ? deleting.request({ ids, one }, inTrash) : removeNow(ids, method)
  const transfer = (ids: readonly string[], method: TransferMethod, targetMailboxId: string) => {
    if (ids.length === 0) return
    if (method === 'moveMessages') {
      closeIfAmong(ids)
      list.removed?.(ids)
    }
    act(() => inChunks(ids, (chunk) => call(method, chunk, targetMailboxId)))
  }
  const commandsFor = (m: MessageSummary | undefined): MessageCommands =>
    messageCommands(m, {
      setFlags: (one, patch) => setFlags([one.id], patch),
      remove: (one, method) => remove([one.id], method, list.roleOf(one) === 'trash', one),
      setNotice,
      // Any message of a Drafts folder (another client's too) or flagged \Draft can be edited.
      isDraft: (d) => d.flags.draft || list.roleOf(d) === 'drafts',
    })
  /**
   * Reading a message marks it read (getMessage itself does not): at once, after the seconds the
   * Settings page says (the message must stay open that long), or never.
   */
  const readDelay = useSetting('markReadAfterSeconds')
  const readTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(readTimer.current), [])
  const markRead = (m: MessageSummary) => {
    clearTimeout(readTimer.current)
    if (m.flags.seen || readDelay === null) return
    if (readDelay === 0) return setFlags([m.id], { seen: true })
    readTimer.current = setTimeout(() => setFlags([m.id], { seen: true }), readDelay * 1000)
  }
  return { notice, setNotice, act, setFlags, remove, transfer, commandsFor, markRead, deleting }
}

export type MessageCommandsState = ReturnType<typeof useMessageCommands>
