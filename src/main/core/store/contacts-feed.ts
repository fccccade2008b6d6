import type { MailAddress } from '../../../shared/model/mail'
import type { Db } from './database'
import { parseList } from './message-rows'
import { collectAddresses, type SeenAddressSink } from './seen-addresses'

/**
 * Feeds the addresses of stored mail (From, To, Cc) to the contacts, for the composer's
 * autocomplete: an indexed pass over the rows stored since the last pass (row ids only grow, and
 * `mail_contacts_fed` remembers how far it got, in the same transaction as the contacts it wrote).
 * Apart from the insert itself because a sync stores rows in batches of a few hundred, where the
 * same people recur across batches: a pass over thousands of rows writes each address once, and
 * runs after the sync's burst of inserts rather than inside it. Junk is left out (spam must not
 * fill the address book).
 */
export function createContactsFeed(db: Db, sink: SeenAddressSink) {
  const mark = db.prepare<[], number>('SELECT up_to FROM mail_contacts_fed WHERE id = 1').pluck()
  const setMark = db.prepare('UPDATE mail_contacts_fed SET up_to = ? WHERE id = 1')
  const since = db.prepare<
    [number, number],
    { id: number; from_json: string; to_json: string; cc_json: string; date: number; role: string | null }
  >(
    `SELECT m.id, m.from_json, m.to_json, m.cc_json, m.date, b.role FROM mail_messages m
     JOIN mail_mailboxes b ON b.id = m.mailbox_id
     WHERE m.id > ? ORDER BY m.id LIMIT ?`,
  )
  return {
    /** Feeds up to `limit` rows stored since the last pass; returns how many it read. */
    step(limit: number): number {
      return db.transaction(() => {
        const rows = since.all(mark.get() ?? 0, limit)
        const last = rows[rows.length - 1]
        if (!last) return 0
        const messages = rows
          .filter((r) => r.role !== 'junk')
          .map((r) => ({
            from: parseList<MailAddress>(r.from_json),
            to: parseList<MailAddress>(r.to_json),
            cc: parseList<MailAddress>(r.cc_json),
            date: r.date,
          }))
        if (messages.length > 0) sink.recordSeen(collectAddresses(messages))
        setMark.run(last.id)
        return rows.length
      })()
    },
  }
}

export type ContactsFeed = ReturnType<typeof createContactsFeed>
