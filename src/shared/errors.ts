import type { ErrorReason } from './error-reasons'

export { ERROR_REASONS, isErrorReason, type ErrorReason } from './error-reasons'

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

export interface AppErrorDetail {
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
  reason?: ErrorReason
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

export class AppError extends Error {
  readonly code: ErrorCode
  readonly retryable: boolean
  readonly detail: AppErrorDetail | undefined

  constructor(
    code: ErrorCode,
    message: string,
    options: { retryable?: boolean; detail?: AppErrorDetail; cause?: unknown } = {},
  ) {
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
  static from(err: unknown, fallback: AppErrorFallback = {}): AppError {
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
