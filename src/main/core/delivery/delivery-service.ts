/**
 * Delivery reports end to end: remembers what was sent (the outbox tells it), watches new mail for
 * reports, matches them (bounce-matcher.ts) and files a matched report as read with the message it
 * reports on, instead of leaving it an unread stranger in the Inbox.
 */
import type { RecipientDelivery } from '../../../shared/model/delivery'
import type { MessagePage, MessageSummary } from '../../../shared/model/mail'
import { matchReport, type MatchedReport } from './bounce-matcher'
import type { DeliveryService } from './delivery-service-api'
import type { DeliveryStore, SentEnvelope } from './delivery-store'

/** What the service needs of the mail store (MailService satisfies it). */
export interface ReportSource {
  listMessages(mailboxId: string, range: { offset: number; limit: number }): Promise<MessagePage>
  getRawMessage(messageId: string, maxBytes: number): Promise<Uint8Array>
  setFlags(messageIds: string[], flags: { seen?: boolean }): Promise<void>
}

/** Reports are small (RET=HDRS); a larger message is no report worth reading whole. */
const MAX_REPORT_BYTES = 2 * 1024 * 1024
/** How many of the newest messages one pass looks at (a burst of new mail is looked at in part). */
const MAX_PER_PASS = 50

/**
 * Cheap first look by the summary: the mail system's senders and report subjects. Only these are
 * downloaded and read; the structure then decides (bounce-parser.ts).
 */
export function mayBeReport(m: MessageSummary): boolean {
  const from = m.from[0]
  const sender = `${from?.name ?? ''} ${from?.address ?? ''}`
  if (/\b(mailer-daemon|postmaster)@|mail delivery (system|subsystem)/i.test(sender)) return true
  return /undeliver|delivery status notification|returned mail|failure notice|delivery (has )?failed|delivery delayed|delivery report/i.test(
    m.subject,
  )
}

export interface DeliveryServiceOptions {
  store: DeliveryStore
  /** Subscribes to new mail in an Inbox (the event bus's mail:new); returns the unsubscribe. */
  onNewMail: (listener: (e: { accountId: string; mailboxId: string; count: number }) => void) => () => void
  mail: ReportSource
  /** Told about each matched report (tests; the log). */
  onMatched?: (m: MatchedReport) => void
}

export function createDeliveryService(opts: DeliveryServiceOptions): DeliveryService {
  const { store, mail } = opts
  /** Messages already looked at in this run (by stored id): each is read at most once. */
  const seen = new Set<string>()
  let queue: Promise<void> = Promise.resolve()

  async function examine(accountId: string, m: MessageSummary): Promise<MatchedReport | null> {
    if (seen.has(m.id) || !mayBeReport(m)) return null
    seen.add(m.id)
    const raw = Buffer.from(await mail.getRawMessage(m.id, MAX_REPORT_BYTES))
    const matched = matchReport(store, accountId, raw, {
      receivedAt: m.receivedAt,
      reportMessageId: m.messageId,
    })
    if (!matched) return null
    // Filed with the sent message: read, and listed with its delivery status.
    if (!m.flags.seen) await mail.setFlags([m.id], { seen: true })
    opts.onMatched?.(matched)
    return matched
  }

  async function scan(accountId: string, mailboxId: string, count: number): Promise<void> {
    const page = await mail.listMessages(mailboxId, {
      offset: 0,
      limit: Math.min(Math.max(count, 1), MAX_PER_PASS),
    })
    for (const m of page.items) {
      try {
        await examine(accountId, m)
      } catch (err) {
        // One unreadable message must not stop the others; it is tried again next run.
        seen.delete(m.id)
        console.warn('[delivery] could not read a possible report', err)
      }
    }
  }

  const off = opts.onNewMail(({ accountId, mailboxId, count }) => {
    // One pass at a time: reports of one burst are matched in order.
    queue = queue.then(() => scan(accountId, mailboxId, count)).catch(() => undefined)
  })

  return {
    /** The outbox's sent message: what its reports will be matched against. */
    recordSent: (sent: SentEnvelope): void => store.recordSent(sent),
    /** Reads a report for the account now (the pass above, and tests). */
    ingest: (accountId: string, raw: Buffer, meta: { receivedAt: number; reportMessageId: string | null }) =>
      matchReport(store, accountId, raw, meta),
    /** Per-recipient outcomes of a sent message, by its Message-ID. */
    statusFor: (messageId: string): RecipientDelivery[] => store.statusByMessageId(messageId),
    /** Waits for the passes started so far (tests, shutdown). */
    idle: (): Promise<void> => queue,
    close(): void {
      off()
    },
  }
}
