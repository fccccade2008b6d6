/**
 * From Authentication-Results entries (the server's, or the ones computed here) to what a person
 * is shown: pass/fail/none per method and overall, the aligned domain, and a reason for a failure.
 */
import type {
  AuthFailReason,
  AuthMethod,
  AuthMethodResult,
  AuthVerdict,
  SenderAuth,
} from '../../../shared/model/sender-auth'
import type { AuthResultEntry } from './auth-results'
import { aligned, domainOf } from './domains'

const METHODS: readonly AuthMethod[] = ['dmarc', 'dkim', 'spf', 'arc']

/** The domain a result is about (RFC 8601 §2.7, the properties each method reports). */
function domainFor(e: AuthResultEntry): string | null {
  const p = e.props
  const name = (v: string | undefined) => (v ? (v.includes('@') ? domainOf(v) : v.toLowerCase()) : null)
  if (e.method === 'dkim') return name(p['header.d']) ?? name(p['header.i'])
  if (e.method === 'spf') return name(p['smtp.mailfrom']) ?? name(p['smtp.helo'])
  if (e.method === 'dmarc') return name(p['header.from'])
  return null
}

/** Words servers and mailauth put in a DKIM result's comment for a broken signature. */
const BODY_CHANGED = /body hash|bh mismatch|body.*(did not|does not|doesn't) (verify|match)/i
const BAD_SIGNATURE = /bad signature|signature (did not|does not|doesn't) verify|verification failed/i
const NO_KEY = /no key|key not found|invalid public key|unknown key/i

function failure(e: AuthResultEntry): { verdict: AuthVerdict; reason: AuthFailReason | null } {
  const words = `${e.comment ?? ''} ${e.reason ?? ''}`
  switch (e.result) {
    case 'pass':
      return { verdict: 'pass', reason: null }
    case 'softfail':
      return { verdict: 'fail', reason: 'probably-not-permitted' }
    case 'permerror':
      return { verdict: 'fail', reason: e.method === 'dkim' ? 'bad-signature' : 'broken-record' }
    case 'temperror':
      return { verdict: 'none', reason: 'dns-failure' }
    case 'fail':
    case 'neutral':
    case 'policy': {
      // mailauth (and some servers) report a broken DKIM signature as "neutral" with its reason in
      // the comment; RFC 6376 §6.1 calls each of these a PERMFAIL.
      if (e.method === 'dkim' || e.method === 'arc') {
        if (BODY_CHANGED.test(words)) return { verdict: 'fail', reason: 'body-changed' }
        if (NO_KEY.test(words)) return { verdict: 'fail', reason: 'no-key' }
        if (e.result === 'fail' || BAD_SIGNATURE.test(words))
          return { verdict: 'fail', reason: 'bad-signature' }
        return { verdict: 'none', reason: null }
      }
      if (e.result !== 'fail') return { verdict: 'none', reason: null }
      if (e.method === 'spf') return { verdict: 'fail', reason: 'not-permitted' }
      if (e.method === 'dmarc') return { verdict: 'fail', reason: 'not-aligned' }
      return { verdict: 'fail', reason: 'other' }
    }
    default:
      return { verdict: 'none', reason: null }
  }
}

export function methodResults(entries: readonly AuthResultEntry[]): AuthMethodResult[] {
  const out: AuthMethodResult[] = []
  for (const method of METHODS) {
    for (const e of entries) {
      if (e.method !== method) continue
      const { verdict, reason } = failure(e)
      out.push({
        method,
        result: e.result,
        verdict,
        domain: domainFor(e),
        reason,
        detail: e.comment ?? e.reason,
      })
    }
  }
  return out
}

/**
 * The overall answer: DMARC's when it gave one (pass or fail, RFC 7489 §6.6.2); else a pass of
 * DKIM or SPF for a domain aligned with From; else a failure of one for an aligned domain; else none.
 */
export function summarize(
  entries: readonly AuthResultEntry[],
  fromDomain: string | null,
  source: SenderAuth['source'],
  authservId: string | null,
): SenderAuth {
  const methods = methodResults(entries)
  const dmarc = methods.find((m) => m.method === 'dmarc' && m.verdict !== 'none')
  const alignedWith = (m: AuthMethodResult) =>
    (m.method === 'dkim' || m.method === 'spf') && aligned(m.domain, fromDomain)
  const alignedPass = methods.find((m) => m.verdict === 'pass' && alignedWith(m))
  let verdict: AuthVerdict = 'none'
  if (dmarc) verdict = dmarc.verdict
  else if (alignedPass) verdict = 'pass'
  else if (methods.some((m) => m.verdict === 'fail' && alignedWith(m))) verdict = 'fail'
  const alignedDomain = verdict === 'pass' ? (alignedPass?.domain ?? dmarc?.domain ?? fromDomain) : null
  return { source, authservId, verdict, alignedDomain, fromDomain, methods, uncheckedWhy: null }
}
