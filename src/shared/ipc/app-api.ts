import type { AppHealth } from '../model/app-health'
import type { AppInfo } from '../model/app-info'
import type { PresetId } from '../commands/command-table'
import { methodList } from './method-list'

/** Application-level calls: facts about the running app, and handing things to the system. */
export interface AppApi {
  getAppInfo(): Promise<AppInfo>
  /**
   * Whether the local store works and which background work has stopped (the app's banner).
   * Changes are pushed as `app:health`.
   */
  getAppHealth(): Promise<AppHealth>
  /**
   * Opens a link from a message outside the app (the system browser or mail handler). Only
   * http(s) and mailto are accepted; anything else is INVALID_INPUT (field "url").
   */
  openExternalLink(url: string): Promise<void>
  /**
   * The key preset the person chose (kept by the renderer): the application menu shows its keys.
   */
  setKeyPreset(preset: PresetId): Promise<void>
}

export const APP_METHODS = methodList<AppApi>()([
  'getAppInfo',
  'getAppHealth',
  'openExternalLink',
  'setKeyPreset',
])
