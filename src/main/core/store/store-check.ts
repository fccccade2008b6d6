/**
 * The start-up integrity check of the local store: `PRAGMA quick_check` (O(N) like
 * integrity_check but without the index-content cross-checks: about 60 ms for a 60 MB store of
 * 100,000 messages on the build machine). After a damaged page was met while the app ran (a
 * marker file says so) the full `integrity_check` runs instead.
 */
import Database from 'better-sqlite3'
import { accessSync, constants, existsSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { AppError } from '../../../shared/errors'
import { storageError, storageFailure } from './storage-errors'

export type StoreCheck =
  | { state: 'ok' }
  | { state: 'missing' }
  /** `problems`: SQLite's own words (the first few lines of the check, or the open error). */
  | { state: 'damaged'; problems: string[] }

const SUSPECT_MARKER = 'store-damaged.txt'

/** Remembers that a damaged page was met at run time, so the next start checks thoroughly. */
export function markStoreSuspect(storeFile: string, why: string): void {
  try {
    writeFileSync(join(dirname(storeFile), SUSPECT_MARKER), `${new Date().toISOString()} ${why}\n`)
  } catch {
    // A disk that takes no file at all fails the next start's check anyway.
  }
}

/**
 * Checks the store file. A damaged file (SQLITE_CORRUPT, SQLITE_NOTADB, or problems reported by
 * the check) is `damaged`; a file that cannot be read at all for other reasons (a read-only folder
 * without its WAL index, an I/O error, permissions) throws its STORAGE_FAILED error instead: no
 * repair can help there, the person has to fix the disk.
 */
export function checkStoreFile(file: string): StoreCheck {
  if (!existsSync(file)) return { state: 'missing' }
  const marker = join(dirname(file), SUSPECT_MARKER)
  const thorough = existsSync(marker)
  let db: Database.Database | undefined
  try {
    db = new Database(file, { fileMustExist: true })
    const rows = db.pragma(thorough ? 'integrity_check(20)' : 'quick_check(20)') as Record<string, string>[]
    const problems = rows.map((r) => Object.values(r)[0] ?? '').filter((p) => p !== 'ok')
    if (problems.length > 0) return { state: 'damaged', problems }
    if (thorough) rmSync(marker, { force: true })
    return { state: 'ok' }
  } catch (err) {
    const failure: AppError = storageFailure(err) ?? storageError('cannot-open', { cause: err })
    if (failure.detail?.['reason'] === 'corrupt') {
      return { state: 'damaged', problems: [err instanceof Error ? err.message : String(err)] }
    }
    throw failure.detail?.['reason'] === 'cannot-open' ? (whyNotWritable(file, err) ?? failure) : failure
  } finally {
    db?.close()
  }
}

/**
 * SQLite says only "unable to open" when a WAL store sits in a folder it may not write (it needs
 * its -shm file there): name the reason when the folder is read-only or not ours to write.
 */
function whyNotWritable(file: string, cause: unknown): AppError | null {
  try {
    accessSync(dirname(file), constants.W_OK)
    return null
  } catch (err) {
    const code = (err as { code?: unknown }).code
    if (code === 'EROFS') return storageError('read-only', { cause, code: 'EROFS' })
    if (code === 'EACCES' || code === 'EPERM') return storageError('no-permission', { cause, code })
    return null
  }
}
