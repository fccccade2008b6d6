/**
 * Delivery status notifications (RFC 3461 requests, RFC 3464 reports): what the sender asked the
 * servers to report, and what they reported per recipient.
 */

/**
 * 'failure': report only a failed delivery (the default: NOTIFY=FAILURE); 'all': "Tell me when it
 * is delivered", NOTIFY=SUCCESS,FAILURE,DELAY (RFC 3461 §4.1).
 */
export type DeliveryNotify = 'failure' | 'all'

/** RFC 3464 §2.3.3 Action, the values a person can tell apart. */
export type DeliveryAction = 'delivered' | 'relayed' | 'expanded' | 'failed' | 'delayed'

/** One recipient's outcome as a report told it. */
export interface RecipientDelivery {
  /** The address the report names (Final-Recipient, or Original-Recipient when that is all there is). */
  recipient: string
  action: DeliveryAction
  /** RFC 3463 enhanced status code ("5.1.1"), when the report gives one. */
  status: string | null
  /** The remote server's own words (Diagnostic-Code), when given. */
  diagnostic: string | null
  /** When it happened: the report's Arrival-Date/Last-Attempt-Date, else when the report arrived (ms). */
  at: number
}
