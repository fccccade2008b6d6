/**
 * The submission server's 250 reply to each message's end of data (RFC 5321 §4.2: with Postfix it
 * names the queue id, "250 2.0.0 Ok: queued as 4Xyz"), written in its own small row the moment it
 * is read, before anything else happens to the message. After a crash it is the evidence that a
 * message left in the ambiguous window ('committing') was accepted: the crash rule then settles it
 * as sent instead of asking the person (docs/architecture.md, Outbox).
 *
 * Its own migration feature, so its versions never collide with the outbox table's; it also adds
 * the index that finds a draft's message (the send claim asks it on every send).
 */
import { migrate, type Db, type Migration } from '../store/database'

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'the 250 reply of each accepted message; messages by draft',
    up: (db) =>
      db.exec(`CREATE TABLE outbox_replies (
        id TEXT PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
        reply TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX outbox_draft ON outbox (draft_id);`),
  },
]

/** Needs the outbox table: created after the outbox feature's migrations. */
export function createReplyLog(db: Db) {
  migrate(db, 'outbox-exactly-once', MIGRATIONS)
  const put = db.prepare(`INSERT INTO outbox_replies (id, reply, at) VALUES (?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET reply = excluded.reply, at = excluded.at`)
  const get = db.prepare<[string], { reply: string }>('SELECT reply FROM outbox_replies WHERE id = ?')
  const drop = db.prepare('DELETE FROM outbox_replies WHERE id = ?')
  return {
    record: (id: string, reply: string, now: number) => void put.run(id, reply, now),
    of: (id: string): string | null => get.get(id)?.reply ?? null,
    /** A message sent again (the person's choice) must not inherit an earlier attempt's evidence. */
    forget: (id: string) => void drop.run(id),
  }
}

export type ReplyLog = ReturnType<typeof createReplyLog>
