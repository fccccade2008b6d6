import { isMailEvent, type MailEventName, type MailEvents } from '../../shared/ipc/contract'
import type { PresetId } from '../../shared/commands/command-table'
import type { SubmissionInfo } from '../../shared/model/compose'

/**
 * Notifications between core services that the renderer does not receive (docs/architecture.md,
 * "Wiring"). A service publishes what happened; whoever needs to know subscribes in its own
 * constructor, so the publisher never knows its listeners.
 */
export interface CoreEvents {
  /** A submission server advertised its limits (SIZE) on a new connection: the composer's warning. */
  'outbox:submission-info': { accountId: string; info: SubmissionInfo }
  /** The outbox saved Sent copies on the account's server: the mail store syncs that Sent folder. */
  'outbox:sent-copies-saved': { accountId: string }
  /** The person chose another key preset: the application menu shows its keys. */
  'app:key-preset': { preset: PresetId }
}

/** Every event on the bus: the renderer's (`MailEvents`, the IPC contract) and core's own. */
export type BusEvents = MailEvents & CoreEvents
export type BusEventName = Extract<keyof BusEvents, string>

type Listener<E extends BusEventName> = (payload: BusEvents[E]) => void

/**
 * The typed event bus core services publish on. The Electron bootstrap (and the test bridge)
 * forward every renderer event (`onAny`) to the renderer; core never knows who listens.
 */
export interface EventBus {
  emit<E extends BusEventName>(event: E, payload: BusEvents[E]): void
  on<E extends BusEventName>(event: E, listener: Listener<E>): () => void
  /** Receives every renderer event (not core's own); used by transports that forward all of them. */
  onAny(listener: (event: MailEventName, payload: MailEvents[MailEventName]) => void): () => void
}

export function createEventBus(): EventBus {
  const listeners = new Map<BusEventName, Set<(payload: unknown) => void>>()
  const anyListeners = new Set<(event: MailEventName, payload: MailEvents[MailEventName]) => void>()
  return {
    emit(event, payload) {
      // A listener that throws must not stop the others nor the service that emitted.
      for (const l of listeners.get(event) ?? []) safely(() => l(payload))
      if (!isMailEvent(event)) return
      // A renderer event's name (checked above) carries a renderer event's payload.
      const forwarded = payload as MailEvents[MailEventName]
      for (const l of anyListeners) safely(() => l(event, forwarded))
    },
    on(event, listener) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      const l = listener as (payload: unknown) => void
      set.add(l)
      return () => set.delete(l)
    },
    onAny(listener) {
      anyListeners.add(listener)
      return () => anyListeners.delete(listener)
    },
  }
}

function safely(fn: () => void): void {
  try {
    fn()
  } catch (err) {
    console.error('[events] listener failed', err)
  }
}
