import type { MessageFlags } from '../../../shared/model/mail'
import type { Db } from './database'
import type { SourceRepo } from './source-repo'

/** Columns copied when a message is duplicated into another mailbox (everything but identity and queue state). */
const COPIED = `seen, flagged, answered, draft, keywords, subject, from_json, to_json, cc_json, date, received_at,
  size, has_attachments, message_id, in_reply_to, refs, preview, parse_problem, remote_allowed, thread_id`

export interface MessageIdentity {
  messageId: string | null
  receivedAt: number
  size: number
}

/** Local changes to message rows, made by reader actions (the sync writes through message-repo). */
export function createMessageMutations(db: Db, sources: SourceRepo) {
  const keywordsOf = db.prepare<[number], { keywords: string | null }>(
    'SELECT keywords FROM mail_messages WHERE id = ?',
  )
  const setKeywords = db.prepare('UPDATE mail_messages SET keywords = ? WHERE id = ?')
  const duplicate = db.prepare(
    `INSERT INTO mail_messages (mailbox_id, account_id, uid, ${COPIED})
     SELECT ?, account_id, NULL, ${COPIED} FROM mail_messages WHERE id = ?`,
  )

  const m = {
    setFlags(
      ids: readonly number[],
      flags: Partial<Pick<MessageFlags, 'seen' | 'flagged' | 'answered'>>,
    ): void {
      const sets = (['seen', 'flagged', 'answered'] as const)
        .filter((f) => flags[f] !== undefined)
        .map((f) => `${f} = ${flags[f] ? 1 : 0}`)
      if (sets.length === 0) return
      const stmt = db.prepare(`UPDATE mail_messages SET ${sets.join(', ')} WHERE id = ?`)
      for (const id of ids) stmt.run(id)
    },
    /** Adds and removes keywords (e.g. $Junk, RFC 5788) on rows. */
    changeKeywords(ids: readonly number[], add: readonly string[], remove: readonly string[]): void {
      for (const id of ids) {
        const row = keywordsOf.get(id)
        if (!row) continue
        const set = new Set(row.keywords ? (JSON.parse(row.keywords) as string[]) : [])
        add.forEach((k) => set.add(k))
        remove.forEach((k) => set.delete(k))
        setKeywords.run(set.size ? JSON.stringify([...set].sort()) : null, id)
      }
    },
    hide(ids: readonly number[], hidden: boolean): void {
      const stmt = db.prepare('UPDATE mail_messages SET hidden = ? WHERE id = ?')
      for (const id of ids) stmt.run(hidden ? 1 : 0, id)
    },
    /** A copy of the row (and its cached source) in another mailbox, without a UID. */
    duplicate(id: number, targetMailboxId: number): number {
      const newId = Number(duplicate.run(targetMailboxId, id).lastInsertRowid)
      sources.copy(id, newId)
      return newId
    },
    /** Moves rows of local folders (same ids: nothing to replay). */
    relocate(ids: readonly number[], targetMailboxId: number): void {
      const stmt = db.prepare('UPDATE mail_messages SET mailbox_id = ? WHERE id = ?')
      for (const id of ids) stmt.run(targetMailboxId, id)
    },
    remove(ids: readonly number[]): void {
      const stmt = db.prepare('DELETE FROM mail_messages WHERE id = ?')
      for (const id of ids) stmt.run(id)
    },
    /**
     * Gives a placeholder the UID the server reported (COPYUID, RFC 4315). When the sync already
     * stored that UID, the placeholder is dropped instead: never two rows for one message.
     */
    assignUid(placeholderId: number, uid: number): void {
      const row = db
        .prepare<[number], { mailbox_id: number }>('SELECT mailbox_id FROM mail_messages WHERE id = ?')
        .get(placeholderId)
      if (!row) return
      const taken = db
        .prepare('SELECT 1 FROM mail_messages WHERE mailbox_id = ? AND uid = ?')
        .get(row.mailbox_id, uid)
      if (taken) m.remove([placeholderId])
      else db.prepare('UPDATE mail_messages SET uid = ? WHERE id = ?').run(uid, placeholderId)
    },
    /** What identifies each row's message on a server: Message-ID, INTERNALDATE (ms), RFC822.SIZE. */
    identitiesOf(ids: readonly number[]): Map<number, MessageIdentity> {
      const stmt = db.prepare<[number], { message_id: string | null; received_at: number; size: number }>(
        'SELECT message_id, received_at, size FROM mail_messages WHERE id = ?',
      )
      const out = new Map<number, MessageIdentity>()
      for (const id of ids) {
        const row = stmt.get(id)
        if (row) out.set(id, { messageId: row.message_id, receivedAt: row.received_at, size: row.size })
      }
      return out
    },
    /** The current UID of each row that still exists and has one. */
    uidsOf(ids: readonly number[]): Map<number, number> {
      const stmt = db.prepare<[number], { uid: number | null }>('SELECT uid FROM mail_messages WHERE id = ?')
      const out = new Map<number, number>()
      for (const id of ids) {
        const uid = stmt.get(id)?.uid
        if (uid !== undefined && uid !== null) out.set(id, uid)
      }
      return out
    },
  }
  return m
}

export type MessageMutations = ReturnType<typeof createMessageMutations>
