import { STORAGE_FAILURE_REASONS } from './error-reasons'
import type { AppErrorData } from './errors'

export { STORAGE_FAILURE_REASONS }

/**
 * Why the local store failed (`detail.reason` of a STORAGE_FAILED error): the closed set main
 * recognises (core/store/storage-errors.ts) and the words a person reads for each, in the banner,
 * in error notices and in the start-up dialog. Kept here so main's dialog and the renderer's error
 * table say the same thing. The list itself is part of shared/error-reasons.ts.
 */
export type StorageFailureReason = (typeof STORAGE_FAILURE_REASONS)[number]

export interface StorageWords {
  title: string
  /** What the person can do about it. */
  action: string
}

const WORDS: Record<StorageFailureReason, StorageWords> = {
  'disk-full': {
    title: 'The disk is full: Mailroom cannot save mail.',
    action:
      'Free some space on the disk. Mailroom carries on by itself once there is room; nothing queued is lost.',
  },
  'read-only': {
    title: 'Mailroom’s data folder is read-only: nothing can be saved.',
    action:
      'The disk may be mounted read-only, or the folder’s permissions changed. Make it writable again; if this message stays, restart Mailroom.',
  },
  'io-error': {
    title: 'The disk reported an error while Mailroom read or wrote its data.',
    action: 'Check the disk (it may be failing or disconnected). Mailroom tries again by itself.',
  },
  corrupt: {
    title: 'Mailroom’s local data is damaged.',
    action: 'Restart Mailroom: it checks the data at start and offers to repair it from its backup.',
  },
  'cannot-open': {
    title: 'Mailroom cannot open its local data.',
    action: 'Check that the data folder exists, is on a connected disk and can be written.',
  },
  'no-permission': {
    title: 'Mailroom is not allowed to write its local data.',
    action: 'Check the permissions of the data folder.',
  },
  busy: {
    title: 'Another program is using Mailroom’s local data.',
    action: 'Close other copies of Mailroom or programs that open its data folder, then try again.',
  },
  'newer-version': {
    title: 'The local data was written by a newer version of Mailroom.',
    action: 'Install that newer version again, or start with a new data folder.',
  },
}

export function isStorageFailureReason(value: unknown): value is StorageFailureReason {
  return typeof value === 'string' && (STORAGE_FAILURE_REASONS as readonly string[]).includes(value)
}

/** The words for a STORAGE_FAILED error with a known reason; null for anything else. */
export function storageFailureWords(error: AppErrorData): StorageWords | null {
  if (error.code !== 'STORAGE_FAILED') return null
  const reason = error.detail?.['reason']
  return isStorageFailureReason(reason) ? WORDS[reason] : null
}
