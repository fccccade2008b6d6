import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import type { AppHealth } from '../../../shared/model/app-health'
import { createEventBus } from '../events'
import { openDatabase, type Db } from './database'
import { storageError } from './storage-errors'
import { createStorageHealth } from './storage-health'

const dirs: string[] = []
const dbs: Db[] = []
afterEach(() => {
  dbs.splice(0).forEach((d) => d.close())
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }))
})

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-health-'))
  dirs.push(dir)
  const db = openDatabase(join(dir, 'store.sqlite'))
  dbs.push(db)
  db.exec('CREATE TABLE filler (x BLOB)')
  const events = createEventBus()
  const pushed: AppHealth[] = []
  events.on('app:health', (h) => pushed.push(h))
  const health = createStorageHealth({ db, events, dataDir: dir, recheckMs: 60_000, minFreeBytes: 1 })
  /** A store that takes no more pages: SQLite answers SQLITE_FULL exactly as on a full disk. */
  const fill = () => {
    const pages = db.pragma('page_count', { simple: true }) as number
    db.pragma(`max_page_count = ${pages}`)
    try {
      for (;;) db.prepare('INSERT INTO filler VALUES (?)').run(Buffer.alloc(8192))
    } catch (err) {
      return err
    }
  }
  const free = () => db.pragma('max_page_count = 1073741823')
  return { db, health, pushed, fill, free }
}

describe('storage health', () => {
  it('ignores failures that are not the store’s', () => {
    const { health, pushed } = setup()
    expect(health.report('mail-sync', new AppError('CONNECTION_FAILED', 'offline'))).toBe(false)
    expect(pushed).toEqual([])
    expect(health.check()).toEqual({ storage: null, stopped: [] })
  })

  it('records a storage failure once, lists what stopped, and clears it when a probe finds the store working', () => {
    const { health, pushed, fill, free } = setup()
    const recovered: string[] = []
    health.onRecovered(() => recovered.push('resumed'))
    const err = fill()
    expect(health.report('mail-sync', err)).toBe(true)
    expect(health.report('mail-sync', err)).toBe(true)
    expect(health.report('search-index', err)).toBe(true)
    expect(pushed).toHaveLength(2)
    expect(pushed.at(-1)).toMatchObject({
      storage: { code: 'STORAGE_FAILED', detail: { reason: 'disk-full', storageCode: 'SQLITE_FULL' } },
      stopped: [{ task: 'mail-sync' }, { task: 'search-index' }],
    })
    // Still full: the probe's write fails, the state stays.
    expect(health.check().storage).not.toBeNull()
    expect(recovered).toEqual([])
    free()
    expect(health.check()).toEqual({ storage: null, stopped: [] })
    expect(pushed.at(-1)).toEqual({ storage: null, stopped: [] })
    expect(recovered).toEqual(['resumed'])
  })

  it('keeps a full disk until there is enough free space, even when a small write works', () => {
    const { db, health, fill } = setup()
    const events = createEventBus()
    const strict = createStorageHealth({
      db,
      events,
      dataDir: dirs[0]!,
      minFreeBytes: Number.MAX_SAFE_INTEGER,
    })
    strict.report(null, fill())
    db.pragma('max_page_count = 1073741823')
    expect(strict.check().storage).toMatchObject({ detail: { reason: 'disk-full' } })
    strict.close()
    health.close()
  })

  it('never declares a damaged store fixed by a write: that takes the start-up check', () => {
    const { health } = setup()
    health.report('outbox', storageError('corrupt'))
    expect(health.check().storage).toMatchObject({ detail: { reason: 'corrupt' } })
  })

  it('lists a task that could not start for another reason until it runs', () => {
    const { health, pushed } = setup()
    health.stopped('outbox', new TypeError('bug'))
    expect(pushed.at(-1)).toMatchObject({
      storage: null,
      stopped: [{ task: 'outbox', error: { code: 'INTERNAL' } }],
    })
    health.running('outbox')
    expect(pushed.at(-1)).toEqual({ storage: null, stopped: [] })
  })
})
