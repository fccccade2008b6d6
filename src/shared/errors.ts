import type {
  LoginReason,
  MailReason,
  NetworkReason,
  OAuthReason,
  Pop3Reason,
  SecretReason,
  StorageFailureReasonValue,
} from './error-reasons'

export {
  ERROR_REASONS,
  isErrorReason,
  type ErrorReason,
  type NetworkReason,
  type Pop3Reason,
} from './error-reasons'

/**
 * The closed set of error codes that cross the IPC boundary. Every adapter maps its library's
 * errors into exactly one of these in one place; the renderer turns them into words in one table
 * (src/renderer/src/lib/error-text.ts). Adding a code is a deliberate change to both.
 */
export const ERROR_CODES = [
  'AUTH_FAILED',
  'CONNECTION_FAILED',
  'TIMEOUT',
  'TLS_FAILED',
  'SERVER_REJECTED',
  'MAILBOX_NOT_FOUND',
  'MESSAGE_NOT_FOUND',
  'ACCOUNT_NOT_FOUND',
  'INVALID_INPUT',
  'SECRET_STORE_UNAVAILABLE',
  'STORAGE_FAILED',
  'CANCELLED',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/**
 * Which reasons each code may carry (`detail.reason`): checked where an AppError is made, so a
 * reason given to the wrong code fails typecheck like a misspelt one.
 */
export interface ReasonsByCode {
  AUTH_FAILED: LoginReason | OAuthReason
  /** 'may-have-been-sent': the connection broke after the whole message was handed over. */
  CONNECTION_FAILED: NetworkReason | 'may-have-been-sent'
  TIMEOUT: 'timeout' | 'sign-in-timeout'
  /** TLS failures say why in detail.tlsReason. */
  TLS_FAILED: never
  /** A server's refusal: POP3 "not now" codes, limits, and an OAuth provider's refusals. */
  SERVER_REJECTED: Pop3Reason | OAuthReason | 'no-password-login' | 'too-large' | 'no-smtputf8'
  MAILBOX_NOT_FOUND: never
  /** 'pending': the message is not on the server yet (its upload is queued). */
  MESSAGE_NOT_FOUND: 'pending'
  ACCOUNT_NOT_FOUND: never
  INVALID_INPUT: MailReason | 'insecure-url'
  SECRET_STORE_UNAVAILABLE: SecretReason
  /** The store's own failures, and a POP3 message over the size the app keeps ('too-large'). */
  STORAGE_FAILED: StorageFailureReasonValue | 'too-large'
  /** 'access-denied': the person declined the sign-in at the provider. */
  CANCELLED: 'access-denied'
  INTERNAL: never
}

/** The plain-data shape of an error: what survives structured clone across IPC. */
export interface AppErrorData {
  code: ErrorCode
  /** A short sentence for logs and developers; the UI words come from the code. */
  message: string
  /** True when trying again later may succeed (network down, server busy, 4xx SMTP replies). */
  retryable: boolean
  /** The server's own words, the offending field, a certificate fingerprint: specifics for the UI. */
  detail?: AppErrorDetail
}

export type TlsReason =
  'self-signed' | 'untrusted' | 'expired' | 'not-yet-valid' | 'wrong-host' | 'no-starttls' | 'other'

export interface AppErrorDetail<C extends ErrorCode = ErrorCode> {
  /** Which input field was rejected (dotted path, e.g. "incoming.port"). */
  field?: string
  /** The server's reply, verbatim (trimmed). */
  serverResponse?: string
  /** For TLS failures: SHA-256 fingerprint of the presented certificate (hex, colon separated). */
  fingerprint?: string
  /**
   * For TLS failures: why verification failed. `self-signed`: the server's certificate signed
   * itself; `untrusted`: it was issued by an authority this computer does not trust (a private
   * CA); `expired` / `not-yet-valid`: outside its validity period (never pinnable); `wrong-host`:
   * issued for another name. The refused certificate is described by `fingerprint`, `subject`,
   * `issuer`, `validFrom`, `validTo` (ISO 8601), `certificateNames` (its subject alternative
   * names) and `nameMatches` (whether it is issued for the host connected to).
   */
  tlsReason?: TlsReason
  /** Why, beyond the code: a closed set (shared/error-reasons.ts) the renderer matches by value. */
  reason?: ReasonsByCode[C]
  /** Anything else that helps the person decide what to do next. */
  [key: string]: string | number | boolean | undefined
}

/** What AppError.from makes of an error that is not one (a bug, unless the caller knows better). */
export interface AppErrorFallback {
  code?: ErrorCode
  message?: string
  retryable?: boolean
}

const RETRYABLE_BY_DEFAULT: ReadonlySet<ErrorCode> = new Set(['CONNECTION_FAILED', 'TIMEOUT'])

export interface AppErrorOptions<C extends ErrorCode = ErrorCode> {
  retryable?: boolean
  detail?: AppErrorDetail<C>
  cause?: unknown
}

class AppErrorClass extends Error {
  readonly code: ErrorCode
  readonly retryable: boolean
  readonly detail: AppErrorDetail | undefined

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT.has(code)
    this.detail = options.detail
  }

  /**
   * Anything thrown as an AppError: an AppError as it is, AppErrorData (e.g. from IPC) as an
   * AppError again, anything else as `fallback` (INTERNAL by default) with the original as its
   * cause. Protocol adapters map their library's errors first (core/imap, core/smtp, core/pop3,
   * core/net mappers); this is for the places that only need "an AppError, whatever came".
   * Storage failures are recognised in main (core/store/storage-errors.ts), not here.
   */
  static from(err: unknown, fallback: AppErrorFallback = {}): AppErrorClass {
    if (err instanceof AppError) return err
    if (isAppErrorData(err)) {
      return new AppError(err.code, err.message, {
        retryable: err.retryable,
        ...(err.detail !== undefined ? { detail: { ...err.detail } } : {}),
      })
    }
    return new AppError(fallback.code ?? 'INTERNAL', fallback.message ?? 'Unexpected internal error', {
      cause: err,
      ...(fallback.retryable !== undefined ? { retryable: fallback.retryable } : {}),
    })
  }

  toData(): AppErrorData {
    const data: AppErrorData = { code: this.code, message: this.message, retryable: this.retryable }
    if (this.detail !== undefined) data.detail = { ...this.detail }
    return data
  }
}

/**
 * AppError's constructor, typed per code: `new AppError('TIMEOUT', m, { detail: { reason } })`
 * accepts only the reasons ReasonsByCode lists for TIMEOUT. (A generic construct signature: a
 * generic class would make every `instanceof AppError` an AppError<any>.)
 */
interface AppErrorConstructor {
  new <C extends ErrorCode>(code: C, message: string, options?: AppErrorOptions<C>): AppErrorClass
  readonly prototype: AppErrorClass
  from(err: unknown, fallback?: AppErrorFallback): AppErrorClass
}

export const AppError: AppErrorConstructor = AppErrorClass
export type AppError = AppErrorClass

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}

export function isAppErrorData(value: unknown): value is AppErrorData {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return isErrorCode(v['code']) && typeof v['message'] === 'string' && typeof v['retryable'] === 'boolean'
}

/**
 * Turns anything thrown into AppErrorData. Unknown errors become INTERNAL without leaking their
 * message verbatim (it may contain paths or secrets); adapters are expected to map their own
 * errors into AppError before they get here.
 */
export function toAppErrorData(err: unknown): AppErrorData {
  if (isAppErrorData(err) && !(err instanceof AppError)) return err
  return AppError.from(err).toData()
}
