/**
 * The durable outbox: one row per queued message with the exact bytes to send. Every state change
 * is one synchronous SQLite write (better-sqlite3), so the row on disk is always the truth after a
 * crash. The states and the crash rule are in docs/architecture.md (Outbox).
 */
import type { AppErrorData } from '../../../shared/errors'
import type { OutboxItem, OutboxSettings } from '../../../shared/model/compose'
import type { DeliveryNotify } from '../../../shared/model/delivery'
import { migrate, type Db, type Migration } from '../store/database'
import { createReplyLog } from './outbox-replies'

/** 'committing' is internal: the end-of-data marker may be on its way. The UI sees it as 'sending'. */
export type StoredState = 'queued' | 'sending' | 'committing' | 'sent' | 'failed' | 'uncertain'

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'outbox queue and settings',
    up: (db) =>
      db.exec(`CREATE TABLE outbox (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        draft_id TEXT NOT NULL,
        message_id TEXT NOT NULL,
        subject TEXT NOT NULL,
        recipients TEXT NOT NULL,
        envelope TEXT NOT NULL,
        needs_smtputf8 INTEGER NOT NULL,
        eight_bit INTEGER NOT NULL,
        state TEXT NOT NULL
          CHECK (state IN ('queued', 'sending', 'committing', 'sent', 'failed', 'uncertain')),
        queued_at INTEGER NOT NULL,
        send_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        sent_at INTEGER,
        sent_copy TEXT CHECK (sent_copy IN ('pending', 'saved', 'failed')),
        sent_copy_attempts INTEGER NOT NULL DEFAULT 0,
        sent_copy_at INTEGER,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX outbox_due ON outbox (state, send_at);
      CREATE INDEX outbox_copies ON outbox (sent_copy, sent_copy_at) WHERE sent_copy = 'pending';
      -- The bytes live apart from the state, so each state change rewrites a small row only.
      CREATE TABLE outbox_messages (
        id TEXT PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
        raw BLOB NOT NULL
      );
      CREATE TABLE outbox_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);`),
  },
]

/**
 * The server's words when a Sent copy failed (feature of its own, so its version numbers never
 * meet the queue's own migrations).
 */
const COPY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'why the Sent copy failed',
    up: (db) => db.exec('ALTER TABLE outbox ADD COLUMN sent_copy_error TEXT'),
  },
]

/**
 * What the message asks of delivery reports (RFC 3461; core/delivery): 'failure' (the default) or
 * 'all' ("Tell me when it is delivered"). A feature of its own, like the Sent copy's words.
 */
const DELIVERY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'delivery reports asked for',
    up: (db) =>
      db.exec(`ALTER TABLE outbox ADD COLUMN delivery_notify TEXT NOT NULL DEFAULT 'failure'
        CHECK (delivery_notify IN ('failure', 'all'))`),
  },
]

/**
 * Due messages per account, counted without reading the whole queue: the pump asks on every
 * queued and every sent message, and a count over all queued rows made sending 1,000 messages
 * cost O(n²) (see `npm run bench`, send). A feature of its own, like the two above.
 */
const DUE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'queued messages by account',
    // Partial: only queuing, claiming and requeuing write it, not the later state changes.
    up: (db) => db.exec(`CREATE INDEX outbox_queued ON outbox (account_id, send_at) WHERE state = 'queued'`),
  },
]

export interface OutboxRow {
  id: string
  accountId: string
  draftId: string
  messageId: string
  subject: string
  recipients: string[]
  envelope: { from: string; to: string[] }
  needsSmtpUtf8: boolean
  eightBit: boolean
  state: StoredState
  queuedAt: number
  sendAt: number
  attempts: number
  lastError: AppErrorData | null
  sentAt: number | null
  sentCopy: 'pending' | 'saved' | 'failed' | null
  sentCopyAttempts: number
  /** When the next attempt at the Sent copy is due (while pending). */
  sentCopyAt: number | null
  /** Why the last attempt at the Sent copy failed, with the server's words. */
  sentCopyError: AppErrorData | null
  deliveryNotify: DeliveryNotify
}

interface DbRow {
  id: string
  account_id: string
  draft_id: string
  message_id: string
  subject: string
  recipients: string
  envelope: string
  needs_smtputf8: number
  eight_bit: number
  state: StoredState
  queued_at: number
  send_at: number
  attempts: number
  last_error: string | null
  sent_at: number | null
  sent_copy: OutboxRow['sentCopy']
  sent_copy_attempts: number
  sent_copy_at: number | null
  sent_copy_error: string | null
  delivery_notify: DeliveryNotify
}

