/**
 * The one recogniser of storage failures: SQLite's own errors (better-sqlite3 throws `SqliteError`
 * with the result code in `code`, e.g. SQLITE_FULL, SQLITE_IOERR_WRITE) and the file-system errors
 * of the files we keep beside the store (POP3 downloads, staged bodies). Every protocol error
 * mapper asks it first, and so does the IPC envelope (`toErrorData`), so a full disk can never be
 * reported as a network error (and retried as one) by any adapter.
 */
import { AppError, toAppErrorData, type AppErrorData } from '../../../shared/errors'
import type { StorageFailureReason } from '../../../shared/storage-failure'

/** SQLite primary result codes (https://sqlite.org/rescode.html) that mean the store itself failed. */
const SQLITE_REASONS: Readonly<Record<string, StorageFailureReason>> = {
  FULL: 'disk-full',
  READONLY: 'read-only',
  IOERR: 'io-error',
  PROTOCOL: 'io-error',
  NOLFS: 'io-error',
  CORRUPT: 'corrupt',
  NOTADB: 'corrupt',
  CANTOPEN: 'cannot-open',
  PERM: 'no-permission',
  BUSY: 'busy',
  LOCKED: 'busy',
}

/** Node's file-system error codes that mean the disk, not the input, failed. */
const FS_REASONS: Readonly<Record<string, StorageFailureReason>> = {
  ENOSPC: 'disk-full',
  EDQUOT: 'disk-full',
  EROFS: 'read-only',
  EIO: 'io-error',
}

const MESSAGES: Readonly<Record<StorageFailureReason, string>> = {
  'disk-full': 'The disk is full: the local mail store cannot be written',
  'read-only': 'The local mail store is read-only: nothing can be saved',
  'io-error': 'The disk reported an error reading or writing the local mail store',
  corrupt: 'The local mail store is damaged',
  'cannot-open': 'The local mail store cannot be opened',
  'no-permission': 'The local mail store may not be written (permissions)',
  busy: 'Another program holds the local mail store',
  'newer-version': 'The local mail store was written by a newer version of the app',
}

interface CodedError {
  code?: unknown
  errno?: unknown
  syscall?: unknown
  path?: unknown
  cause?: unknown
}

function reasonOf(err: unknown): { reason: StorageFailureReason; code: string } | null {
  if (typeof err !== 'object' || err === null) return null
  const { code, syscall, path } = err as CodedError
  if (typeof code !== 'string') return null
  if (code.startsWith('SQLITE_')) {
    const primary = code.slice('SQLITE_'.length).split('_')[0] ?? ''
    const reason = SQLITE_REASONS[primary]
    return reason ? { reason, code } : null
  }
  const fs = FS_REASONS[code]
  if (fs) return { reason: fs, code }
  // EACCES/EPERM also come from sockets (connect, bind); only a file path makes them ours.
  if ((code === 'EACCES' || code === 'EPERM') && typeof path === 'string' && syscall !== 'connect') {
    return { reason: 'no-permission', code }
  }
  return null
}

/** A STORAGE_FAILED AppError for the reason (also used where the failure is found without an error). */
export function storageError(
  reason: StorageFailureReason,
  options: { cause?: unknown; code?: string; message?: string } = {},
): AppError {
  return new AppError('STORAGE_FAILED', options.message ?? MESSAGES[reason], {
    cause: options.cause,
    // A busy store frees itself; everything else needs the person (or time) first, and is
    // re-checked by the storage health monitor rather than retried like a network failure.
    retryable: reason === 'busy',
    detail: { reason, ...(options.code !== undefined ? { storageCode: options.code } : {}) },
  })
}

/**
 * The storage failure behind `err`, looking through `cause` chains (an adapter may have wrapped
 * it), or null when the store is not to blame. An AppError that already says STORAGE_FAILED is
 * returned as it is.
 */
export function storageFailure(err: unknown): AppError | null {
  let current: unknown = err
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof AppError && current.code === 'STORAGE_FAILED') return current
    const found = reasonOf(current)
    if (found) return storageError(found.reason, { cause: err, code: found.code })
    current = (current as CodedError).cause
  }
  return null
}

/**
 * Anything thrown in main as data for the renderer: a storage failure wherever it hides, else the
 * AppError's own data, else INTERNAL (shared/errors.ts). Main uses this instead of toAppErrorData.
 */
export function toErrorData(err: unknown): AppErrorData {
  return storageFailure(err)?.toData() ?? toAppErrorData(err)
}

/** True when `err` is a failure of the store (see storageFailure). */
export function isStorageFailure(err: unknown): boolean {
  return storageFailure(err) !== null
}
