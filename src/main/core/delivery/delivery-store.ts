/**
 * What was sent with a delivery report request, and what the reports said per recipient. Kept apart
 * from the outbox (whose sent rows are pruned) so a report that comes days later still finds its
 * message: by ENVID (the outbox id), else by the Message-ID the report returns.
 */
import type { DeliveryAction, RecipientDelivery } from '../../../shared/model/delivery'
import { migrate, type Db, type Migration } from '../store/database'

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'sent envelopes and per-recipient delivery reports',
    up: (db) =>
      db.exec(`CREATE TABLE delivery_sent (
        envelope_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        message_id TEXT NOT NULL,
        recipients TEXT NOT NULL,
        sent_at INTEGER NOT NULL
      );
      CREATE INDEX delivery_sent_message ON delivery_sent (account_id, message_id);
      CREATE TABLE delivery_status (
        envelope_id TEXT NOT NULL REFERENCES delivery_sent (envelope_id) ON DELETE CASCADE,
        recipient TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('delivered', 'relayed', 'expanded', 'failed', 'delayed')),
        status TEXT,
        diagnostic TEXT,
        at INTEGER NOT NULL,
        -- The report's own Message-ID: the report is filed with the message it reports on.
        report_message_id TEXT,
        PRIMARY KEY (envelope_id, recipient)
      );
      CREATE INDEX delivery_status_report ON delivery_status (report_message_id);`),
  },
  {
    version: 2,
    description: 'sent messages by Message-ID alone (the reader and the Sent list ask without the account)',
    up: (db) => db.exec('CREATE INDEX delivery_sent_by_message ON delivery_sent (message_id);'),
  },
]

export interface SentEnvelope {
  envelopeId: string
  accountId: string
  messageId: string
  /** The envelope's recipients (RCPT TO), lower case. */
  recipients: string[]
  sentAt: number
}

interface SentRow {
  envelope_id: string
  account_id: string
  message_id: string
  recipients: string
  sent_at: number
}

interface StatusRow {
  recipient: string
  action: DeliveryAction
  status: string | null
  diagnostic: string | null
  at: number
}

const toSent = (r: SentRow): SentEnvelope => ({
  envelopeId: r.envelope_id,
  accountId: r.account_id,
  messageId: r.message_id,
  recipients: JSON.parse(r.recipients) as string[],
  sentAt: r.sent_at,
})

export function createDeliveryStore(db: Db) {
  migrate(db, 'delivery', MIGRATIONS)
  const insertSent = db.prepare(`INSERT OR IGNORE INTO delivery_sent
    (envelope_id, account_id, message_id, recipients, sent_at)
    VALUES (@envelopeId, @accountId, @messageId, @recipients, @sentAt)`)
  const byEnvelope = db.prepare<[string, string], SentRow>(
    'SELECT * FROM delivery_sent WHERE envelope_id = ? AND account_id = ?',
  )
  const byMessageId = db.prepare<[string, string], SentRow>(
    'SELECT * FROM delivery_sent WHERE account_id = ? AND message_id = ? ORDER BY sent_at DESC LIMIT 1',
  )
  // A final outcome (delivered, relayed, expanded, failed) replaces a delay and an older outcome; a
  // delay never replaces a final outcome (reports can arrive out of order).
  const upsert = db.prepare(`INSERT INTO delivery_status
    (envelope_id, recipient, action, status, diagnostic, at, report_message_id)
    VALUES (@envelopeId, @recipient, @action, @status, @diagnostic, @at, @report)
    ON CONFLICT (envelope_id, recipient) DO UPDATE SET action = excluded.action, status = excluded.status,
      diagnostic = excluded.diagnostic, at = excluded.at, report_message_id = excluded.report_message_id
    WHERE (excluded.action != 'delayed' AND (delivery_status.action = 'delayed' OR excluded.at >= delivery_status.at))
       OR (excluded.action = 'delayed' AND delivery_status.action = 'delayed' AND excluded.at >= delivery_status.at)`)
  const statusOf = db.prepare<[string], StatusRow>(
    'SELECT recipient, action, status, diagnostic, at FROM delivery_status WHERE envelope_id = ? ORDER BY recipient',
  )
  const statusByMessage = db.prepare<[string], StatusRow & { envelope_id: string }>(
    `SELECT s.envelope_id, s.recipient, s.action, s.status, s.diagnostic, s.at FROM delivery_status s
     JOIN delivery_sent d ON d.envelope_id = s.envelope_id WHERE d.message_id = ? ORDER BY s.recipient`,
  )
  const reportIds = db.prepare<[], { report_message_id: string }>(
    'SELECT DISTINCT report_message_id FROM delivery_status WHERE report_message_id IS NOT NULL',
  )
  const toDelivery = (r: StatusRow): RecipientDelivery => ({
    recipient: r.recipient,
    action: r.action,
    status: r.status,
    diagnostic: r.diagnostic,
    at: r.at,
  })

  return {
    /** A message the server accepted: what its reports will be matched against. */
    recordSent(e: SentEnvelope): void {
      insertSent.run({ ...e, recipients: JSON.stringify(e.recipients.map((r) => r.toLowerCase())) })
    },
    findByEnvelope: (accountId: string, envelopeId: string): SentEnvelope | undefined => {
      const r = byEnvelope.get(envelopeId, accountId)
      return r ? toSent(r) : undefined
    },
    findByMessageId: (accountId: string, messageId: string): SentEnvelope | undefined => {
      const r = byMessageId.get(accountId, messageId)
      return r ? toSent(r) : undefined
    },
    /** Records a recipient's outcome; false when an earlier, final one stands. */
    record(envelopeId: string, d: RecipientDelivery, reportMessageId: string | null): boolean {
      return upsert.run({ envelopeId, ...d, report: reportMessageId }).changes > 0
    },
    statusOf: (envelopeId: string): RecipientDelivery[] => statusOf.all(envelopeId).map(toDelivery),
    /** By the sent message's Message-ID (what the reader knows of a message in Sent). */
    statusByMessageId: (messageId: string): RecipientDelivery[] =>
      statusByMessage.all(messageId).map(toDelivery),
    /** Outcomes of many sent messages at once, by Message-ID (the Sent list's badges). */
    statusByMessageIds(messageIds: readonly string[]): Map<string, RecipientDelivery[]> {
      const out = new Map<string, RecipientDelivery[]>()
      for (let i = 0; i < messageIds.length; i += 500) {
        const chunk = messageIds.slice(i, i + 500)
        const rows = db
          .prepare<string[], StatusRow & { message_id: string }>(
            `SELECT d.message_id, s.recipient, s.action, s.status, s.diagnostic, s.at FROM delivery_status s
             JOIN delivery_sent d ON d.envelope_id = s.envelope_id
             WHERE d.message_id IN (${chunk.map(() => '?').join(',')}) ORDER BY s.recipient`,
          )
          .all(...chunk)
        for (const r of rows) out.set(r.message_id, [...(out.get(r.message_id) ?? []), toDelivery(r)])
      }
      return out
    },
    /** The Message-IDs of the reports that were matched (filed with their sent message). */
    reportMessageIds: (): string[] => reportIds.all().map((r) => r.report_message_id),
  }
}

export type DeliveryStore = ReturnType<typeof createDeliveryStore>
