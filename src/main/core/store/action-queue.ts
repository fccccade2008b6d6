import type { Db } from './database'

/** One placeholder row in the target mailbox, standing for a message until the server has it. */
export interface PlacedItem {
  /** The row in the source mailbox (its UID is resolved when the action is replayed). */
  sourceId: number
  /** The row created in the target mailbox (uid NULL until the server answers COPYUID). */
  placeholderId: number
}

/** A reader action waiting to be replayed on the server. Message rows are referenced by id. */
export type QueuedAction =
  | { kind: 'flags'; mailboxId: number; messageIds: number[]; add: string[]; remove: string[] }
  | { kind: 'move' | 'copy'; mailboxId: number; targetId: number; items: PlacedItem[] }
  | { kind: 'expunge'; mailboxId: number; messageIds: number[] }

/** The target mailbox as it was right before a COPY/MOVE was sent (STATUS, RFC 9051 §6.3.11). */
export interface TargetMark {
  uidValidity: number
  uidNext: number
}

export interface QueueEntry {
  id: number
  accountId: string
  action: QueuedAction
  attempts: number
  /** Set when a COPY/MOVE of this entry was sent before: it may have been carried out already. */
  inFlight?: TargetMark
}

/** Rows an action holds (their `pending` count is raised while it is queued). */
export function rowsOf(action: QueuedAction): number[] {
  switch (action.kind) {
    case 'flags':
    case 'expunge':
      return action.messageIds
    case 'move':
    case 'copy':
      return action.items.flatMap((i) => [i.sourceId, i.placeholderId])
  }
}

/** The durable queue of server actions (mail_actions). */
export function createActionQueue(db: Db) {
  const insert = db.prepare(
    'INSERT INTO mail_actions (account_id, kind, payload, created_at) VALUES (?, ?, ?, ?)',
  )
  const pending = db.prepare('UPDATE mail_messages SET pending = MAX(0, pending + ?) WHERE id = ?')
  const first = db.prepare<
    [string],
    {
      id: number
      account_id: string
      payload: string
      attempts: number
      uid_validity: number | null
      uid_next: number | null
    }
  >(
    `SELECT a.id, a.account_id, a.payload, a.attempts, f.uid_validity, f.uid_next
     FROM mail_actions a LEFT JOIN mail_actions_in_flight f ON f.action_id = a.id
     WHERE a.account_id = ? ORDER BY a.id LIMIT 1`,
  )
  const mark = db.prepare(
    'INSERT OR REPLACE INTO mail_actions_in_flight (action_id, uid_validity, uid_next, started_at) VALUES (?, ?, ?, ?)',
  )

  const queue = {
    /** Queues an action and marks its rows pending (call inside the transaction of the local change). */
    enqueue(accountId: string, action: QueuedAction): number {
      for (const id of rowsOf(action)) pending.run(1, id)
      return Number(insert.run(accountId, action.kind, JSON.stringify(action), Date.now()).lastInsertRowid)
    },
    next(accountId: string): QueueEntry | undefined {
      const row = first.get(accountId)
      if (!row) return undefined
      const entry: QueueEntry = {
        id: row.id,
        accountId: row.account_id,
        action: JSON.parse(row.payload) as QueuedAction,
        attempts: row.attempts,
      }
      if (row.uid_validity !== null && row.uid_next !== null) {
        entry.inFlight = { uidValidity: row.uid_validity, uidNext: row.uid_next }
      }
      return entry
    },
    /**
     * Records, committed before the command is sent, that a COPY/MOVE is about to reach the
     * server: a replay after a crash then looks for its copies before sending it again.
     */
    markInFlight(entry: QueueEntry, target: TargetMark): void {
      mark.run(entry.id, target.uidValidity, target.uidNext, Date.now())
      entry.inFlight = target
    },
    /** Removes a replayed (or abandoned) action and releases its rows. */
    finish(entry: QueueEntry): void {
      db.transaction(() => {
        for (const id of rowsOf(entry.action)) pending.run(-1, id)
        db.prepare('DELETE FROM mail_actions_in_flight WHERE action_id = ?').run(entry.id)
        db.prepare('DELETE FROM mail_actions WHERE id = ?').run(entry.id)
      })()
    },
    recordFailure(entry: QueueEntry, error: string): void {
      db.prepare('UPDATE mail_actions SET attempts = attempts + 1, last_error = ? WHERE id = ?').run(
        error,
        entry.id,
      )
    },
    count(accountId: string): number {
      return (
        db
          .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM mail_actions WHERE account_id = ?')
          .get(accountId)?.n ?? 0
      )
    },
    purgeAccount(accountId: string): void {
      db.prepare('DELETE FROM mail_actions WHERE account_id = ?').run(accountId)
    },
  }
  return queue
}

export type ActionQueue = ReturnType<typeof createActionQueue>
