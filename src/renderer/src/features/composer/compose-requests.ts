import { useEffect, useRef } from 'react'
import type { Draft, ReplyKind } from '../../../../shared/model/compose'
import { call, onMailEvent } from '../../lib/ipc'

/**
 * Opening the composer from elsewhere in the app (the reader's Reply, Reply all, Forward, Edit draft). The
 * composer lives in the app header (ComposeEntry); a small channel rather than a context keeps
 * App.tsx unaware of it, as window events keep main's push events apart from the tree.
 */
type Listener = (draft: Draft) => void
const listeners = new Set<Listener>()

/** Shows the draft in the composer. */
export function openInComposer(draft: Draft): void {
  for (const l of listeners) l(draft)
}

/** Main makes the reply or forward (threading headers, quote, attachments); the composer opens it. */
export async function startReply(messageId: string, kind: ReplyKind): Promise<void> {
  openInComposer(await call('createReply', messageId, kind))
}

/** A message of the Drafts folder (made here or by another client) opens in the composer. */
export async function editDraft(messageId: string): Promise<void> {
  openInComposer(await call('editDraftMessage', messageId))
}

/** The composer's side: called with every draft someone asks to open, here or in main. */
export function useComposeRequests(onOpen: Listener): void {
  const latest = useRef(onOpen)
  useEffect(() => {
    latest.current = onOpen
  })
  useEffect(() => {
    const listener: Listener = (d) => latest.current(d)
    listeners.add(listener)
    // Drafts main made for the person (a mailto: link from another program).
    const off = onMailEvent('compose:open', ({ draft }) => latest.current(draft))
    return () => {
      listeners.delete(listener)
      off()
    }
  }, [])
}
