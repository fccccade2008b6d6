import { useSyncExternalStore } from 'react'
import type { Settings } from '../../../../shared/model/settings'
import { settingsSnapshot, subscribeSettings, updateSettings, type SettingsSnapshot } from './settings-store'

/**
 * The settings hook every feature reads (documented in docs/architecture.md, "Settings"):
 *
 *   const { settings, update } = useSettings()
 *   settings.shortcutPreset   // 'default' | 'gmail'
 *   await update({ theme: 'dark' })
 *
 * Re-renders on every change (this window's or `settings:changed` from main). Defaults until
 * main answers (`loaded`).
 */
export function useSettings(): SettingsSnapshot & {
  update: (patch: Partial<Settings>) => Promise<Settings>
} {
  const snapshot = useSyncExternalStore(subscribeSettings, settingsSnapshot)
  return { ...snapshot, update: updateSettings }
}

/** One setting's value (re-renders when any setting changes; cheap). */
export function useSetting<K extends keyof Settings>(key: K): Settings[K] {
  return useSyncExternalStore(subscribeSettings, () => settingsSnapshot().settings[key])
}
