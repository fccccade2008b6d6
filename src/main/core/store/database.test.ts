import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { migrate, openDatabase, type Migration } from './database'

const dirs: string[] = []
function tempDb() {
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-db-'))
  dirs.push(dir)
  return join(dir, 'store.sqlite')
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

const v1: Migration = {
  version: 1,
  description: 'notes',
  up: (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)'),
}
const v2: Migration = {
  version: 2,
  description: 'notes.title',
  up: (db) => db.exec('ALTER TABLE notes ADD COLUMN title TEXT'),
}

describe('openDatabase', () => {
  it('uses WAL and enforces foreign keys', () => {
    const db = openDatabase(tempDb())
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    db.close()
  })
  it('has FTS5 for search', () => {
    const db = openDatabase(tempDb())
    db.exec("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 2')")
    db.prepare('INSERT INTO t (body) VALUES (?)').run('Überblick über die Woche')
    expect(db.prepare("SELECT count(*) AS n FROM t WHERE t MATCH 'uberblick'").get()).toEqual({ n: 1 })
    db.close()
  })
  it('reports a store that cannot be opened as STORAGE_FAILED', () => {
    expect(() => openDatabase('/nonexistent-dir/x/store.sqlite')).toThrow(AppError)
  })
})

describe('migrate', () => {
  it('applies pending migrations once, in order, and survives a reopen', () => {
    const file = tempDb()
    let db = openDatabase(file)
    migrate(db, 'notes', [v1])
    db.prepare('INSERT INTO notes (body) VALUES (?)').run('kept')
    db.close()
    db = openDatabase(file)
    migrate(db, 'notes', [v2, v1])
    migrate(db, 'notes', [v1, v2])
    expect(db.prepare('SELECT body, title FROM notes').all()).toEqual([{ body: 'kept', title: null }])
    expect(db.prepare("SELECT version FROM schema_migrations WHERE feature = 'notes'").pluck().all()).toEqual(
      [1, 2],
    )
    db.close()
  })

  it('keeps features apart', () => {
    const db = openDatabase(tempDb())
    migrate(db, 'a', [v1])
    expect(() => migrate(db, 'b', [v1])).toThrow(/already exists/)
    expect(db.prepare("SELECT count(*) FROM schema_migrations WHERE feature = 'b'").pluck().get()).toBe(0)
    db.close()
  })

  it('rolls back a failing migration entirely', () => {
    const db = openDatabase(tempDb())
    const bad: Migration = {
      version: 1,
      description: 'half',
      up: (d) => {
        d.exec('CREATE TABLE half (x)')
        d.exec('THIS IS NOT SQL')
      },
    }
    expect(() => migrate(db, 'bad', [bad])).toThrow()
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0)
    db.close()
  })

  it('refuses a store written by a newer app version', () => {
    const db = openDatabase(tempDb())
    migrate(db, 'notes', [v1, v2])
    expect(() => migrate(db, 'notes', [v1])).toThrow(/newer version/)
    db.close()
  })

  it('refuses gaps in version numbers', () => {
    const db = openDatabase(tempDb())
    expect(() => migrate(db, 'gap', [v2])).toThrow(/without gaps/)
    db.close()
  })
})
