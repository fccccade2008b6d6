/**
 * The Sent list's delivery badges, asked for in batches: every row that shows asks for its
 * Message-ID, and the asks of one render go to main as one call. Answers are kept until a report
 * changes them (delivery:changed), when the rows showing those messages ask again.
 */
import type { SentState } from '../../../../shared/mail/sent-state'
import { call, onMailEvent } from '../../lib/ipc'

type Listener = () => void

const known = new Map<string, SentState | null>()
const listeners = new Map<string, Set<Listener>>()
let pending = new Set<string>()
let scheduled = false
let subscribed = false

function notify(ids: Iterable<string>): void {
  for (const id of ids) for (const l of listeners.get(id) ?? []) l()
}

function flush(): void {
  scheduled = false
  const ids = [...pending]
  pending = new Set()
  if (ids.length === 0) return
  call('getSentStates', ids).then(
    (states) => {
      for (const id of ids) known.set(id, states[id] ?? null)
      notify(ids)
    },
    () => {
      // Asked again the next time the row shows.
      for (const id of ids) known.delete(id)
    },
  )
}

function ask(id: string): void {
  pending.add(id)
  if (!scheduled) {
    scheduled = true
    queueMicrotask(flush)
  }
}

function subscribeOnce(): void {
  if (subscribed) return
  subscribed = true
  onMailEvent('delivery:changed', ({ messageIds }) => {
    for (const id of messageIds) {
      known.delete(id)
      if (listeners.get(id)?.size) ask(id)
    }
  })
}

/** The badge state for a Message-ID: undefined while unknown (asked), null when there is none. */
export function sentStateOf(id: string): SentState | null | undefined {
  subscribeOnce()
  if (!known.has(id) && !pending.has(id)) ask(id)
  return known.get(id)
}

export function watchSentState(id: string, listener: Listener): () => void {
  let set = listeners.get(id)
  if (!set) listeners.set(id, (set = new Set()))
  set.add(listener)
  return () => {
    set.delete(listener)
    if (set.size === 0) listeners.delete(id)
  }
}

/** Tests: forget everything (a new fake window.mail). */
export function resetSentStates(): void {
  known.clear()
  listeners.clear()
  pending = new Set()
  scheduled = false
  subscribed = false
}
