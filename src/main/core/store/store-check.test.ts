import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { flipBit, rootPageOf, truncateStore } from '../../../../test/helpers/damage-store'
import { checkStoreFile, markStoreSuspect } from './store-check'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

function store(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-check-'))
  dirs.push(dir)
  const file = join(dir, 'mailroom.sqlite')
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.exec('CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT); CREATE TABLE b (id INTEGER PRIMARY KEY, v TEXT)')
  const insert = db.prepare('INSERT INTO b (v) VALUES (?)')
  db.transaction(() => {
    for (let i = 0; i < 3000; i++) insert.run(`row ${i} ${'y'.repeat(100)}`)
  })()
  db.close()
  return file
}

describe('checkStoreFile', () => {
  it('passes an intact store and says when there is none', () => {
    const file = store()
    expect(checkStoreFile(file)).toEqual({ state: 'ok' })
    expect(checkStoreFile(join(dirs[0]!, 'missing.sqlite'))).toEqual({ state: 'missing' })
  })

  it('finds a truncated store, a flipped bit, and a file that is no database', () => {
    const truncated = store()
    truncateStore(truncated)
    expect(checkStoreFile(truncated).state).toBe('damaged')
    const flipped = store()
    flipBit(flipped, rootPageOf(flipped, 'b'))
    const check = checkStoreFile(flipped)
    expect(check).toMatchObject({ state: 'damaged', problems: [expect.stringMatching(/page|malformed/i)] })
    const garbage = store()
    writeFileSync(garbage, Buffer.alloc(8192, 0x42))
    expect(checkStoreFile(garbage).state).toBe('damaged')
  })

  it('after damage was met at run time, checks thoroughly once and forgets the mark when all is well', () => {
    const file = store()
    markStoreSuspect(file, 'SQLITE_CORRUPT in a query')
    const marker = join(dirs[0]!, 'store-damaged.txt')
    expect(existsSync(marker)).toBe(true)
    expect(checkStoreFile(file)).toEqual({ state: 'ok' })
    expect(existsSync(marker)).toBe(false)
  })
})
