/**
 * The renderer's copy of the settings: one per window, loaded once, kept current by
 * `settings:changed` (a change in this window or another), read by useSettings().
 */
import { DEFAULT_SETTINGS, type DisplayCapabilities, type Settings } from '../../../../shared/model/settings'
import { call, onMailEvent } from '../../lib/ipc'

export interface SettingsSnapshot {
  settings: Settings
  capabilities: DisplayCapabilities
  /** False until main answered (the defaults are shown meanwhile). */
  loaded: boolean
}

const INITIAL: SettingsSnapshot = {
  settings: DEFAULT_SETTINGS,
  capabilities: { nativeZoom: false, nativePrint: false },
  loaded: false,
}

interface Store {
  bridge: unknown
  snapshot: SettingsSnapshot
  listeners: Set<() => void>
}

let store: Store | null = null

/** The store of the current bridge (a DOM test installs a new fake bridge: a fresh store). */
function current(): Store {
  if (store && store.bridge === window.mail) return store
  const s: Store = { bridge: window.mail, snapshot: INITIAL, listeners: new Set() }
  store = s
  const set = (next: Partial<SettingsSnapshot>) => {
    if (store !== s) return
    s.snapshot = { ...s.snapshot, ...next }
    s.listeners.forEach((l) => l())
  }
  onMailEvent('settings:changed', ({ settings }) => set({ settings, loaded: true }))
  call('getSettings')
    .then((state) => set({ ...state, loaded: true }))
    // Without settings the app still works: the defaults apply (and the Settings page says so).
    .catch(() => set({ loaded: true }))
  return s
}

export function subscribeSettings(listener: () => void): () => void {
  const s = current()
  s.listeners.add(listener)
  return () => s.listeners.delete(listener)
}

export function settingsSnapshot(): SettingsSnapshot {
  return current().snapshot
}

/**
 * Changes settings: shown at once, then saved by main (whose answer is the truth). A refusal
 * puts the previous values back and rejects with main's error.
 */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const s = current()
  const before = s.snapshot.settings
  const apply = (settings: Settings) => {
    if (store !== s) return
    s.snapshot = { ...s.snapshot, settings }
    s.listeners.forEach((l) => l())
  }
  apply({ ...before, ...patch })
  try {
    const saved = await call('updateSettings', patch)
    apply(saved)
    return saved
  } catch (err) {
    apply(before)
    throw err
  }
}
