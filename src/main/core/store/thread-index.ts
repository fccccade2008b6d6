import type { MessageSummary } from '../../../shared/model/mail'
import type { Db } from './database'
import { toSummary, type MessageRow } from './message-rows'

/** What threading reads from a message (RFC 5322 §3.6.4 identification fields). */
export interface ThreadFields {
  messageId: string | null
  inReplyTo: string | null
  references: readonly string[]
}

/**
 * References beyond this many (the newest are kept, with the first: the thread's root) add
 * nothing: a well-behaved client's list already names the thread, and a hostile one must not make
 * an insert cost thousands of lookups.
 */
const MAX_IDS = 50

/** Counted up to this many: a list row shows "99+" rather than count a huge mailing-list thread. */
export const THREAD_SIZE_CAP = 100
/** A conversation shows at most this many messages (the newest). */
const CONVERSATION_LIMIT = 200

/**
 * Rows that count as the conversation: visible, and not in Trash, Junk or Drafts (draft copies of
 * replies carry the thread's References too), except the message asked about itself.
 */
const IN_CONVERSATION = `m.hidden = 0 AND (b.role IS NULL OR b.role NOT IN ('trash', 'junk', 'drafts') OR m.id = ?)`

/** The Message-IDs a message ties together: its References (root and newest), In-Reply-To, its own. */
export function threadKeys(f: ThreadFields): string[] {
  const refs =
    f.references.length > MAX_IDS - 2
      ? [f.references[0]!, ...f.references.slice(-(MAX_IDS - 3))]
      : f.references
  const keys = [...refs, f.inReplyTo, f.messageId].filter((k): k is string => !!k)
  return [...new Set(keys)]
}

/**
 * Conversation threads, kept up to date as messages are stored (JWZ's idea, incrementally): every
 * Message-ID a message names (its own, In-Reply-To, References) is recorded in `mail_thread_ids`
 * with the message's thread, so a new message finds its thread with a few indexed lookups
 * instead of a scan. When one message names ids of two threads (a reply stored before the
 * message it answers: the sync stores newest first), the threads merge into the older one.
 * Threads are per account and span its mailboxes, so a reply in the Inbox and the message it
 * answers in Sent are one conversation. No subject matching: see docs/architecture.md.
 */
export function createThreadIndex(db: Db) {
  const lookup = db
    .prepare<[string, string], number>(
      'SELECT thread_id FROM mail_thread_ids WHERE account_id = ? AND message_id = ?',
    )
    .pluck()
  const link = db.prepare('INSERT INTO mail_thread_ids (account_id, message_id, thread_id) VALUES (?, ?, ?)')
  const allocate = db
    .prepare<[], number>('UPDATE mail_thread_seq SET next = next + 1 WHERE id = 1 RETURNING next - 1')
    .pluck()
  const relabelIds = db.prepare('UPDATE mail_thread_ids SET thread_id = ? WHERE thread_id = ?')
  const relabelMessages = db.prepare('UPDATE mail_messages SET thread_id = ? WHERE thread_id = ?')
  const setThread = db.prepare('UPDATE mail_messages SET thread_id = ? WHERE id = ?')
  const sizeOf = db
    .prepare<[number, number], number>(
      `SELECT COUNT(*) FROM (
         SELECT DISTINCT COALESCE(m.message_id, 'row:' || m.id) FROM mail_messages m
         JOIN mail_mailboxes b ON b.id = m.mailbox_id
         WHERE m.thread_id = ? AND ${IN_CONVERSATION} LIMIT ${THREAD_SIZE_CAP})`,
    )
    .pluck()
  const members = db.prepare<[number, number], MessageRow>(
    `SELECT m.* FROM mail_messages m JOIN mail_mailboxes b ON b.id = m.mailbox_id
     WHERE m.thread_id = ? AND ${IN_CONVERSATION}
     ORDER BY m.date DESC, m.id DESC LIMIT ${CONVERSATION_LIMIT}`,
  )
  const withMessageId = db
    .prepare<[number, string], number>(
      'SELECT id FROM mail_messages WHERE thread_id = ? AND message_id = ? AND hidden = 0',
    )
    .pluck()
  const unthreaded = db.prepare<
    [number],
    {
      id: number
      account_id: string
      message_id: string | null
      in_reply_to: string | null
      refs: string | null
    }
  >(
    `SELECT id, account_id, message_id, in_reply_to, refs FROM mail_messages
     WHERE thread_id IS NULL ORDER BY id LIMIT ?`,
  )

  const index = {
    /**
     * The thread of a message about to be stored (call inside the insert's transaction). Merges
     * the threads its ids already belong to and records its ids.
     */
    assign(accountId: string, fields: ThreadFields): number {
      const keys = threadKeys(fields)
      let thread: number | undefined
      const merged = new Set<number>()
      const unknown: string[] = []
      for (const key of keys) {
        const t = lookup.get(accountId, key)
        if (t === undefined) unknown.push(key)
        else if (thread === undefined) thread = t
        else if (t !== thread) {
          merged.add(Math.max(t, thread))
          thread = Math.min(t, thread)
        }
      }
      thread ??= allocate.get()!
      merged.delete(thread)
      for (const old of merged) {
        relabelIds.run(thread, old)
        relabelMessages.run(thread, old)
      }
      for (const key of unknown) link.run(accountId, key, thread)
      return thread
    },

    /**
     * Threads up to `limit` rows stored before threads existed (oldest first); returns how many
     * it did. The service runs it in small batches at start-up until it returns 0.
     */
    backfill(limit: number): number {
      return db.transaction(() => {
        const rows = unthreaded.all(limit)
        for (const r of rows) {
          const thread = index.assign(r.account_id, {
            messageId: r.message_id,
            inReplyTo: r.in_reply_to,
            references: r.refs ? r.refs.split(' ') : [],
          })
          setThread.run(thread, r.id)
        }
        return rows.length
      })()
    },

    /** Visible rows of the account holding this Message-ID (a message can be in several folders). */
    rowsWithMessageId(accountId: string, messageId: string): number[] {
      const thread = lookup.get(accountId, messageId)
      return thread === undefined ? [] : withMessageId.all(thread, messageId)
    },

    /** Messages in the thread (capped at THREAD_SIZE_CAP), one per Message-ID. */
    size(threadId: number): number {
      return sizeOf.get(threadId, 0) ?? 1
    },

    /**
     * The conversation of a stored message, oldest first: one row per Message-ID (a message
     * copied to two folders shows once: the one asked about, else the first stored).
     */
    conversation(row: { id: number; threadId: number }): MessageSummary[] {
      const rows = members.all(row.threadId, row.id)
      const chosen = new Map<string, MessageRow>()
      for (const r of rows) {
        const key = r.message_id ?? `row:${r.id}`
        const had = chosen.get(key)
        if (!had || (had.id !== row.id && (r.id === row.id || r.id < had.id))) chosen.set(key, r)
      }
      const size = Math.min(chosen.size, THREAD_SIZE_CAP)
      return [...chosen.values()]
        .sort((a, b) => a.date - b.date || a.id - b.id)
        .map((r) => toSummary(r, size))
    },

    purgeAccount(accountId: string): void {
      db.prepare('DELETE FROM mail_thread_ids WHERE account_id = ?').run(accountId)
    },
  }
  return index
}

export type ThreadIndex = ReturnType<typeof createThreadIndex>
