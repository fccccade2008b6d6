/**
 * The errors of signing in with OAuth 2.0, as AppErrors. One of them matters more than the rest:
 * "sign in again" (the grant is gone: revoked, expired, the password changed, consent withdrawn).
 * It is AUTH_FAILED with detail.reason 'sign-in-again', which survives IPC; the UI offers one
 * button for it, and nothing queued is dropped.
 */
import { AppError, isAppErrorData, type AppErrorDetail } from '../../../shared/errors'

export const SIGN_IN_AGAIN = 'sign-in-again'

export class SignInAgainError extends AppError<'AUTH_FAILED'> {
  constructor(message: string, options: { cause?: unknown; detail?: AppErrorDetail } = {}) {
    super('AUTH_FAILED', message, {
      ...(options.cause !== undefined ? { cause: options.cause } : {}),
      retryable: false,
      detail: { ...options.detail, reason: SIGN_IN_AGAIN },
    })
    this.name = 'SignInAgainError'
  }
}

/** True for the "sign in again" error, as an AppError or as data that crossed IPC. */
export function isSignInAgain(err: unknown): boolean {
  const data = err instanceof AppError ? err.toData() : err
  return isAppErrorData(data) && data.code === 'AUTH_FAILED' && data.detail?.reason === SIGN_IN_AGAIN
}

/** An OAuth error response (RFC 6749 §5.2, §4.1.2.1): the code and the provider's own words. */
export interface OAuthErrorBody {
  error: string
  description?: string
}

export function readOAuthErrorBody(value: unknown): OAuthErrorBody | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const v = value as Record<string, unknown>
  const error = v['error']
  if (typeof error !== 'string') return undefined
  const description = v['error_description']
  return {
    error: error.slice(0, 100),
    ...(typeof description === 'string' ? { description: description.slice(0, 500) } : {}),
  }
}

function wordsOf(body: OAuthErrorBody): string {
  return body.description ? `${body.error}: ${body.description}` : body.error
}

/**
 * A token endpoint's refusal (RFC 6749 §5.2). invalid_grant means the code or refresh token is no
 * longer good: only a new sign-in helps. invalid_client / unauthorized_client mean the app's
 * client id is not (or no longer) accepted: a packaging problem, not the person's. Server errors
 * and 5xx pass with time.
 */
export function tokenEndpointError(status: number, body: OAuthErrorBody | undefined): AppError {
  const detail: AppErrorDetail = { httpStatus: status }
  if (body) {
    detail['oauthError'] = body.error
    detail.serverResponse = wordsOf(body)
  }
  if (body?.error === 'invalid_grant') {
    return new SignInAgainError('The sign-in is no longer valid: sign in again', { detail })
  }
  if (body?.error === 'invalid_client' || body?.error === 'unauthorized_client') {
    return new AppError('AUTH_FAILED', 'The provider does not accept this app (client id)', {
      retryable: false,
      detail: { ...detail, reason: 'client-rejected' },
    })
  }
  if (body?.error === 'invalid_scope') {
    return new AppError('AUTH_FAILED', 'The provider refused the permissions the app asks for', {
      retryable: false,
      detail: { ...detail, reason: 'scope-rejected' },
    })
  }
  const later = status >= 500 || status === 429 || body?.error === 'temporarily_unavailable'
  return new AppError('SERVER_REJECTED', `The sign-in server answered ${status}`, {
    retryable: later,
    detail,
  })
}

/**
 * An error in the redirect back from the authorization page (RFC 6749 §4.1.2.1). access_denied is
 * the person saying no (or closing the consent page with "cancel"): CANCELLED, not a failure.
 */
export function authorizationError(body: OAuthErrorBody): AppError {
  const detail: AppErrorDetail = { oauthError: body.error, serverResponse: wordsOf(body) }
  if (body.error === 'access_denied') {
    return new AppError('CANCELLED', 'The sign-in was declined', {
      detail: { ...detail, reason: 'access-denied' },
    })
  }
  const later = body.error === 'temporarily_unavailable' || body.error === 'server_error'
  return new AppError('AUTH_FAILED', `The provider refused the sign-in (${body.error})`, {
    retryable: later,
    detail: { ...detail, reason: 'authorization-refused' },
  })
}
