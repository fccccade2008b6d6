import { AppError, type Pop3Reason } from '../../../shared/errors'
import { mapNetworkError } from '../net/network-errors'
import { oauthFailureDetail, type OAuthSaslError } from '../sasl/oauth-sasl'
import { storageFailure } from '../store/storage-errors'

/** What the client was doing when the server said -ERR: decides which ErrorCode it becomes. */
export type Pop3Stage = 'greeting' | 'stls' | 'login' | 'message' | 'command'

/** A -ERR reply, before mapping. Never leaves the pop3 folder: mapPop3Error turns it into AppError. */
export class Pop3ReplyError extends Error {
  constructor(
    readonly stage: Pop3Stage,
    readonly reply: string,
    /** Set when the login was with an access token: the error challenge the server sent, if any. */
    readonly oauth?: { oauthError: OAuthSaslError | undefined },
  ) {
    super(`POP3 server replied: ${reply}`)
    this.name = 'Pop3ReplyError'
  }

  /** The RFC 2449 §8 extended response code in brackets ("AUTH", "IN-USE", "SYS/TEMP"), if any. */
  get respCode(): string | undefined {
    return /^-ERR \[([^\]]+)\]/i.exec(this.reply)?.[1]?.toUpperCase()
  }
}

export interface Pop3ErrorContext {
  host: string
  port: number
  /** True while the TLS handshake is running: unknown failures then are TLS failures. */
  duringTls?: boolean
}

/**
 * The one place where anything the POP3 client meets becomes an AppError: the server's -ERR
 * replies (with its words in detail.serverResponse), socket and TLS errors (through the shared
 * mapNetworkError), and the rest.
 */
export function mapPop3Error(err: unknown, ctx: Pop3ErrorContext): AppError {
  // A download that cannot be written (disk full, read-only) is the store's failure, not the server's.
  const storage = storageFailure(err)
  if (storage) return storage
  if (err instanceof AppError) return err
  if (err instanceof Pop3ReplyError) return fromReply(err)
  const network = mapNetworkError(err, ctx)
  if (network) return network
  const message = err instanceof Error ? err.message : String(err)
  const code = (err as { code?: unknown } | null)?.code
  if (ctx.duringTls || (typeof code === 'string' && code.startsWith('ERR_SSL'))) {
    return new AppError('TLS_FAILED', `TLS with ${ctx.host}:${ctx.port} failed (${message})`, {
      cause: err,
      retryable: false,
      detail: { tlsReason: 'other', host: ctx.host, port: ctx.port },
    })
  }
  return new AppError('CONNECTION_FAILED', `POP3 connection to ${ctx.host}:${ctx.port} failed (${message})`, {
    cause: err,
    detail: { host: ctx.host, port: ctx.port },
  })
}

/** The login refusals that pass with time, and their detail.reason. */
const LATER_REASONS: ReadonlyMap<string, Pop3Reason> = new Map([
  ['IN-USE', 'in-use'],
  ['SYS/TEMP', 'sys/temp'],
  ['LOGIN-DELAY', 'login-delay'],
])

function fromReply(err: Pop3ReplyError): AppError {
  const serverResponse = err.reply.trim()
  const resp = err.respCode
  switch (err.stage) {
    case 'login':
      return fromLoginReply(err, serverResponse, resp)
    case 'stls':
      return new AppError('TLS_FAILED', 'The POP3 server refused to start TLS', {
        cause: err,
        retryable: false,
        detail: { serverResponse, tlsReason: 'no-starttls' },
      })
    case 'message':
      return new AppError('MESSAGE_NOT_FOUND', 'The POP3 server has no such message', {
        cause: err,
        retryable: false,
        detail: { serverResponse },
      })
    case 'greeting':
      return new AppError('SERVER_REJECTED', 'The POP3 server refused the connection', {
        cause: err,
        retryable: true,
        detail: { serverResponse },
      })
    default:
      return new AppError('SERVER_REJECTED', 'The POP3 server refused a command', {
        cause: err,
        retryable: resp === 'SYS/TEMP',
        detail: { serverResponse },
      })
  }
}

function fromLoginReply(err: Pop3ReplyError, serverResponse: string, resp: string | undefined): AppError {
  // RFC 2449 §8.1.2: [IN-USE] another session holds the maildrop; [SYS/TEMP] and
  // [LOGIN-DELAY] (RFC 2449 §8.1.1, §6.8) pass with time. Without a code (or with [AUTH])
  // the credentials were refused.
  const later = resp === undefined ? undefined : LATER_REASONS.get(resp)
  if (later) {
    return new AppError('SERVER_REJECTED', 'The POP3 server cannot open the mailbox now', {
      cause: err,
      retryable: true,
      detail: { serverResponse, reason: later },
    })
  }
  if (resp === 'SYS/PERM') {
    return new AppError('SERVER_REJECTED', 'The POP3 server refused the session', {
      cause: err,
      retryable: false,
      detail: { serverResponse, reason: 'sys/perm' },
    })
  }
  if (err.oauth) {
    return new AppError('AUTH_FAILED', 'The POP3 server refused the access token', {
      cause: err,
      retryable: false,
      detail: { serverResponse, ...oauthFailureDetail(err.oauth.oauthError) },
    })
  }
  return new AppError('AUTH_FAILED', 'The POP3 server rejected the user name or password', {
    cause: err,
    retryable: false,
    detail: { serverResponse, reason: 'login-rejected' },
  })
}
