/**
 * The rolling backup of the local store, for the repair offered at start-up when the store is
 * damaged: what exists only here (POP3 mail, local folders, drafts, the outbox, the accounts)
 * comes back from it. Taken once a day with SQLite's online backup (better-sqlite3 `db.backup()`,
 * 100 pages per turn of the event loop, so the app keeps answering), checked with quick_check,
 * and only then given its final name; the newest `keep` stay.
 */
import Database from 'better-sqlite3'
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { TaskHealth } from './storage-health'
import type { Db } from './database'
import { storageError } from './storage-errors'

export interface BackupInfo {
  file: string
  takenAt: number
  bytes: number
}

const NAME = /^mailroom-(\d{13})\.sqlite$/
export const BACKUP_DIR = 'backups'
export const DAY_MS = 24 * 3600_000

/** The backups in `dir`, newest first. */
export function listBackups(dir: string): BackupInfo[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  const out: BackupInfo[] = []
  for (const name of names) {
    const m = NAME.exec(name)
    if (!m) continue
    const file = join(dir, name)
    out.push({ file, takenAt: Number(m[1]), bytes: statSync(file).size })
  }
  return out.sort((a, b) => b.takenAt - a.takenAt)
}

/** Takes a backup of `db` into `dir` now; the oldest beyond `keep` are removed. */
export async function backupStore(
  db: Db,
  dir: string,
  opts: { keep?: number; now?: number } = {},
): Promise<BackupInfo> {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const takenAt = opts.now ?? Date.now()
  const file = join(dir, `mailroom-${takenAt}.sqlite`)
  const part = `${file}.part`
  try {
    await db.backup(part)
    const check = new Database(part, { fileMustExist: true })
    try {
      const result = check.pragma('quick_check', { simple: true })
      // A copy of a damaged store is no backup: the previous one stays the one to restore.
      if (result !== 'ok')
        throw storageError('corrupt', { message: `The backup failed its check: ${String(result)}` })
    } finally {
      check.close()
    }
    renameSync(part, file)
  } catch (err) {
    rmSync(part, { force: true }) // a half-written copy must not fill the disk
    throw err
  }
  for (const old of listBackups(dir).slice(opts.keep ?? 2)) rmSync(old.file, { force: true })
  return { file, takenAt, bytes: statSync(file).size }
}

export interface BackupSchedule {
  /** Takes one now (tests; the schedule does it by itself). */
  runNow(): Promise<BackupInfo | null>
  /** No more backups; waits for one that is being taken (the connection must stay open for it). */
  stop(): Promise<void>
}

export interface BackupScheduleOptions {
  db: Db
  dir: string
  health?: TaskHealth
  /** One backup per this long (default a day). */
  everyMs?: number
  /** Never sooner than this after start-up: the first sync has the disk and CPU (default 10 min). */
  firstDelayMs?: number
  keep?: number
  now?: () => number
}

/** Takes a backup whenever the newest is older than `everyMs`, checked at start and after each one. */
export function createBackupSchedule(opts: BackupScheduleOptions): BackupSchedule {
  const now = opts.now ?? Date.now
  const every = opts.everyMs ?? DAY_MS
  let timer: NodeJS.Timeout | undefined
  let running: Promise<BackupInfo | null> | null = null
  let stopped = false

  function arm(minDelay: number): void {
    if (stopped) return
    clearTimeout(timer)
    const newest = listBackups(opts.dir)[0]
    const due = newest ? newest.takenAt + every - now() : 0
    timer = setTimeout(() => void run(), Math.max(minDelay, due))
    timer.unref()
  }

  function run(): Promise<BackupInfo | null> {
    running ??= backupStore(opts.db, opts.dir, { keep: opts.keep, now: now() })
      .then((info) => {
        opts.health?.running('backup')
        return info
      })
      .catch((err: unknown) => {
        // Listed in the banner, but not as a failed store: the store itself may well still work.
        if (opts.health) opts.health.stopped('backup', err, false)
        else console.error('[backup] failed', err)
        return null
      })
      .finally(() => {
        running = null
        // After a failure, the next try in an hour rather than a day.
        arm(Math.min(every, 3600_000))
      })
    return running
  }

  arm(opts.firstDelayMs ?? 10 * 60_000)
  return {
    runNow: run,
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}
