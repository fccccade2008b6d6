import { closeSync, openSync, readSync } from 'node:fs'
import { Readable } from 'node:stream'
import type { Db } from './database'

/** Raw sources are stored in chunks of this size, so no message has to sit in memory whole. */
export const SOURCE_CHUNK_BYTES = 256 * 1024

/**
 * Raw RFC 5322 sources as BLOB chunks in SQLite. Why not files in the data folder: a chunk row
 * commits in the same transaction as its message row (and as a POP3 caller's own bookkeeping), so
 * a crash can never leave a message without its source or a source without its message, and the
 * store stays one file to back up. Why chunks: better-sqlite3 has no incremental BLOB I/O, so a
 * single BLOB would have to be built in memory whole; chunks keep memory bounded both ways.
 */
export function createSourceRepo(db: Db) {
  const del = db.prepare('DELETE FROM mail_sources WHERE message_id = ?')
  const put = db.prepare('INSERT INTO mail_sources (message_id, seq, data) VALUES (?, ?, ?)')
  const chunk = db.prepare<[number, number], { data: Buffer }>(
    'SELECT data FROM mail_sources WHERE message_id = ? AND seq = ?',
  )
  const size = db.prepare<[number], { n: number | null }>(
    'SELECT SUM(length(data)) AS n FROM mail_sources WHERE message_id = ?',
  )
  const mark = db.prepare('UPDATE mail_messages SET has_source = ? WHERE id = ?')

  const repo = {
    /**
     * Stores the file's bytes as the message's source, reading it in chunks (synchronous, so a
     * caller can make it part of its own `db.transaction`). Returns the number of bytes stored.
     */
    writeFromFile(messageId: number, file: string): number {
      const fd = openSync(file, 'r')
      try {
        return db.transaction(() => {
          del.run(messageId)
          const buf = Buffer.allocUnsafe(SOURCE_CHUNK_BYTES)
          let total = 0
          let seq = 0
          for (;;) {
            // Fill a whole chunk (readSync may return less than asked before the end of the file).
            let filled = 0
            while (filled < buf.length) {
              const n = readSync(fd, buf, filled, buf.length - filled, total + filled)
              if (n === 0) break
              filled += n
            }
            if (filled === 0) break
            put.run(messageId, seq++, Buffer.from(buf.subarray(0, filled)))
            total += filled
            if (filled < buf.length) break
          }
          mark.run(1, messageId)
          return total
        })()
      } finally {
        closeSync(fd)
      }
    },
    /** Stores bytes already in memory as the message's source (a message this app built). */
    writeBytes(messageId: number, bytes: Uint8Array): number {
      return db.transaction(() => {
        del.run(messageId)
        for (let at = 0, seq = 0; at < bytes.byteLength; at += SOURCE_CHUNK_BYTES, seq++) {
          put.run(messageId, seq, Buffer.from(bytes.subarray(at, at + SOURCE_CHUNK_BYTES)))
        }
        mark.run(1, messageId)
        return bytes.byteLength
      })()
    },
    has(messageId: number): boolean {
      return chunk.get(messageId, 0) !== undefined
    },
    size(messageId: number): number {
      return size.get(messageId)?.n ?? 0
    },
    /** Reads the chunks one statement at a time (an open iterator would block every other query). */
    *chunks(messageId: number): Generator<Buffer> {
      for (let seq = 0; ; seq++) {
        const row = chunk.get(messageId, seq)
        if (!row) return
        yield row.data
      }
    },
    stream(messageId: number): Readable {
      return Readable.from(repo.chunks(messageId), { objectMode: false })
    },
    /** At most `max` bytes from the start of the source. */
    prefix(messageId: number, max: number): Buffer {
      const parts: Buffer[] = []
      let total = 0
      for (const c of repo.chunks(messageId)) {
        parts.push(c)
        total += c.length
        if (total >= max) break
      }
      return Buffer.concat(parts).subarray(0, max)
    },
    /** Gives another message row the same source (copies inside SQLite, never through memory). */
    copy(fromId: number, toId: number): void {
      db.prepare(
        'INSERT INTO mail_sources (message_id, seq, data) SELECT ?, seq, data FROM mail_sources WHERE message_id = ?',
      ).run(toId, fromId)
      mark.run(repo.has(toId) ? 1 : 0, toId)
    },
  }
  return repo
}

export type SourceRepo = ReturnType<typeof createSourceRepo>