function toRow(r: DbRow): OutboxRow {
  return {
    id: r.id,
    accountId: r.account_id,
    draftId: r.draft_id,
    messageId: r.message_id,
    subject: r.subject,
    recipients: JSON.parse(r.recipients) as string[],
    envelope: JSON.parse(r.envelope) as OutboxRow['envelope'],
    needsSmtpUtf8: r.needs_smtputf8 === 1,
    eightBit: r.eight_bit === 1,
    state: r.state,
    queuedAt: r.queued_at,
    sendAt: r.send_at,
    attempts: r.attempts,
    lastError: r.last_error ? (JSON.parse(r.last_error) as AppErrorData) : null,
    sentAt: r.sent_at,
    sentCopy: r.sent_copy,
    sentCopyAttempts: r.sent_copy_attempts,
    sentCopyAt: r.sent_copy_at,
    sentCopyError: r.sent_copy_error ? (JSON.parse(r.sent_copy_error) as AppErrorData) : null,
    deliveryNotify: r.delivery_notify,
  }
}

/** A row with the exact bytes to send (loaded only where they are needed). */
export type OutboxMessage = OutboxRow & { raw: Buffer }

export function toItem(r: OutboxRow): OutboxItem {
  return {
    id: r.id,
    accountId: r.accountId,
    draftId: r.draftId,
    messageId: r.messageId,
    subject: r.subject,
    recipients: r.recipients,
    state: r.state === 'committing' ? 'sending' : r.state,
    queuedAt: r.queuedAt,
    sendAt: r.sendAt,
    attempts: r.attempts,
    lastError: r.lastError,
    sentAt: r.sentAt,
    sentCopy: r.sentCopy,
    sentCopyError: r.sentCopyError,
    sentCopyAt: r.sentCopy === 'pending' ? r.sentCopyAt : null,
  }
}

export type NewOutboxRow = Pick<
  OutboxRow,
  | 'id'
  | 'accountId'
  | 'draftId'
  | 'messageId'
  | 'subject'
  | 'recipients'
  | 'envelope'
  | 'needsSmtpUtf8'
  | 'eightBit'
  | 'queuedAt'
  | 'sendAt'
> & { deliveryNotify?: DeliveryNotify | undefined }

export type NewOutboxMessage = NewOutboxRow & { raw: Buffer }

export const DEFAULT_SETTINGS: OutboxSettings = { undoSeconds: 5 }

