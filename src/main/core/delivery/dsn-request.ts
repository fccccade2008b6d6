/**
 * What a message asks of delivery status notifications (RFC 3461): the SMTP parameters for the
 * outbox's choice. The envelope id is the outbox id, so a report finds its message again
 * (Original-Envelope-Id, RFC 3464 §2.2.1) even when it returns no headers.
 */
import type { DeliveryNotify } from '../../../shared/model/delivery'

export interface DsnRequest {
  /** RFC 3461 §4.4 ENVID (sent as xtext by nodemailer). */
  envid: string
  /** RFC 3461 §4.3 RET: HDRS, so a report carries our headers (Message-ID) and not the whole message back. */
  ret: 'HDRS'
  /** RFC 3461 §4.1 NOTIFY for every recipient. */
  notify: ('SUCCESS' | 'FAILURE' | 'DELAY')[]
}

export function dsnRequest(outboxId: string, mode: DeliveryNotify): DsnRequest {
  return {
    envid: outboxId,
    ret: 'HDRS',
    // "Failure-only" by default: without NOTIFY many servers also report delays (RFC 3461 §4.1).
    notify: mode === 'all' ? ['SUCCESS', 'FAILURE', 'DELAY'] : ['FAILURE'],
  }
}
