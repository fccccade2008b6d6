/**
 * The outbox's contract: what the engine offers (Outbox), what it needs (OutboxOptions), and the
 * seams the draft lifecycle and the crash tests plug into. The engine is outbox-engine.ts.
 */
import type { OutboxItem, OutboxSettings } from '../../../shared/model/compose'
import type { AccountSource } from '../accounts/account-source'
import type { LocalCopyTarget, PendingServerCopies } from '../compose/ports'
import type { ContactStore } from '../store/contact-store'
import type { EventBus } from '../events'
import type { TlsTrust } from '../net/tls'
import type { TaskHealth } from '../store/storage-health'
import type { NewOutboxMessage, OutboxRow, OutboxStore } from './outbox-store'

/**
 * before-connect: claimed, nothing sent. mid-data: part of the message sent. reply-read: the 250
 * was read but not yet recorded (on disk this is the same as a lost reply). after-accepted: the
 * 250 is recorded, the message not yet marked sent. after-commit: marked sent, no Sent copy yet.
 */
export type ProbePoint = 'before-connect' | 'mid-data' | 'reply-read' | 'after-accepted' | 'after-commit'

/** Test seam: crash tests stop the process at these points. Production passes none. */
export interface OutboxProbe {
  at(point: ProbePoint, outboxId: string): Promise<void>
}

/** What happens to a message's draft as the message moves. */
export interface OutboxLifecycle {
  /** The server accepted it: the draft is done. */
  sent(row: Pick<OutboxRow, 'accountId' | 'draftId'>): void
  /** It came back (undo, or refused for good): the draft is editable again. */
  returned(draftId: string): void
  /**
   * A failed message is tried again as it was: its draft must be claimed again (editing →
   * outbox), or the call refused (throw) when the draft was sent or changed meanwhile.
   */
  reclaim(row: OutboxRow): void
}

export interface OutboxOptions {
  store: OutboxStore
  accounts: AccountSource
  trust: TlsTrust
  events: EventBus
  local: LocalCopyTarget
  contacts: ContactStore
  /** Parallel submission connections per account (nodemailer's pool default is 5 as well). */
  maxConnections?: number
  /** Waits before the 1st, 2nd, ... retry; the last one repeats. */
  retryDelaysMs?: readonly number[]
  probe?: OutboxProbe
  now?: () => number
  /**
   * What happens to a message's draft as the message moves (compose/draft-lifecycle.ts). The
   * engine also publishes `outbox:submission-info` (what a server advertised, for the composer's
   * SIZE warning) and `outbox:sent-copies-saved` (the mail store syncs that Sent folder) on `events`.
   */
  lifecycle: OutboxLifecycle
  /**
   * Remembers each message as it is marked sent, in that same transaction: core/delivery matches
   * delivery reports against it later, after the outbox row itself is pruned.
   */
  sentLog?: { recordSent(row: OutboxRow): void }
  /** Shows Sent copies the server does not have yet in the mail store (copy-job.ts). */
  pending?: PendingServerCopies
  /**
   * Hears when the outbox cannot start or stops on a failed store (the app's banner); once the
   * store works again the outbox starts over as after a crash (docs/architecture.md, Outbox).
   */
  health?: TaskHealth
}

export type QueueRequest = Omit<NewOutboxMessage, 'id' | 'queuedAt' | 'sendAt'>

export interface Outbox {
  /**
   * Recovers from a previous run and starts sending what is due. A failure is reported to the
   * health monitor (and rejects); after a storage failure it starts again once the store works.
   */
  start(): Promise<void>
  /**
   * Queues a message; `alongside` runs in the same transaction (the draft's claim). Refused when
   * the draft already has a message that is not `failed`: one draft, one message. Earlier failed
   * messages of the draft are replaced.
   */
  queue(request: QueueRequest, alongside?: () => void): OutboxItem
  list(): OutboxItem[]
  get(id: string): OutboxItem | undefined
  /** The draft's message that counts (waiting, leaving, uncertain or sent), if any. */
  forDraft(draftId: string): OutboxItem | undefined
  /** Removes a message that has not left (queued, failed, uncertain); returns its draft id. */
  undo(id: string): string
  retryNow(id: string): void
  /** Tries a Sent copy that is not saved yet (refused, or waiting for its next try) now (copy-job.ts). */
  retrySentCopy(id: string): void
  resolveUncertain(id: string, resolution: 'was-sent' | 'send-again'): void
  settings(): OutboxSettings
  setSettings(settings: OutboxSettings): void
  /** Stops scheduling and waits for running transactions to finish. */
  stop(): Promise<void>
}
