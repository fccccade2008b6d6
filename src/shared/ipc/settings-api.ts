import type { Settings, SettingsState } from '../model/settings'
import { methodList } from './method-list'

/** The Settings page, and what the platform does for appearance (zoom, print). */
export interface SettingsApi {
  getSettings(): Promise<SettingsState>
  /** Changes some settings; answers with all of them. Pushed to every window as `settings:changed`. */
  updateSettings(patch: Partial<Settings>): Promise<Settings>
  /**
   * Prints the window (Electron's webContents.print, with the print stylesheet). Answers false
   * where the platform has no printing of its own (the browser preview prints with window.print).
   */
  printWindow(): Promise<boolean>
}

export const SETTINGS_METHODS = methodList<SettingsApi>()(['getSettings', 'updateSettings', 'printWindow'])
