import type { AppErrorData } from '../errors'

/** The work main does in the background; each can stop and say so (AppHealth.stopped). */
export const BACKGROUND_TASKS = [
  'mail-sync',
  'outbox',
  'pop3',
  'search-index',
  'threads',
  'contacts',
  'drafts',
  'backup',
] as const

export type BackgroundTask = (typeof BACKGROUND_TASKS)[number]

export interface StoppedTask {
  task: BackgroundTask
  /** Why it stopped: STORAGE_FAILED while the store fails, or what kept it from starting. */
  error: AppErrorData
  since: number
}

/**
 * What the app's banner shows: whether the local store reads and writes, and which background
 * work has stopped. Main keeps it (core/store/storage-health.ts), answers `getAppHealth()` and
 * pushes every change as `app:health`; a storage problem stays until main sees the store work again.
 */
export interface AppHealth {
  /** null while the store works; otherwise the STORAGE_FAILED error (detail.reason says why). */
  storage: AppErrorData | null
  stopped: StoppedTask[]
}
