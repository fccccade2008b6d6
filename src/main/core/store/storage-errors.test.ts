import Database from 'better-sqlite3'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { storageFailureWords } from '../../../shared/storage-failure'
import { mapImapError } from '../imap/imap-errors'
import { mapPop3Error } from '../pop3/pop3-errors'
import { mapSmtpError } from '../smtp/smtp-errors'
import { openDatabase } from './database'
import { storageFailure, toErrorData } from './storage-errors'

const dirs: string[] = []
function tempFile(name = 'store.sqlite'): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-storage-'))
  dirs.push(dir)
  return join(dir, name)
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('expected a throw')
}

/** Real SQLite failures, provoked rather than imitated. */
function diskFullError(): unknown {
  const db = new Database(tempFile())
  db.exec('CREATE TABLE t (x BLOB)')
  // A page limit makes SQLite answer exactly as on a full disk: SQLITE_FULL.
  db.pragma('max_page_count = 3')
  const err = thrown(() => db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(64 * 1024)))
  db.close()
  return err
}

function readOnlyError(): unknown {
  const file = tempFile()
  new Database(file).exec('CREATE TABLE t (x)')
  const db = new Database(file, { readonly: true })
  const err = thrown(() => db.prepare('INSERT INTO t VALUES (1)').run())
  db.close()
  return err
}

function notADatabaseError(): unknown {
  const file = tempFile()
  writeFileSync(file, Buffer.alloc(8192, 0x5a))
  return thrown(() => new Database(file).pragma('journal_mode = WAL'))
}

describe('storageFailure', () => {
  it.each([
    ['a full disk (SQLITE_FULL)', diskFullError, 'disk-full', 'SQLITE_FULL'],
    ['a read-only store (SQLITE_READONLY)', readOnlyError, 'read-only', 'SQLITE_READONLY'],
    ['a file that is no database (SQLITE_NOTADB)', notADatabaseError, 'corrupt', 'SQLITE_NOTADB'],
    [
      'an I/O error (SQLITE_IOERR_WRITE)',
      () => new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_WRITE'),
      'io-error',
      'SQLITE_IOERR_WRITE',
    ],
    [
      'a damaged page (SQLITE_CORRUPT)',
      () => new Database.SqliteError('database disk image is malformed', 'SQLITE_CORRUPT'),
      'corrupt',
      'SQLITE_CORRUPT',
    ],
    [
      'a store that cannot be opened (SQLITE_CANTOPEN)',
      () => new Database.SqliteError('unable to open database file', 'SQLITE_CANTOPEN'),
      'cannot-open',
      'SQLITE_CANTOPEN',
    ],
    [
      'a write to a full device (ENOSPC)',
      () => thrown(() => writeFileSync('/dev/full', 'x')),
      'disk-full',
      'ENOSPC',
    ],
    [
      'a read-only file system (EROFS)',
      () => Object.assign(new Error('EROFS'), { code: 'EROFS', syscall: 'open', path: '/x' }),
      'read-only',
      'EROFS',
    ],
  ])('recognises %s as STORAGE_FAILED, not retried as a network failure', (_name, make, reason, code) => {
    const err = make()
    const mapped = storageFailure(err)
    expect(mapped?.toData()).toMatchObject({
      code: 'STORAGE_FAILED',
      retryable: false,
      detail: { reason, storageCode: code },
    })
    // Words a person understands, from the one table the renderer and the dialogs share.
    expect(storageFailureWords(mapped!.toData())?.title).toMatch(/disk|read-only|damaged|open/)
  })

  it('finds the failure behind an adapter that wrapped it', () => {
    const wrapped = new AppError('INTERNAL', 'Unexpected error while sending', { cause: diskFullError() })
    expect(toErrorData(wrapped)).toMatchObject({ code: 'STORAGE_FAILED', detail: { reason: 'disk-full' } })
  })

  it('leaves everything else alone: constraints are bugs, sockets are the network', () => {
    const db = new Database(tempFile())
    db.exec('CREATE TABLE t (x PRIMARY KEY)')
    db.prepare('INSERT INTO t VALUES (1)').run()
    const constraint = thrown(() => db.prepare('INSERT INTO t VALUES (1)').run())
    db.close()
    expect(storageFailure(constraint)).toBeNull()
    expect(toErrorData(constraint).code).toBe('INTERNAL')
    const refused = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
    })
    expect(storageFailure(refused)).toBeNull()
    const denied = Object.assign(new Error('connect EACCES'), { code: 'EACCES', syscall: 'connect' })
    expect(storageFailure(denied)).toBeNull()
  })
})

describe('every protocol mapper asks the recogniser first', () => {
  const where = { host: 'mail.example.test', port: 993 }
  it.each([
    ['IMAP', (e: unknown) => mapImapError(e, where)],
    ['SMTP', (e: unknown) => mapSmtpError(e, where)],
    ['POP3', (e: unknown) => mapPop3Error(e, where)],
  ])('%s: a full disk is STORAGE_FAILED, never "IMAP failed: database or disk is full"', (_p, map) => {
    const mapped = map(diskFullError())
    expect(mapped.code).toBe('STORAGE_FAILED')
    expect(mapped.retryable).toBe(false)
    expect(mapped.message).not.toMatch(/database or disk is full/)
  })
})

describe('openDatabase', () => {
  it('reports a damaged file from its first statement as STORAGE_FAILED (corrupt)', () => {
    const file = tempFile()
    writeFileSync(file, Buffer.alloc(8192, 0x5a))
    const err = thrown(() => openDatabase(file))
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).toData()).toMatchObject({
      code: 'STORAGE_FAILED',
      detail: { reason: 'corrupt' },
    })
  })
})
