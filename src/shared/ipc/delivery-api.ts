import type { RecipientDelivery } from '../model/delivery'
import { methodList } from './method-list'

/** Delivery reports (RFC 3464) matched to the messages we sent. */
export interface DeliveryApi {
  /**
   * Per-recipient outcomes the reports told for the sent message with this Message-ID header
   * (`<...>`); empty when none came (or the message is not one we sent).
   */
  getDeliveryStatus(headerMessageId: string): Promise<RecipientDelivery[]>
}

export const DELIVERY_METHODS = methodList<DeliveryApi>()(['getDeliveryStatus'])
