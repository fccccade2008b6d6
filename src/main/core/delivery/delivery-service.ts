/**
 * Delivery reports end to end: remembers what was sent (the outbox tells it), watches the Inbox
 * for reports (new mail, and any change of an Inbox: a first sync, a POP3 download), matches them
 * (bounce-matcher.ts) and files a matched report with the message it reports on: read, and in its
 * conversation (report-filing.ts), instead of leaving it an unread stranger in the Inbox.
 */
import type { RecipientDelivery } from '../../../shared/model/delivery'
import type { Mailbox, MailboxRole, MessagePage, MessageSummary } from '../../../shared/model/mail'
import { sentState, type SentState } from '../../../shared/mail/sent-state'
import { matchReport, type MatchedReport } from './bounce-matcher'
import type { DeliveryService } from './delivery-service-api'
import type { DeliveryStore, SentEnvelope } from './delivery-store'

/** What the service needs of the mail store (MailService satisfies it). */
export interface ReportSource {
  listMessages(mailboxId: string, range: { offset: number; limit: number }): Promise<MessagePage>
  getRawMessage(messageId: string, maxBytes: number): Promise<Uint8Array>
  setFlags(messageIds: string[], flags: { seen?: boolean }): Promise<void>
  findMailboxByRole(accountId: string, role: MailboxRole): Mailbox | null
}

/** Reports are small (RET=HDRS); a larger message is no report worth reading whole. */
const MAX_REPORT_BYTES = 2 * 1024 * 1024
/** How many of the newest messages one pass looks at (a burst of new mail is looked at in part). */
const MAX_PER_PASS = 50
/** A changed Inbox (first sync, POP3) is looked at this far back, by summary first. */
const MAX_PER_CHANGE = 200
/** Changes of one Inbox within this long make one pass (a sync reports each batch). */
const CHANGE_SETTLE_MS = 1000

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
  /**
   * Subscribes to changes of any mailbox (mailbox:changed): a first sync and POP3 add mail without
   * announcing it as new. Optional: without it only mail:new is watched.
   */
  onMailboxChanged?: (listener: (e: { accountId: string; mailboxId: string }) => void) => () => void
  mail: ReportSource
  /** Joins a matched report to the sent message's conversation (report-filing.ts). */
  filing?: {
    file(accountId: string, reportRowId: string, reportMessageId: string | null, sentMessageId: string): void
  }
  /** Told about each matched report: the app tells open views (delivery:changed). */
  onMatched?: (m: MatchedReport & { accountId: string }) => void
  /** How long changes of an Inbox settle before a pass (tests shorten it). */
  changeSettleMs?: number
}

export function createDeliveryService(opts: DeliveryServiceOptions): DeliveryService {
  const { store, mail } = opts
  /** Messages already looked at in this run (by stored id): each is read at most once. */
  const seen = new Set<string>()
  /** Reports matched before (by their Message-ID): not read again after a restart. */
  const matchedReports = new Set(store.reportMessageIds())
  let queue: Promise<void> = Promise.resolve()
  let closed = false

  async function examine(accountId: string, m: MessageSummary): Promise<MatchedReport | null> {
    if (seen.has(m.id) || !mayBeReport(m)) return null
    seen.add(m.id)
    if (m.messageId && matchedReports.has(m.messageId)) return null
    const raw = Buffer.from(await mail.getRawMessage(m.id, MAX_REPORT_BYTES))
    const matched = matchReport(store, accountId, raw, {
      receivedAt: m.receivedAt,
      reportMessageId: m.messageId,
    })
    if (!matched) return null
    if (m.messageId) matchedReports.add(m.messageId)
    // Filed with the sent message: in its conversation, and read.
    opts.filing?.file(accountId, m.id, m.messageId, matched.messageId)
    if (!m.flags.seen) await mail.setFlags([m.id], { seen: true })
    opts.onMatched?.({ ...matched, accountId })
    return matched
  }

  async function scan(accountId: string, mailboxId: string, limit: number): Promise<void> {
    if (closed) return
    const page = await mail.listMessages(mailboxId, { offset: 0, limit })
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

  const enqueue = (accountId: string, mailboxId: string, limit: number) => {
    // One pass at a time: reports of one burst are matched in order.
    queue = queue.then(() => scan(accountId, mailboxId, limit)).catch(() => undefined)
  }
  const offNew = opts.onNewMail(({ accountId, mailboxId, count }) =>
    enqueue(accountId, mailboxId, Math.min(Math.max(count, 1), MAX_PER_PASS)),
  )
  const settling = new Map<string, ReturnType<typeof setTimeout>>()
  const offChanged = opts.onMailboxChanged?.(({ accountId, mailboxId }) => {
    if (closed || settling.has(mailboxId)) return
    if (mail.findMailboxByRole(accountId, 'inbox')?.id !== mailboxId) return
    const timer = setTimeout(() => {
      settling.delete(mailboxId)
      enqueue(accountId, mailboxId, MAX_PER_CHANGE)
    }, opts.changeSettleMs ?? CHANGE_SETTLE_MS)
    timer.unref?.()
    settling.set(mailboxId, timer)
  })

  return {
    /** The outbox's sent message: what its reports will be matched against. */
    recordSent: (sent: SentEnvelope): void => store.recordSent(sent),
    /** Reads a report for the account now (the pass above, and tests). */
    ingest: (accountId: string, raw: Buffer, meta: { receivedAt: number; reportMessageId: string | null }) =>
      matchReport(store, accountId, raw, meta),
    /** Per-recipient outcomes of a sent message, by its Message-ID. */
    statusFor: (messageId: string): RecipientDelivery[] => store.statusByMessageId(messageId),
    sentStates(messageIds: readonly string[]): Record<string, SentState> {
      const out: Record<string, SentState> = {}
      for (const [id, list] of store.statusByMessageIds(messageIds)) {
        const state = sentState(list)
        if (state) out[id] = state
      }
      return out
    },
    /** Waits for the passes started so far (tests, shutdown). */
    idle: (): Promise<void> => queue,
    close(): void {
      closed = true
      offNew()
      offChanged?.()
      for (const t of settling.values()) clearTimeout(t)
      settling.clear()
    },
  }
}
