import {
  MAIL_EVENTS,
  MAIL_METHODS,
  channelFor,
  eventChannelFor,
  isMailEvent,
  type MailBridge,
} from '../shared/ipc/contract'

/** What the bridge needs from a transport: Electron's ipcRenderer, or the test bridge's HTTP client. */
export interface BridgeTransport {
  invoke(channel: string, args: unknown[]): Promise<unknown>
  subscribe(channel: string, listener: (payload: unknown) => void): () => void
}

/**
 * Builds `window.mail`: one function per contract method and `on(event)` for push events.
 * Nothing else is exposed (no raw channel access), so a compromised renderer can only call the
 * methods main validates anyway.
 */
export function buildMailBridge(transport: BridgeTransport): MailBridge {
  const api: Record<string, unknown> = {}
  for (const method of MAIL_METHODS) {
    const channel = channelFor(method)
    api[method] = (...args: unknown[]) => transport.invoke(channel, args)
  }
  api['on'] = (event: string, listener: (payload: unknown) => void) => {
    if (typeof event !== 'string' || !isMailEvent(event)) {
      throw new TypeError(`Unknown event "${String(event)}"; known: ${MAIL_EVENTS.join(', ')}`)
    }
    if (typeof listener !== 'function') throw new TypeError('listener must be a function')
    return transport.subscribe(eventChannelFor(event), listener)
  }
  return Object.freeze(api) as MailBridge
}
