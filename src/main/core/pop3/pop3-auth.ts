import { AppError } from '../../../shared/errors'
import type { AuthMethod } from '../../../shared/model/account'

/** RFC 5034 §4: an AUTH command line with its initial response must fit in 255 octets. */
const MAX_AUTH_LINE = 255

/** One SASL exchange: the mechanism and the client's answers, in order. */
export interface SaslPlan {
  mechanism: 'PLAIN'
  /** Sent as the initial response when it fits (RFC 5034 §4), else after the first "+ ". */
  responses: string[]
  initial: boolean
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
