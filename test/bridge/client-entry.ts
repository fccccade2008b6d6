/**
 * The browser half of the test bridge: the real preload code (buildMailBridge) over HTTP instead
 * of Electron's IPC. The server authenticates us with an HttpOnly cookie it set when the page was
 * opened with the token, so this script holds no secret.
 */
import { buildMailBridge } from '../../src/preload/mail-bridge'
import { decodeWire, encodeWire } from './wire'

type Listener = (payload: unknown) => void
const listeners = new Map<string, Set<Listener>>()
let source: EventSource | undefined

function ensureEvents(): void {
  if (source) return
  source = new EventSource('/__bridge/events')
  source.onmessage = (message: MessageEvent<string>) => {
    const { channel, payload } = decodeWire(message.data) as { channel: string; payload: unknown }
    for (const l of listeners.get(channel) ?? []) l(payload)
  }
}

const mail = buildMailBridge({
  async invoke(channel, args) {
    const response = await fetch('/__bridge/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: encodeWire({ channel, args }),
    })
    return decodeWire(await response.text())
  },
  subscribe(channel, listener) {
    ensureEvents()
    let set = listeners.get(channel)
    if (!set) listeners.set(channel, (set = new Set()))
    set.add(listener)
    return () => void set.delete(listener)
  },
})

Object.defineProperty(window, 'mail', { value: mail, writable: false, configurable: false })
