/**
 * Whether the local store works, and which background work has stopped: the state behind the
 * app's banner. Background passes (sync, outbox, POP3, search index, ...) report their failures
 * here; a storage failure is recorded once, pushed to the renderer as `app:health`, and the store
 * is then probed every `recheckMs` (a small write, and for a full disk enough free space) until
 * it works again, when the stopped passes are told to resume.
 */
import { statfsSync } from 'node:fs'
import type { AppErrorData } from '../../../shared/errors'
import type { AppHealth, BackgroundTask, StoppedTask } from '../../../shared/model/app-health'
import type { EventBus } from '../events'
import { join } from 'node:path'
import { STORE_FILE, type Db } from './database'
import { storageFailure, toErrorData } from './storage-errors'
import { markStoreSuspect } from './store-check'

/** What background tasks need: report a failure, say they stopped or run, hear of recovery. */
export interface TaskHealth {
  /**
   * Records `err` when it is a storage failure (the banner shows it; `task`, if given, is listed
   * as stopped until the store works again) and returns true; returns false for anything else.
   */
  report(task: BackgroundTask | null, err: unknown): boolean
  /**
   * The task stopped, or could not start: listed until `running(task)` (or, for a storage
   * failure, until the store works again). `storeFailed` false lists it without declaring the
   * store failed: a backup that found no room while the store itself still works.
   */
  stopped(task: BackgroundTask, err: unknown, storeFailed?: boolean): void
  running(task: BackgroundTask): void
  /** Called once each time the store works again after a failure. */
  onRecovered(listener: () => void): () => void
}

export interface StorageHealth extends TaskHealth {
  state(): AppHealth
  /** Probes the store now (also done at start-up) and returns the state. */
  check(): AppHealth
  close(): void
}

export interface StorageHealthDeps {
  db: Db
  events: EventBus
  /** The folder the store lives in (free space is read there). */
  dataDir: string
  /** How often a failed store is probed again (default 15 s). */
  recheckMs?: number
  /** A full disk counts as fixed only with this much free space (default 8 MiB). */
  minFreeBytes?: number
  now?: () => number
}

export const DEFAULT_RECHECK_MS = 15_000
export const DEFAULT_MIN_FREE_BYTES = 8 * 1024 * 1024

export function createStorageHealth(deps: StorageHealthDeps): StorageHealth {
  const now = deps.now ?? Date.now
  const recheckMs = deps.recheckMs ?? DEFAULT_RECHECK_MS
  const minFree = deps.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES
  let storage: AppErrorData | null = null
  const stopped = new Map<BackgroundTask, StoppedTask>()
  const recovered = new Set<() => void>()
  let timer: NodeJS.Timeout | undefined
  let closed = false

  const state = (): AppHealth => ({ storage, stopped: [...stopped.values()] })
  const publish = () => deps.events.emit('app:health', state())

  function armRecheck(): void {
    if (timer || closed) return
    timer = setInterval(() => health.check(), recheckMs)
    timer.unref()
  }

  /**
   * A tiny write proves the store takes writes again (read-only, I/O errors). A full disk can
   * still take one (SQLite reuses WAL frames), so that case also needs free space. A damaged
   * store is never declared fixed by a write: restarting runs the integrity check and repair.
   */
  function probe(): void {
    deps.db.transaction(() => {
      deps.db.exec('CREATE TABLE IF NOT EXISTS store_probe (id INTEGER PRIMARY KEY, at INTEGER NOT NULL)')
      deps.db.prepare('INSERT OR REPLACE INTO store_probe (id, at) VALUES (1, ?)').run(now())
    })()
  }

  function enoughSpace(): boolean {
    try {
      const s = statfsSync(deps.dataDir)
      return s.bavail * s.bsize >= minFree
    } catch {
      return true // no statfs here: the write probe decides alone
    }
  }

  function recover(): void {
    storage = null
    for (const [task, entry] of stopped) if (entry.error.code === 'STORAGE_FAILED') stopped.delete(task)
    clearInterval(timer)
    timer = undefined
    publish()
    for (const listener of [...recovered]) {
      try {
        listener()
      } catch (err) {
        console.error('[storage] a task failed to resume', err)
      }
    }
  }

  const health: StorageHealth = {
    state,
    report(task, err) {
      const failure = storageFailure(err)
      if (!failure) return false
      const data = failure.toData()
      let changed = false
      if (storage?.detail?.['reason'] !== data.detail?.['reason']) {
        if (storage === null) console.warn('[storage] the local store failed', err)
        // The next start then runs the full integrity check (and offers the repair).
        if (data.detail?.['reason'] === 'corrupt')
          markStoreSuspect(join(deps.dataDir, STORE_FILE), data.message)
        storage = data
        changed = true
      }
      if (task && stopped.get(task)?.error.code !== 'STORAGE_FAILED') {
        stopped.set(task, { task, error: data, since: now() })
        changed = true
      }
      if (changed) publish()
      armRecheck()
      return true
    },
    stopped(task, err, storeFailed = true) {
      if (storeFailed && health.report(task, err)) return
      console.error(`[${task}] stopped`, err)
      stopped.set(task, { task, error: toErrorData(err), since: now() })
      publish()
    },
    running(task) {
      const entry = stopped.get(task)
      // An entry from a failed store goes when the store works again (recover), not before.
      if (!entry || (entry.error.code === 'STORAGE_FAILED' && storage !== null)) return
      stopped.delete(task)
      publish()
    },
    onRecovered(listener) {
      recovered.add(listener)
      return () => recovered.delete(listener)
    },
    check() {
      if (closed) return state()
      try {
        probe()
      } catch (err) {
        if (!health.report(null, err)) console.error('[storage] probe failed', err)
        return state()
      }
      const reason = storage?.detail?.['reason']
      if (storage !== null && reason !== 'corrupt' && (reason !== 'disk-full' || enoughSpace())) recover()
      return state()
    },
    close() {
      closed = true
      clearInterval(timer)
      recovered.clear()
    },
  }
  return health
}
