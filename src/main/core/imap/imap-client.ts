import { ImapFlow, type ImapFlowOptions } from 'imapflow'
import type { Account } from '../../../shared/model/account'
import { tlsOptionsFor, type TlsTrust } from '../net/tls'

/**
 * Protocol limits, lowered from imapflow's defaults (1 GB literals and lines, 2 GB responses): a
 * hostile or broken server cannot make us allocate more than this for one response. Message
 * bodies are downloaded in partial FETCH chunks (`download()`), so no literal legitimately comes
 * near the literal cap.
 */
export const IMAP_LIMITS = {
  maxLiteralSize: 64 * 1024 * 1024,
  maxLineLength: 16 * 1024 * 1024,
  maxResponseSize: 80 * 1024 * 1024,
  maxResponseTokens: 500_000,
} as const

const LOGIN_METHODS = { auto: undefined, plain: 'AUTH=PLAIN', login: 'LOGIN' } as const

export type ImapConnectionPurpose = 'worker' | 'idle'

/**
 * An imapflow client for the account's incoming server. TLS is always verified (system roots plus
 * the configured extra CAs); STARTTLS is required when chosen (`doSTARTTLS: true`, RFC 8314 §4).
 *
 * The worker connection does not auto-IDLE (it runs commands back to back and reconnects on
 * demand); the IDLE connection starts IDLE 200 ms after its last command instead of imapflow's
 * 15 s default, so new mail is reported at once (RFC 2177).
 */
export function createImapClient(
  account: Account,
  password: string,
  trust: TlsTrust,
  purpose: ImapConnectionPurpose,
): ImapFlow {
  const s = account.incoming
  const options: ImapFlowOptions = {
    host: s.host,
    port: s.port,
    secure: s.security === 'tls',
    doSTARTTLS: s.security === 'starttls' ? true : s.security === 'none' ? false : undefined,
    tls: tlsOptionsFor(s.host, trust),
    auth: { user: s.username, pass: password, loginMethod: LOGIN_METHODS[s.authMethod] },
    logger: false,
    connectionTimeout: 30_000,
    greetingTimeout: 16_000,
    socketTimeout: 5 * 60_000,
    ...IMAP_LIMITS,
    ...(purpose === 'idle' ? { autoIdleDelay: 200, maxIdleTime: 5 * 60_000 } : { disableAutoIdle: true }),
  }
  return new ImapFlow(options)
}
