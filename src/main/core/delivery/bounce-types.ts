import type { RecipientDelivery } from '../../../shared/model/delivery'

/**
 * rfc3464: a message/delivery-status part (in a multipart/report or not). The others are the
 * common reports without one, recognised by their text: qmail's, Exim's classic one, Exchange's
 * before 2007 and Gmail's older one.
 */
export type BounceShape = 'rfc3464' | 'qmail' | 'exim' | 'exchange' | 'gmail'

/** What a delivery report says, and what it names of the message it reports on. */
export interface ParsedBounce {
  shape: BounceShape
  /** RFC 3464 §2.2.1 Original-Envelope-Id: our ENVID (the outbox id), when the server kept it. */
  envelopeId: string | null
  /** Message-ID of the returned message or headers. */
  originalMessageId: string | null
  /** The returned message's In-Reply-To, and the report's own In-Reply-To/References. */
  relatedIds: string[]
  recipients: RecipientDelivery[]
}
