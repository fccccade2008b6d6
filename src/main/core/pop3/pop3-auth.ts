import { AppError } from '../../../shared/errors'
import type { AuthMethod } from '../../../shared/model/account'
import {
  chooseOAuthMechanism,
  decodeOAuthSaslError,
  noOAuthMechanism,
  OAUTH_ERROR_ANSWER,
  oauthInitialResponse,
  type BearerToken,
  type OAuthMechanism,
  type OAuthSaslError,
} from '../sasl/oauth-sasl'
import { Pop3ReplyError } from './pop3-errors'

/** RFC 5034 §4: an AUTH command line with its initial response must fit in 255 octets. */
const MAX_AUTH_LINE = 255

/** One SASL exchange: the mechanism and the client's answers, in order. */
export interface SaslPlan {
  mechanism: 'PLAIN' | OAuthMechanism
  /** Sent as the initial response when it fits (RFC 5034 §4), else after the first "+ ". */
  responses: string[]
  initial: boolean
  /**
   * The answer to a challenge that comes after all responses were sent: for the OAuth mechanisms
   * that is the server's error (RFC 7628 §3.2.2), which must be answered before the -ERR comes.
   * Without it such a challenge is cancelled with "*".
   */
  errorAnswer?: string
}

/**
 * How to log in, from what the server offered in CAPA (RFC 2449) and what the account asks for.
 * 'auto' and 'plain': SASL PLAIN (RFC 5034, RFC 4616) where offered, else USER/PASS (RFC 1939 §7).
 * 'login': USER/PASS, POP3's own login command (as 'login' means the LOGIN command for IMAP).
 * Each sends the password itself, which is why the client logs in only over TLS unless the person
 * chose 'none' by hand.
 */
export function chooseLogin(
  sasl: ReadonlySet<string>,
  user: string,
  password: string,
  method: AuthMethod,
): SaslPlan | 'user-pass' {
  checkCredential(user, 'username')
  checkCredential(password, 'password')
  if (method !== 'login' && sasl.has('PLAIN')) {
    const response = Buffer.from(`\0${user}\0${password}`, 'utf8').toString('base64')
    return { mechanism: 'PLAIN', responses: [response], initial: fitsInitial('PLAIN', response) }
  }
  return 'user-pass'
}

/**
 * How to log in with an OAuth 2.0 access token (RFC 7628 over POP3's AUTH, RFC 5034): OAUTHBEARER
 * where offered, else XOAUTH2, unless the token names one. The token is long, so it usually goes
 * after the server's first "+ " rather than on the AUTH line.
 */
export function chooseOAuthLogin(
  sasl: ReadonlySet<string>,
  user: string,
  token: BearerToken,
  server: { host: string; port: number },
): SaslPlan {
  const mechanism = chooseOAuthMechanism(sasl, token.mechanism)
  if (!mechanism) throw noOAuthMechanism('POP3', token.mechanism)
  const response = oauthInitialResponse(mechanism, { user, accessToken: token.accessToken, ...server })
  return {
    mechanism,
    responses: [response],
    initial: fitsInitial(mechanism, response),
    errorAnswer: OAUTH_ERROR_ANSWER[mechanism],
  }
}

/**
 * Runs one SASL exchange (RFC 5034 §4) over `exchange` (send a line, read the reply line).
 * Resolves on +OK; an -ERR becomes a Pop3ReplyError (carrying the OAuth error payload, if any).
 */
export async function runSasl(plan: SaslPlan, exchange: (line: string) => Promise<string>): Promise<void> {
  const answers = [...plan.responses]
  let errorAnswer = plan.errorAnswer
  let oauthError: OAuthSaslError | undefined
  let line = `AUTH ${plan.mechanism}${plan.initial ? ` ${answers.shift()}` : ''}`
  for (;;) {
    const reply = await exchange(line)
    if (reply.startsWith('+OK')) return
    if (reply.startsWith('-ERR')) {
      throw new Pop3ReplyError('login', reply, plan.errorAnswer === undefined ? undefined : { oauthError })
    }
    // "+ challenge": answer, or cancel with "*" when we have nothing to say. With every response
    // sent, an OAuth challenge is the server's error (RFC 7628 §3.2.2): read it, answer it once.
    const next = answers.shift()
    if (next !== undefined) {
      line = next
    } else if (errorAnswer !== undefined) {
      oauthError = decodeOAuthSaslError(reply.slice(1))
      line = errorAnswer
      errorAnswer = undefined
    } else {
      line = '*'
    }
  }
}

function fitsInitial(mechanism: string, response: string): boolean {
  return `AUTH ${mechanism} ${response}\r\n`.length <= MAX_AUTH_LINE
}

/**
 * Credentials become protocol lines (USER/PASS) or SASL fields separated by NUL (RFC 4616), so
 * CR, LF and NUL are refused rather than sent: they would end the line or split the field.
 */
export function checkCredential(value: string, field: 'username' | 'password'): void {
  if (value.length === 0 && field === 'username') {
    throw new AppError('INVALID_INPUT', 'The user name is empty', { detail: { field } })
  }
  if (/[\r\n\0]/.test(value)) {
    throw new AppError('INVALID_INPUT', `The ${field} contains a line break or NUL`, { detail: { field } })
  }
}
