import type { RecipientDelivery } from '../model/delivery'
import type { SenderCheck } from '../model/sender-auth'
import type { SentState } from '../mail/sent-state'
import { methodList } from './method-list'

/** Delivery reports (RFC 3464) matched to the messages we sent. */
export interface DeliveryApi {
  /**
   * Per-recipient outcomes the reports told for the sent message with this Message-ID header
   * (`<...>`); empty when none came (or the message is not one we sent).
   */
  getDeliveryStatus(headerMessageId: string): Promise<RecipientDelivery[]>
  /**
   * The Sent list's badge for many messages at once (by Message-ID header): only those with
   * reports are in the answer.
   */
  getSentStates(headerMessageIds: string[]): Promise<Record<string, SentState>>
  /**
   * Who really sent the stored message: SPF/DKIM/DMARC/ARC from the account's own receiving
   * server's Authentication-Results, or checked here; and the spoofing warnings.
   */
  getSenderCheck(messageId: string): Promise<SenderCheck>
  /**
   * The authserv-id (RFC 8601) of the account's receiving server, whose Authentication-Results are
   * believed; null: learn it from the account's mail.
   */
  setAuthservId(accountId: string, authservId: string | null): Promise<void>
}

export const DELIVERY_METHODS = methodList<DeliveryApi>()([
  'getDeliveryStatus',
  'getSentStates',
  'getSenderCheck',
  'setAuthservId',
])
