/**
 * Real damage to a real store file, for the start-up check and repair tests: the file cut short
 * (a crash of the disk or a copy that did not finish) and one bit flipped in a page (bad RAM, a
 * failing disk). The store must be closed first (its WAL checkpointed into the file).
 */
import Database from 'better-sqlite3'
import { openSync, readSync, closeSync, truncateSync, writeSync, statSync } from 'node:fs'

function pageSize(file: string): number {
  const db = new Database(file, { readonly: true })
  try {
    return db.pragma('page_size', { simple: true }) as number
  } finally {
    db.close()
  }
}

/** Cuts the file to its first half (whole pages): every page after that is gone. */
export function truncateStore(file: string): void {
  const size = pageSize(file)
  const pages = Math.floor(statSync(file).size / size)
  truncateSync(file, Math.max(2, Math.floor(pages / 2)) * size)
}

/** The first page of a table's b-tree (its root page), read from the schema. */
export function rootPageOf(file: string, table: string): number {
  const db = new Database(file, { readonly: true })
  try {
    const row = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as
      { rootpage: number } | undefined
    if (!row) throw new Error(`no table ${table}`)
    return row.rootpage
  } finally {
    db.close()
  }
}

/**
 * Flips one bit of the b-tree page header of `page` (its first byte, the page type: 13 for a
 * table leaf becomes 15, which no page may be), as a failing disk or memory would.
 */
export function flipBit(file: string, page: number, bit = 1): void {
  const size = pageSize(file)
  // Page 1 starts with the 100-byte file header; its b-tree header follows it.
  const offset = (page - 1) * size + (page === 1 ? 100 : 0)
  const fd = openSync(file, 'r+')
  try {
    const b = Buffer.alloc(1)
    readSync(fd, b, 0, 1, offset)
    b[0] = b[0]! ^ (1 << bit)
    writeSync(fd, b, 0, 1, offset)
  } finally {
    closeSync(fd)
  }
}
