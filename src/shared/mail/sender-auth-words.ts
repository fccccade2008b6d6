/** Sender authenticity in words (issue 20 items 3, 4): the badge next to the sender, failures, warnings. */
import type { AuthMethodResult, SenderAuth, SpoofWarning } from '../model/sender-auth'

const NAMES: Record<AuthMethodResult['method'], string> = {
  dkim: 'DKIM',
  spf: 'SPF',
  dmarc: 'DMARC',
  arc: 'ARC',
}

/** The short label next to the sender. */
export function verdictLabel(auth: SenderAuth): string {
  if (auth.verdict === 'pass') return `Verified: ${auth.alignedDomain ?? auth.fromDomain ?? 'sender'}`
  if (auth.verdict === 'fail') return 'Failed sender check'
  return 'Sender not verified'
}

/** One method's failure explained: what went wrong, for which domain, and the check's name. */
export function failureWords(m: AuthMethodResult): string {
  const d = m.domain ?? 'the sender’s domain'
  const name = NAMES[m.method]
  switch (m.reason) {
    case 'body-changed':
      return `The message was changed after ${d} signed it: its text no longer matches the signature (${name}).`
    case 'bad-signature':
      return `The signature of ${d} does not match the message (${name}).`
    case 'no-key':
      return `The signing key of ${d} cannot be found, so its signature proves nothing (${name}).`
    case 'not-permitted':
      return `The server that delivered it is not allowed to send mail for ${d} (${name}).`
    case 'probably-not-permitted':
      return `${d} says the server that delivered it is probably not allowed to send its mail (${name}).`
    case 'not-aligned':
      return `Nothing shows that the message comes from ${d}: neither a valid signature nor a permitted server of that domain (${name}).`
    case 'dns-failure':
      return `The records of ${d} could not be looked up just now (${name}).`
    case 'broken-record':
      return `The record ${d} publishes is broken (${name}).`
    default:
      return `The ${name} check failed for ${d}.`
  }
}

/** What the badge says when asked for details: the source and each method's result. */
export function authDetails(auth: SenderAuth): string[] {
  if (auth.source === 'unchecked') return [auth.uncheckedWhy ?? 'Not checked.']
  const by =
    auth.source === 'server'
      ? `Checked by your mail server (${auth.authservId ?? ''}).`
      : 'Checked by Mailroom.'
  const lines = auth.methods.map((m) =>
    m.verdict === 'fail'
      ? failureWords(m)
      : `${NAMES[m.method]}: ${m.result}${m.domain ? ` (${m.domain})` : ''}`,
  )
  return [by, ...(lines.length ? lines : ['No signature or sender policy to check.'])]
}

/** A spoofing warning in words: calm, says what is odd and what to do. */
export function warningWords(w: SpoofWarning): string {
  switch (w.kind) {
    case 'display-name-address':
      return `The name shows the address ${w.shownAddress}, but the message comes from ${w.realAddress}.`
    case 'look-alike-domain':
      return `${w.domain} looks like ${w.resembles}, ${w.of === 'account' ? 'your own domain' : 'the domain of someone you write to'}, but is a different domain.`
    case 'reply-to-elsewhere':
      return `Replies go to ${w.replyToDomain}, not to ${w.fromDomain} where the message comes from.`
    case 'dmarc-fail':
      return `This message failed ${w.domain}’s sender check (DMARC): it may not come from ${w.domain}.`
  }
}
