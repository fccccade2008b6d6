import Database from 'better-sqlite3'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createEventBus } from '../events'
import { openDatabase, type Db } from './database'
import { backupStore, createBackupSchedule, listBackups } from './store-backup'
import { checkStoreFile } from './store-check'
import { createStorageHealth } from './storage-health'

const dirs: string[] = []
const dbs: Db[] = []
afterEach(() => {
  dbs.splice(0).forEach((d) => d.close())
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }))
})

function store(): { db: Db; dir: string; backups: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-backup-'))
  dirs.push(dir)
  const db = openDatabase(join(dir, 'mailroom.sqlite'))
  dbs.push(db)
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)')
  const insert = db.prepare('INSERT INTO notes (body) VALUES (?)')
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`note ${i} ${'x'.repeat(200)}`)
  })()
  return { db, dir, backups: join(dir, 'backups') }
}

describe('the rolling backup', () => {
  it('copies the store while it is in use, checks the copy, and keeps the newest two', async () => {
    const { db, backups } = store()
    const first = await backupStore(db, backups, { now: 1_000_000_000_000 })
    db.prepare('INSERT INTO notes (body) VALUES (?)').run('after the first backup')
    await backupStore(db, backups, { now: 1_000_000_000_001 })
    const third = await backupStore(db, backups, { now: 1_000_000_000_002 })
    expect(listBackups(backups).map((b) => b.takenAt)).toEqual([1_000_000_000_002, 1_000_000_000_001])
    expect(existsSync(first.file)).toBe(false)
    expect(checkStoreFile(third.file)).toEqual({ state: 'ok' })
    const copy = new Database(third.file, { readonly: true })
    expect(copy.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(2001)
    copy.close()
    expect(readdirSync(backups).filter((n) => n.endsWith('.part'))).toEqual([])
  })

  it('ignores files that are not its backups', () => {
    const { backups } = store()
    expect(listBackups(backups)).toEqual([])
    rmSync(backups, { recursive: true, force: true })
    dirs.push(backups)
    mkdirSync(backups)
    writeFileSync(join(backups, 'notes.txt'), 'x')
    writeFileSync(join(backups, 'mailroom-1.sqlite'), 'x')
    expect(listBackups(backups)).toEqual([])
  })

  it('takes one when none is recent, not before the first delay, and says so when it fails', async () => {
    const { db, dir, backups } = store()
    const events = createEventBus()
    const health = createStorageHealth({ db, events, dataDir: dir })
    const schedule = createBackupSchedule({ db, dir: backups, health, firstDelayMs: 20, everyMs: 3_600_000 })
    await new Promise((r) => setTimeout(r, 400))
    expect(listBackups(backups)).toHaveLength(1)
    await schedule.stop()

    // A backup that cannot be written (the folder is a file) is listed as stopped, not as a failed store.
    const blocked = join(dir, 'blocked')
    writeFileSync(blocked, 'not a folder')
    const failing = createBackupSchedule({ db, dir: blocked, health, firstDelayMs: 60_000 })
    expect(await failing.runNow()).toBeNull()
    expect(health.state()).toMatchObject({ storage: null, stopped: [{ task: 'backup' }] })
    await failing.stop()
    health.close()
  })
})
