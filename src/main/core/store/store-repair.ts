/**
 * The file operations of repairing a damaged store (the start-up choice, src/main/start-app.ts):
 * the damaged file is kept aside, never deleted; a backup is copied into place; rows that can
 * still be read are copied out of the damaged file.
 */
import Database from 'better-sqlite3'
import { copyFileSync, existsSync, renameSync } from 'node:fs'
import type { Db } from './database'

const SIDE_FILES = ['', '-wal', '-shm'] as const

/**
 * Renames the damaged store and its WAL files to `<file>.damaged-<time>` (the WAL follows the
 * new name, so what it holds stays readable for salvage). Returns the new name.
 */
export function setAside(file: string, now = Date.now()): string {
  const kept = `${file}.damaged-${new Date(now).toISOString().replace(/[:.]/g, '-')}`
  for (const suffix of SIDE_FILES) {
    if (existsSync(file + suffix)) renameSync(file + suffix, kept + suffix)
  }
  return kept
}

/** Puts a copy of `backupFile` in place as the store (copied beside it first, then renamed). */
export function restoreFrom(backupFile: string, file: string): void {
  copyFileSync(backupFile, `${file}.restoring`)
  renameSync(`${file}.restoring`, file)
}

export interface SalvageReport {
  /** Rows copied per table (a table that failed midway keeps what was read before). */
  copied: Record<string, number>
  /** Tables that could not be read at all. */
  unreadable: string[]
}

/**
 * Copies the rows of `tables` (in this order: parents first) that can still be read from the
 * damaged file into `db`, replacing rows with the same key: the damaged file holds the newest
 * version of what it still holds. Foreign keys are off meanwhile (a row may arrive before its
 * parent, or without it); rows left without a parent are removed afterwards.
 */
export function salvageRows(db: Db, damagedFile: string, tables: readonly string[]): SalvageReport {
  const report: SalvageReport = { copied: {}, unreadable: [] }
  let source: Database.Database
  try {
    source = new Database(damagedFile, { readonly: true, fileMustExist: true })
  } catch {
    return { copied: {}, unreadable: [...tables] }
  }
  db.pragma('foreign_keys = OFF')
  try {
    for (const table of tables) {
      const n = copyTable(db, source, table)
      if (n === null) report.unreadable.push(table)
      else report.copied[table] = n
    }
    removeOrphans(db)
  } finally {
    db.pragma('foreign_keys = ON')
    source.close()
  }
  return report
}

function columnsOf(db: Database.Database, table: string): string[] {
  return (db.pragma(`table_info(${quote(table)})`) as { name: string }[]).map((c) => c.name)
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`

function copyTable(db: Db, source: Database.Database, table: string): number | null {
  let rows: IterableIterator<unknown[]>
  let columns: string[]
  try {
    const here = new Set(columnsOf(db, table))
    columns = columnsOf(source, table).filter((c) => here.has(c))
    if (columns.length === 0) return null
    rows = source
      .prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)}`)
      .raw()
      .iterate() as IterableIterator<unknown[]>
  } catch {
    return null
  }
  const insert = db.prepare(
    `INSERT OR REPLACE INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  )
  let copied = 0
  db.transaction(() => {
    try {
      for (const row of rows) {
        insert.run(row)
        copied++
      }
    } catch {
      // A damaged page ends the table here: what was read before it is kept.
    }
  })()
  return copied
}

function removeOrphans(db: Db): void {
  const orphans = db.pragma('foreign_key_check') as { table: string; rowid: number | null }[]
  const byTable = new Map<string, number[]>()
  for (const o of orphans) {
    if (o.rowid !== null) byTable.set(o.table, [...(byTable.get(o.table) ?? []), o.rowid])
  }
  for (const [table, rowids] of byTable) {
    const del = db.prepare(`DELETE FROM ${quote(table)} WHERE rowid = ?`)
    db.transaction(() => rowids.forEach((r) => del.run(r)))()
  }
}
