/** What the delivery-report service offers the rest of the app (delivery-service.ts builds it). */
import type { RecipientDelivery } from '../../../shared/model/delivery'
import type { SentState } from '../../../shared/mail/sent-state'
import type { MatchedReport } from './bounce-matcher'
import type { SentEnvelope } from './delivery-store'

export interface DeliveryService {
  /** The outbox's sent message: what its reports will be matched against. */
  recordSent(sent: SentEnvelope): void
  /** Reads a report for the account now (the pass on new mail, and tests). */
  ingest(
    accountId: string,
    raw: Buffer,
    meta: { receivedAt: number; reportMessageId: string | null },
  ): MatchedReport | null
  /** Per-recipient outcomes of a sent message, by its Message-ID. */
  statusFor(messageId: string): RecipientDelivery[]
  /** The Sent list's badge per Message-ID; messages without reports are left out. */
  sentStates(messageIds: readonly string[]): Record<string, SentState>
  /** Waits for the passes started so far (tests, shutdown). */
  idle(): Promise<void>
  close(): void
}
