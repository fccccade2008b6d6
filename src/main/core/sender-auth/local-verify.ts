/**
 * Checks a message here when the account's receiving server added no results: DKIM (RFC 6376),
 * SPF (RFC 7208) for the first external hop of the Received chain, DMARC (RFC 7489) and ARC
 * (RFC 8617), with mailauth (by imapflow's author). DNS goes through the given resolver, so
 * tests answer from a table and the app can bound every lookup.
 */
import { authenticate, type DNSResolver } from 'mailauth'
import type { AuthResultEntry } from './auth-results'
import { domainOf } from './domains'
import { fieldValue, firstExternalHop, type HeaderField } from './header-fields'

export type { DNSResolver }

/** mailauth's results as Authentication-Results entries, read by the same summary as a server's. */
export async function verifyLocally(
  raw: Buffer,
  fields: readonly HeaderField[],
  resolver: DNSResolver,
): Promise<AuthResultEntry[]> {
  const hop = firstExternalHop(fields)
  // MAIL FROM as the final delivery recorded it (Return-Path, RFC 5321 §4.4).
  const returnPath = fieldValue(fields, 'return-path')
  const sender = returnPath ? returnPath.replace(/[<>\s]/g, '') : undefined
  const res = await authenticate(raw, {
    ip: hop?.ip,
    helo: hop?.helo ?? undefined,
    sender: sender || undefined,
    mta: 'mailroom.local',
    resolver,
    disableBimi: true,
  })
  const out: AuthResultEntry[] = []
  for (const d of res.dkim.results ?? []) {
    if (d.status.result === 'none' && !d.signingDomain) continue
    out.push({
      method: 'dkim',
      result: d.status.result,
      reason: null,
      comment: d.status.comment ?? null,
      props: d.signingDomain ? { 'header.d': d.signingDomain } : {},
    })
  }
  // SPF needs a client address: without a Received field naming one there is nothing to check.
  if (res.spf && hop) {
    const domain = res.spf.domain || domainOf(sender)
    out.push({
      method: 'spf',
      result: res.spf.status.result,
      reason: null,
      comment: res.spf.status.comment ?? null,
      props: domain ? { 'smtp.mailfrom': domain } : {},
    })
  }
  if (res.dmarc && res.dmarc.status) {
    out.push({
      method: 'dmarc',
      result: res.dmarc.status.result,
      reason: null,
      comment: res.dmarc.p ? `p=${res.dmarc.p}` : null,
      props: res.dmarc.domain ? { 'header.from': res.dmarc.domain } : {},
    })
  }
  if (res.arc && res.arc.status && res.arc.status.result !== 'none') {
    out.push({
      method: 'arc',
      result: res.arc.status.result,
      reason: null,
      comment: res.arc.status.comment ?? null,
      props: {},
    })
  }
  return out
}