export function createOutboxStore(db: Db) {
  migrate(db, 'outbox', MIGRATIONS)
  migrate(db, 'outbox-copy', COPY_MIGRATIONS)
  migrate(db, 'outbox-delivery', DELIVERY_MIGRATIONS)
  migrate(db, 'outbox-due', DUE_MIGRATIONS)
  const replies = createReplyLog(db)
  const cols = `id, account_id, draft_id, message_id, subject, recipients, envelope, needs_smtputf8,
    eight_bit, state, queued_at, send_at, attempts, last_error, sent_at, sent_copy, sent_copy_attempts,
    sent_copy_at, sent_copy_error, delivery_notify`
  const insert = db.prepare(`INSERT INTO outbox (id, account_id, draft_id, message_id, subject, recipients,
    envelope, needs_smtputf8, eight_bit, state, queued_at, send_at, updated_at, delivery_notify)
    VALUES (@id, @accountId, @draftId, @messageId, @subject, @recipients, @envelope, @needsSmtpUtf8,
    @eightBit, 'queued', @queuedAt, @sendAt, @queuedAt, @deliveryNotify)`)
  const insertRaw = db.prepare('INSERT INTO outbox_messages (id, raw) VALUES (?, ?)')
  const rawOf = db.prepare<[string], { raw: Buffer }>('SELECT raw FROM outbox_messages WHERE id = ?')
  const withRaw = (r: DbRow): OutboxMessage => ({ ...toRow(r), raw: rawOf.get(r.id)?.raw ?? Buffer.alloc(0) })
  const getStmt = db.prepare<[string], DbRow>(`SELECT ${cols} FROM outbox WHERE id = ?`)
  const listStmt = db.prepare<[], DbRow>(`SELECT ${cols} FROM outbox ORDER BY queued_at DESC`)
  const byState = db.prepare<[string], DbRow>(`SELECT ${cols} FROM outbox WHERE state = ? ORDER BY send_at`)
  // Claiming is one statement: a row is handed to exactly one worker.
  const claim = db.prepare<[number, string, number], DbRow>(`UPDATE outbox
    SET state = 'sending', attempts = attempts + 1, updated_at = ?
    WHERE id = (SELECT id FROM outbox WHERE account_id = ? AND state = 'queued' AND send_at <= ?
                ORDER BY send_at, queued_at LIMIT 1)
    RETURNING ${cols}`)
  const committing = db.prepare(
    `UPDATE outbox SET state = 'committing', updated_at = @now WHERE id = @id AND state = 'sending'`,
  )
  const requeue = db.prepare(`UPDATE outbox SET state = 'queued', send_at = @sendAt, last_error = @error,
    updated_at = @now WHERE id = @id`)
  const fail = db.prepare(
    `UPDATE outbox SET state = @state, last_error = @error, updated_at = @now WHERE id = @id`,
  )
  const sent = db.prepare(`UPDATE outbox SET state = 'sent', sent_at = @now, last_error = NULL,
    sent_copy = @sentCopy, sent_copy_at = @now, updated_at = @now WHERE id = @id`)
  const copy =
    db.prepare(`UPDATE outbox SET sent_copy = @sentCopy, sent_copy_attempts = sent_copy_attempts + @tried,
    sent_copy_at = @nextAt, sent_copy_error = @error, updated_at = @now WHERE id = @id`)
  const copyAgain = db.prepare(`UPDATE outbox SET sent_copy = 'pending', sent_copy_attempts = 0,
    sent_copy_at = @now, updated_at = @now WHERE id = @id AND state = 'sent' AND sent_copy IN ('failed', 'pending')`)
  // Accounts with queued rows, one index step each (a skip scan of outbox_queued), then each one's
  // due rows counted up to a cap: a few index steps however long the queue is.
  const firstQueued = db
    .prepare<[], string | null>(
      `SELECT MIN(account_id) FROM outbox INDEXED BY outbox_queued WHERE state = 'queued'`,
    )
    .pluck()
  const nextQueued = db
    .prepare<[string], string | null>(
      `SELECT MIN(account_id) FROM outbox INDEXED BY outbox_queued WHERE state = 'queued' AND account_id > ?`,
    )
    .pluck()
  const dueCount = db
    .prepare<[string, number, number], number>(
      `SELECT COUNT(*) FROM (SELECT 1 FROM outbox INDEXED BY outbox_queued
         WHERE account_id = ? AND state = 'queued' AND send_at <= ? LIMIT ?)`,
    )
    .pluck()
  const nextDue = db.prepare<[], { t: number | null }>(`SELECT MIN(t) AS t FROM (
    SELECT MIN(send_at) AS t FROM outbox WHERE state = 'queued'
    UNION ALL SELECT MIN(sent_copy_at) FROM outbox WHERE sent_copy = 'pending' AND state = 'sent')`)
  const copyAccounts = db.prepare<[number], { account_id: string }>(
    `SELECT DISTINCT account_id FROM outbox WHERE sent_copy = 'pending' AND state = 'sent' AND sent_copy_at <= ?`,
  )
  const copiesDue = db.prepare<[string, number, number], DbRow>(
    `SELECT ${cols} FROM outbox WHERE sent_copy = 'pending' AND state = 'sent' AND account_id = ?
     AND sent_copy_at <= ? ORDER BY sent_at LIMIT ?`,
  )
  const interrupted = db.prepare(
    `UPDATE outbox SET state = 'queued', updated_at = @now WHERE state = 'sending'`,
  )
  const remove = db.prepare('DELETE FROM outbox WHERE id = ?')
  // The draft's message that counts: the newest one not refused for good.
  const forDraft = db.prepare<[string], DbRow>(
    `SELECT ${cols} FROM outbox WHERE draft_id = ? AND state != 'failed' ORDER BY queued_at DESC LIMIT 1`,
  )
  const removeFailed = db.prepare("DELETE FROM outbox WHERE draft_id = ? AND state = 'failed'")

  // A row whose Sent copy failed keeps the only bytes of that copy: it stays until it is saved.
  const prune = db.prepare(
    `DELETE FROM outbox WHERE state = 'sent' AND (sent_copy IS NULL OR sent_copy = 'saved') AND sent_at < ?`,
  )
  const getSetting = db.prepare<[string], { value: string }>(
    'SELECT value FROM outbox_settings WHERE key = ?',
  )
  const putSetting = db.prepare(
    'INSERT INTO outbox_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  )
  const insertTx = db.transaction((row: NewOutboxMessage): void => {
    const { raw, ...rest } = row
    insert.run({
      ...rest,
      recipients: JSON.stringify(row.recipients),
      envelope: JSON.stringify(row.envelope),
      needsSmtpUtf8: row.needsSmtpUtf8 ? 1 : 0,
      eightBit: row.eightBit ? 1 : 0,
      deliveryNotify: row.deliveryNotify ?? 'failure',
    })
    insertRaw.run(row.id, raw)
  })
  const json = (e: AppErrorData | null) => (e ? JSON.stringify(e) : null)

  return {
    insert: (row: NewOutboxMessage): void => insertTx(row),
    /** Runs `fn` in one transaction (nested calls become savepoints): fewer, atomic commits. */
    atomically: <T>(fn: () => T): T => db.transaction(fn)(),
    get(id: string): OutboxRow | undefined {
      const r = getStmt.get(id)
      return r ? toRow(r) : undefined
    },
    list: (): OutboxRow[] => listStmt.all().map(toRow),
    withState: (state: StoredState): OutboxRow[] => byState.all(state).map(toRow),
    claimNext(accountId: string, now: number): OutboxMessage | undefined {
      const r = claim.get(now, accountId, now)
      return r ? withRaw(r) : undefined
    },
    /** Only from 'sending': a send that already came back (requeued) must not look committed. */
    markCommitting: (id: string, now: number) => void committing.run({ id, now }),
    markSent: (id: string, now: number, sentCopy: 'pending' | null) => void sent.run({ id, now, sentCopy }),
    requeue: (id: string, sendAt: number, error: AppErrorData | null, now: number) =>
      void requeue.run({ id, sendAt, error: json(error), now }),
    markFailed: (id: string, error: AppErrorData, now: number) =>
      void fail.run({ id, state: 'failed', error: json(error), now }),
    markUncertain: (id: string, error: AppErrorData, now: number) =>
      void fail.run({ id, state: 'uncertain', error: json(error), now }),
    setSentCopy: (
      id: string,
      sentCopy: 'pending' | 'saved' | 'failed',
      nextAt: number | null,
      now: number,
      error: AppErrorData | null = null,
    ) =>
      void copy.run({ id, sentCopy, tried: sentCopy === 'saved' ? 0 : 1, nextAt, now, error: json(error) }),
    /** A Sent copy not saved yet is due now (the person asked); false when there is none to retry. */
    retrySentCopy: (id: string, now: number): boolean => copyAgain.run({ id, now }).changes > 0,
    /** The bytes of one row (for the Sent copy shown until the server has it). */
    rawOf: (id: string): Buffer | undefined => rawOf.get(id)?.raw,
    /** Accounts with due messages and how many, each counted up to `cap` (what the pump can use). */
    dueAccounts(now: number, cap = Number.MAX_SAFE_INTEGER): { accountId: string; count: number }[] {
      const due: { accountId: string; count: number }[] = []
      for (let a = firstQueued.get(); a !== null && a !== undefined; a = nextQueued.get(a)) {
        const count = dueCount.get(a, now, cap) ?? 0
        if (count > 0) due.push({ accountId: a, count })
      }
      return due
    },
    nextDueAt: (): number | null => nextDue.get()?.t ?? null,
    /** Accounts with Sent copies to save now (no message bytes: this runs on every pump). */
    accountsWithCopiesDue: (now: number): string[] => copyAccounts.all(now).map((r) => r.account_id),
    sentCopiesDue: (accountId: string, now: number, limit: number): OutboxMessage[] =>
      copiesDue.all(accountId, now, limit).map(withRaw),
    /** After a crash: a row left in 'sending' never reached the end of data, so it is safe to send again. */
    requeueInterrupted: (now: number): number => interrupted.run({ now }).changes,
    remove: (id: string): boolean => remove.run(id).changes > 0,
    /** The draft's newest message that is not `failed` (waiting, leaving, uncertain or sent). */
    forDraft(draftId: string): OutboxRow | undefined {
      const r = forDraft.get(draftId)
      return r ? toRow(r) : undefined
    },
    /** A draft sent again replaces the messages of it that were refused for good. */
    removeFailedForDraft: (draftId: string): number => removeFailed.run(draftId).changes,
    /** The servers' 250 replies to the end of data (outbox-replies.ts). */
    replies,
    pruneSent: (before: number): number => prune.run(before).changes,
    settings(): OutboxSettings {
      const v = getSetting.get('undoSeconds')?.value
      return { undoSeconds: v === undefined ? DEFAULT_SETTINGS.undoSeconds : Number(v) }
    },
    saveSettings: (s: OutboxSettings) => void putSetting.run('undoSeconds', String(s.undoSeconds)),
  }
}

export type OutboxStore = ReturnType<typeof createOutboxStore>
