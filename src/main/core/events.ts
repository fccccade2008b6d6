import type { MailEventName, MailEvents } from '../../shared/ipc/contract'

type Listener<E extends MailEventName> = (payload: MailEvents[E]) => void

/**
 * The typed event bus core services publish on. The Electron bootstrap (and the test bridge)
 * forward every event to the renderer; core never knows who listens.
 */
export interface EventBus {
  emit<E extends MailEventName>(event: E, payload: MailEvents[E]): void
  on<E extends MailEventName>(event: E, listener: Listener<E>): () => void
  /** Receives every event; used by transports that forward all of them. */
  onAny(listener: (event: MailEventName, payload: MailEvents[MailEventName]) => void): () => void
}

export function createEventBus(): EventBus {
  const listeners = new Map<MailEventName, Set<(payload: unknown) => void>>()
  const anyListeners = new Set<(event: MailEventName, payload: MailEvents[MailEventName]) => void>()
  return {
    emit(event, payload) {
      // A listener that throws must not stop the others nor the service that emitted.
      for (const l of listeners.get(event) ?? []) safely(() => l(payload))
      for (const l of anyListeners) safely(() => l(event, payload))
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
