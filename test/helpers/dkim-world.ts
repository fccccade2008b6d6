/**
 * A small DNS world for sender-authentication tests: our own DKIM key, SPF and DMARC records,
 * answered by an injectable resolver (no internet), and messages signed in the test.
 */
import { generateKeyPairSync } from 'node:crypto'
import { dkimSign, type DNSResolver } from 'mailauth'

export interface DkimWorld {
  resolver: DNSResolver
  /** TXT records by name (lower case); add more in a test. */
  txt: Map<string, string>
  /** Signs a message (CRLF) as `domain` with selector "test". */
  sign(message: string, domain: string): Promise<string>
}

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 })
const publicKey = keys.publicKey
  .export({ type: 'spki', format: 'pem' })
  .toString()
  .replace(/-----[^-]+-----|\s/g, '')
const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()

export function dkimWorld(domains: readonly string[] = ['example.com']): DkimWorld {
  const txt = new Map<string, string>()
  for (const d of domains) {
    txt.set(`test._domainkey.${d}`, `v=DKIM1; k=rsa; p=${publicKey}`)
    txt.set(`_dmarc.${d}`, 'v=DMARC1; p=reject')
    txt.set(d, 'v=spf1 ip4:203.0.113.5 ip4:127.0.0.1 -all')
  }
  const resolver: DNSResolver = (name, rrtype) => {
    const value = txt.get(name.toLowerCase().replace(/\.$/, ''))
    if (rrtype === 'TXT' && value !== undefined) return Promise.resolve([[value]])
    const err = Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' })
    return Promise.reject(err)
  }
  return {
    resolver,
    txt,
    async sign(message, domain) {
      const key = { signingDomain: domain, selector: 'test', privateKey, canonicalization: 'relaxed/relaxed' }
      // mailauth signs with `signatureData` (its typings also ask for the top-level fields).
      const res = await dkimSign(message, { ...key, signatureData: [key] })
      if (res.errors.length > 0) throw new Error(String(res.errors[0]))
      return res.signatures + message
    },
  }
}
