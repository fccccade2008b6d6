import { ImapFlow, type ImapFlowOptions, type Logger } from 'imapflow'
import { AppError } from '../../../shared/errors'
import type { Account } from '../../../shared/model/account'
import { tlsOptionsFor, type TlsTrust } from '../net/tls'
import { isBearer, type LoginSecret } from '../sasl/oauth-sasl'
import { mapImapError } from './imap-errors'
import { certificateRecordingTransport } from './imap-transport'

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
 *
 * With an access token (`bearer()`), imapflow logs in with OAUTHBEARER (RFC 7628) when the server
 * offers it, else XOAUTH2; it answers the server's error challenge and keeps the decoded payload
 * (`oauthError`, read by mapImapError).
 */
export function createImapClient(
  account: Account,
  secret: LoginSecret,
  trust: TlsTrust,
  purpose: ImapConnectionPurpose,
): ImapFlow {
  const s = account.incoming
  const context: ClientContext = { lastCommandError: undefined }
  const options: ImapFlowOptions = {
    host: s.host,
    port: s.port,
    secure: s.security === 'tls',
    doSTARTTLS: s.security === 'starttls' ? true : s.security === 'none' ? false : undefined,
    tls: tlsOptionsFor(s.host, trust, { port: s.port, pins: account.pins, accountCa: account.trustedCa }),
    // Node's own sockets, recording the server's certificate for TLS failures (imap-transport.ts).
    transport: certificateRecordingTransport,
    auth: isBearer(secret)
      ? { user: s.username, accessToken: secret.accessToken }
      : { user: s.username, pass: secret, loginMethod: LOGIN_METHODS[s.authMethod] },
    logger: capturingLogger(context),
    context,
    connectionTimeout: 30_000,
    greetingTimeout: 16_000,
    socketTimeout: 5 * 60_000,
    ...IMAP_LIMITS,
    ...(purpose === 'idle' ? { autoIdleDelay: 200, maxIdleTime: 5 * 60_000 } : { disableAutoIdle: true }),
  }
  return new ImapFlow(options)
}

interface ClientContext {
  lastCommandError: unknown
}

/**
 * imapflow answers a refused STORE/COPY/MOVE/EXPUNGE with `false` and only logs the error, the
 * same for a server's NO and for a dropped connection. This logger keeps that error (and logs
 * nothing: nothing of a session, credentials included, is ever written anywhere) so `checked`
 * can tell the two apart.
 */
function capturingLogger(context: ClientContext): Logger {
  // Only warn and error are methods: imapflow skips building entries for levels the logger has
  // no method for, and a debug method would have it format every response line (slow).
  const partial = {
    warn: (entry: { err?: unknown } | undefined) => {
      if (entry?.err !== undefined) context.lastCommandError = entry.err
    },
    error: () => undefined,
  }
  return partial as unknown as Logger
}

/** Runs an imapflow command that answers `false` on failure, and throws that failure mapped. */
export async function checked<T>(
  client: ImapFlow,
  what: string,
  run: () => Promise<T | false | undefined>,
): Promise<T> {
  const context = client.context as ClientContext | undefined
  if (context) context.lastCommandError = undefined
  const result = await run()
  if (result !== false && result !== undefined) return result
  const where = { host: client.host, port: client.port }
  if (!client.usable) {
    throw new AppError('CONNECTION_FAILED', `The connection to ${client.host} was lost during ${what}`, {
      detail: { host: where.host, port: where.port },
    })
  }
  const err = context?.lastCommandError
  if (err !== undefined) throw mapImapError(err, where)
  throw new AppError('SERVER_REJECTED', `The server refused ${what}`, { detail: { host: where.host } })
}
