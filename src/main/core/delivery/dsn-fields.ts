/**
 * RFC 3464 §2: the body of message/delivery-status is one block of per-message fields, then one
 * block per recipient, blocks separated by blank lines, each written like a header block.
 */
import type { DeliveryAction, RecipientDelivery } from '../../../shared/model/delivery'
import { enhancedStatusOf } from '../../../shared/mail/enhanced-status'
import { readHeaders } from './report-mime'

export function fieldGroups(text: string): Map<string, string>[] {
  return text
    .split(/\r?\n(?:[ \t]*\r?\n)+/)
    .map((block) => readHeaders(block))
    .filter((g) => g.size > 0)
}

/** "rfc822; a@b" → "a@b" (RFC 3464 §2.3.2: address-type ";" generic-address). */
export function addressOf(field: string | undefined): string | null {
  if (!field) return null
  const value = field.includes(';') ? field.slice(field.indexOf(';') + 1) : field
  const address = value
    .trim()
    .replace(/^<(.*)>$/, '$1')
    .trim()
  return address || null
}

/** A value in angle brackets (a Message-ID), or the trimmed value. */
export function bracketed(value: string | undefined): string | null {
  if (!value) return null
  const m = /<[^<>\s]+>/.exec(value)
  return m ? m[0] : value.trim() || null
}

const ACTIONS: readonly DeliveryAction[] = ['delivered', 'relayed', 'expanded', 'failed', 'delayed']

/** The action a report names; a value we do not know is read from the status class. */
export function actionOf(action: string | undefined, status: string | null): DeliveryAction {
  const a = (action ?? '').trim().toLowerCase().split(/\s/)[0] as DeliveryAction
  if (ACTIONS.includes(a)) return a
  if (status?.startsWith('2')) return 'delivered'
  if (status?.startsWith('4')) return 'delayed'
  return 'failed'
}

function dateOf(value: string | undefined): number | null {
  if (!value) return null
  const t = Date.parse(value.replace(/\([^)]*\)/g, '').trim())
  return Number.isFinite(t) ? t : null
}

export interface DeliveryStatusReport {
  envelopeId: string | null
  recipients: RecipientDelivery[]
}

export function readDeliveryStatus(text: string, receivedAt: number): DeliveryStatusReport {
  const [perMessage, ...perRecipient] = fieldGroups(text)
  const envelopeId = perMessage?.get('original-envelope-id')?.trim() || null
  const arrival = dateOf(perMessage?.get('arrival-date'))
  const recipients: RecipientDelivery[] = []
  for (const g of perRecipient) {
    const recipient = addressOf(g.get('original-recipient')) ?? addressOf(g.get('final-recipient'))
    if (!recipient) continue
    const status = enhancedStatusOf(g.get('status') ?? '')
    const diagnostic = g.get('diagnostic-code') ?? null
    recipients.push({
      recipient,
      action: actionOf(g.get('action'), status),
      status,
      diagnostic: diagnostic ? diagnostic.replace(/^[a-z0-9-]+;\s*/i, '') : null,
      at: dateOf(g.get('last-attempt-date')) ?? arrival ?? receivedAt,
    })
  }
  return { envelopeId, recipients }
}
