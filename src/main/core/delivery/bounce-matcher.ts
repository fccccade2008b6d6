/**
 * Matches a delivery report to the message it reports on and records each recipient's outcome.
 * Only the account's own sent messages are candidates, and only their envelope recipients are
 * recorded: a report is mail like any other and anyone can write one, so it can say nothing about
 * a message we did not send nor about people it was not sent to.
 */
import type { RecipientDelivery } from '../../../shared/model/delivery'
import { parseBounce } from './bounce-parser'
import type { ParsedBounce } from './bounce-types'
import type { DeliveryStore, SentEnvelope } from './delivery-store'

export interface MatchedReport {
  envelopeId: string
  messageId: string
  /** How it was found: RFC 3464 Original-Envelope-Id, the returned Message-ID, or a related id. */
  by: 'envelope-id' | 'message-id' | 'related-id'
  /** The outcomes recorded from this report (a stale one that changed nothing is left out). */
  recorded: RecipientDelivery[]
  report: ParsedBounce
}

function findSent(
  store: DeliveryStore,
  accountId: string,
  b: ParsedBounce,
): { sent: SentEnvelope; by: MatchedReport['by'] } | null {
  const byEnvelope = b.envelopeId ? store.findByEnvelope(accountId, b.envelopeId) : undefined
  if (byEnvelope) return { sent: byEnvelope, by: 'envelope-id' }
  const byMessage = b.originalMessageId ? store.findByMessageId(accountId, b.originalMessageId) : undefined
  if (byMessage) return { sent: byMessage, by: 'message-id' }
  for (const id of b.relatedIds) {
    const related = store.findByMessageId(accountId, id)
    if (related) return { sent: related, by: 'related-id' }
  }
  return null
}

/**
 * Reads `raw` as a report for `accountId` and records what it says; null when it is no report or
 * reports on nothing this account sent.
 */
export function matchReport(
  store: DeliveryStore,
  accountId: string,
  raw: Buffer,
  opts: { receivedAt: number; reportMessageId: string | null },
): MatchedReport | null {
  const report = parseBounce(raw, opts.receivedAt)
  if (!report) return null
  const found = findSent(store, accountId, report)
  if (!found) return null
  const { sent, by } = found
  const recipients = new Set(sent.recipients)
  const recorded: RecipientDelivery[] = []
  for (const r of report.recipients) {
    const recipient = r.recipient.toLowerCase()
    if (!recipients.has(recipient)) continue
    const d = { ...r, recipient }
    if (store.record(sent.envelopeId, d, opts.reportMessageId)) recorded.push(d)
  }
  return { envelopeId: sent.envelopeId, messageId: sent.messageId, by, recorded, report }
}
