import { useSyncExternalStore } from 'react'
import { call } from '../ipc'
import {
  commandInfo,
  isPreset,
  type CommandId,
  type PresetId,
} from '../../../../shared/commands/command-table'

/** How the keyboard behaves: the preset and the reader's two triage choices. */
export interface CommandPrefs {
  preset: PresetId
  /** Arrows and j/k open the message they move to (false: Thunderbird's highlight only). */
  openOnMove: boolean
  /** After delete, archive, junk or move, the next message opens (false: the reader empties). */
  openNextAfterRemove: boolean
}

export const DEFAULT_COMMAND_PREFS: CommandPrefs = {
  preset: 'default',
  openOnMove: true,
  openNextAfterRemove: true,
}

/** This window's own choice, kept in the renderer's local storage (no secret, nothing main needs). */
const STORAGE_KEY = 'mailroom.commands'
const listeners = new Set<() => void>()
let current: CommandPrefs | null = null

function read(): CommandPrefs {
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null')
    if (!raw || typeof raw !== 'object') return DEFAULT_COMMAND_PREFS
    const r = raw as Record<string, unknown>
    // Each field on its own: a damaged or older value falls back to the default, never throws.
    return {
      preset: isPreset(r['preset']) ? r['preset'] : DEFAULT_COMMAND_PREFS.preset,
      openOnMove: typeof r['openOnMove'] === 'boolean' ? r['openOnMove'] : DEFAULT_COMMAND_PREFS.openOnMove,
      openNextAfterRemove:
        typeof r['openNextAfterRemove'] === 'boolean'
          ? r['openNextAfterRemove']
          : DEFAULT_COMMAND_PREFS.openNextAfterRemove,
    }
  } catch {
    return DEFAULT_COMMAND_PREFS
  }
}

export function getCommandPrefs(): CommandPrefs {
  current ??= read()
  return current
}

/** Changes the choice at once everywhere it is read, and keeps it for the next start. */
export function setCommandPrefs(patch: Partial<CommandPrefs>): void {
  const before = getCommandPrefs().preset
  current = { ...getCommandPrefs(), ...patch }
  if (current.preset !== before) reportPreset(current.preset)
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(current))
  } catch {
    // Storage full or refused: the choice still holds for this session.
  }
  for (const l of listeners) l()
}

/** Forgets the cached value (tests, and a settings page that resets). */
export function reloadCommandPrefs(): void {
  current = null
  for (const l of listeners) l()
}

/** Main's application menu shows the chosen preset's keys (nothing to do where there is no main). */
export function reportPreset(preset: PresetId): void {
  if (typeof window === 'undefined' || typeof window.mail?.setKeyPreset !== 'function') return
  call('setKeyPreset', preset).catch(() => undefined)
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The choice, re-rendering when it changes: what a settings page binds its controls to. */
export function useCommandPrefs(): [CommandPrefs, (patch: Partial<CommandPrefs>) => void] {
  const prefs = useSyncExternalStore(subscribe, getCommandPrefs, getCommandPrefs)
  return [prefs, setCommandPrefs]
}

/** The first key of a command in the chosen preset (what buttons and menus show), or undefined. */
export function useCommandKeys(): (id: CommandId) => string | undefined {
  const [prefs] = useCommandPrefs()
  return (id) => commandInfo(id).keys[prefs.preset][0]
}
