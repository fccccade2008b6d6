import { parseMessage, type ParseLimits, DEFAULT_PARSE_LIMITS } from '../mime/parse-message'
import { createSourceRepo } from '../store/source-repo'
import type { Db } from '../store/database'
import { addressWords } from './search-index'

/** Text of one body kept in the index: a longer one is cut (its start is what people search). */
export const MAX_BODY_TEXT = 256 * 1024

/** Bodies parsed for the index get less time and size than ones a person opens. */
const INDEX_PARSE_LIMITS: ParseLimits = {
  ...DEFAULT_PARSE_LIMITS,
  maxSourceBytes: 16 * 1024 * 1024,
  timeoutMs: 5_000,
}

export interface BodyIndexStats {
  /** Messages whose body and attachment names are in the index. */
  bodies: number
  /** Stored bodies not yet indexed. */
  pending: number
  /** Bytes of text indexed from bodies. */
  textBytes: number
}

/**
 * Puts the plain text of stored bodies (HTML converted to text by parseMessage, with the
 * html-to-text library the reader uses) and attachment file names into the index, newest first.
 * A body is parsed outside any transaction; only its index write is one short transaction, so
 * the store is never held while mailparser works. What is done is listed in `search_bodies`, so
 * the pass resumes where it stopped after a crash or a quit.
 */
export function createBodyIndexer(db: Db) {
  const sources = createSourceRepo(db)
  const todo = db.prepare<[number], number>(
    `SELECT m.id FROM mail_messages m INDEXED BY search_sources
     WHERE m.has_source = 1 AND m.id <= (SELECT up_to FROM search_indexed WHERE id = 1)
       AND NOT EXISTS (SELECT 1 FROM search_bodies s WHERE s.message_id = m.id)
     ORDER BY m.id DESC LIMIT ?`,
  )
  const drop = db.prepare('DELETE FROM search_fts WHERE rowid = ?')
  const put = db.prepare<[string, string, number]>(
    `INSERT INTO search_fts (rowid, subject, sender, recipients, body, filenames)
     SELECT id, subject, ${addressWords('from_json')},
            ${addressWords('to_json')} || ' ' || ${addressWords('cc_json')}, ?, ?
     FROM mail_messages WHERE id = ?`,
  )
  const done = db.prepare('INSERT OR REPLACE INTO search_bodies (message_id, text_bytes) VALUES (?, ?)')
  const stillThere = db.prepare<[number], number>(
    'SELECT 1 FROM mail_messages WHERE id = ? AND has_source = 1',
  )
  const counts = db.prepare<[], { bodies: number; textBytes: number | null }>(
    'SELECT COUNT(*) AS bodies, SUM(text_bytes) AS textBytes FROM search_bodies',
  )
  /** Stored bodies not indexed (one walk of the partial index; a few ms per 100,000). */
  const pending = db.prepare<[], number>(
    `SELECT COUNT(*) FROM mail_messages m INDEXED BY search_sources
     WHERE m.has_source = 1 AND m.id <= (SELECT up_to FROM search_indexed WHERE id = 1)
       AND NOT EXISTS (SELECT 1 FROM search_bodies s WHERE s.message_id = m.id)`,
  )

  /** One body's words, parsed outside any transaction. */
  async function parseOne(id: number): Promise<{ id: number; size: number; text: string; names: string }> {
    const size = sources.size(id)
    const parsed = await parseMessage(
      () => sources.stream(id),
      size,
      () => sources.prefix(id, INDEX_PARSE_LIMITS.maxSourceBytes),
      INDEX_PARSE_LIMITS,
    )
    const text = (parsed.text ?? '').slice(0, MAX_BODY_TEXT)
    const names = parsed.attachments.map((a) => a.filename ?? '').filter(Boolean)
    return { id, size, text, names: names.join(' ') }
  }

  /**
   * The parsed bodies of a step in one transaction: FTS5 turns each transaction's new terms into
   * a segment and merges segments as they pile up, so one write per body cost more than the parse
   * (the bench: ~1.8 ms per body of commit and merge work, 75 % of the pass); a batch writes one.
   */
  const write = db.transaction((bodies: { id: number; text: string; names: string }[]) => {
    for (const b of bodies) {
      // Deleted (or its source dropped) while it was parsed: nothing to index.
      if (!stillThere.pluck().get(b.id)) continue
      drop.run(b.id)
      put.run(b.text, b.names, b.id)
      done.run(b.id, Buffer.byteLength(b.text))
    }
  })

  return {
    /** Indexes up to `limit` stored bodies, newest first; returns how many it read. */
    async step(limit: number): Promise<{ count: number; bytes: number }> {
      const ids = todo.pluck().all(limit)
      const bodies = []
      for (const id of ids) bodies.push(await parseOne(id))
      write(bodies)
      return { count: ids.length, bytes: bodies.reduce((n, b) => n + b.size, 0) }
    },
    stats(): BodyIndexStats {
      const c = counts.get() ?? { bodies: 0, textBytes: 0 }
      return { bodies: c.bodies, pending: pending.pluck().get() ?? 0, textBytes: c.textBytes ?? 0 }
    },
  }
}

export type BodyIndexer = ReturnType<typeof createBodyIndexer>
