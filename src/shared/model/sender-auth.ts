/**
 * Who really sent a message: SPF (RFC 7208), DKIM (RFC 6376), DMARC (RFC 7489) and ARC (RFC 8617)
 * results, read from the account's own receiving server's Authentication-Results (RFC 8601) or
 * computed locally, and the spoofing warnings drawn from them and from the message's addresses.
 */

/** What a person is told: the check passed, failed, or could not say (no signature, no record). */
export type AuthVerdict = 'pass' | 'fail' | 'none'

export type AuthMethod = 'dkim' | 'spf' | 'dmarc' | 'arc'

/** Why a method failed, in a closed set the renderer puts into words (shared/mail/sender-auth-words.ts). */
export type AuthFailReason =
  /** DKIM: the body no longer has the hash the signature holds (changed after signing). */
  | 'body-changed'
  /** DKIM/ARC: the signature does not verify (headers changed, or the wrong key). */
  | 'bad-signature'
  /** DKIM: the signer's public key could not be found or is unusable. */
  | 'no-key'
  /** SPF: the sending server is not one the domain allows. */
  | 'not-permitted'
  /** SPF softfail: the domain says the server is probably not allowed. */
  | 'probably-not-permitted'
  /** DMARC: neither an aligned DKIM signature nor an aligned SPF pass. */
  | 'not-aligned'
  /** A DNS lookup failed for now (temperror). */
  | 'dns-failure'
  /** The domain's record is broken (permerror). */
  | 'broken-record'
  | 'other'

export interface AuthMethodResult {
  method: AuthMethod
  /** The result word as reported ("pass", "fail", "softfail", "temperror", …, RFC 8601 §2.7). */
  result: string
  verdict: AuthVerdict
  /** The domain the result is about (DKIM d=, SPF MAIL FROM domain, DMARC From domain). */
  domain: string | null
  /** For a failure: why, in a closed set. */
  reason: AuthFailReason | null
  /** The server's or verifier's own words, when any (shown after ours). */
  detail: string | null
}

export interface SenderAuth {
  /**
   * 'server': from the Authentication-Results of the account's own receiving server;
   * 'local': computed here because that server added none; 'unchecked': could not be checked.
   */
  source: 'server' | 'local' | 'unchecked'
  /** The receiving server's authserv-id whose results were read ('server' only). */
  authservId: string | null
  /** The overall answer shown next to the sender. */
  verdict: AuthVerdict
  /** The From domain that the passing DKIM or SPF result aligns with (DMARC, RFC 7489 §3.1). */
  alignedDomain: string | null
  /** The From header's domain. */
  fromDomain: string | null
  methods: AuthMethodResult[]
  /** When nothing could be checked: why (too large, no source). */
  uncheckedWhy: string | null
}

/** A reason to be careful with a message: shown in a calm banner, never blocking reading. */
export type SpoofWarning =
  | { kind: 'display-name-address'; shownAddress: string; realAddress: string }
  | { kind: 'look-alike-domain'; domain: string; resembles: string; of: 'contact' | 'account' }
  | { kind: 'reply-to-elsewhere'; fromDomain: string; replyToDomain: string }
  | { kind: 'dmarc-fail'; domain: string }

export interface SenderCheck {
  auth: SenderAuth
  warnings: SpoofWarning[]
}
