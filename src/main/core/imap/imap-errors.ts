import { AppError } from '../../../shared/errors'
import { mapNetworkError } from '../net/network-errors'

/** The one place imapflow's errors become AppErrors for the sending side (Sent and Drafts copies). */
export function mapImapError(err: unknown, where: { host: string; port: number }): AppError {
  if (err instanceof AppError) return err
  const e = (typeof err === 'object' && err !== null ? err : {}) as Record<string, unknown>
  const network = mapNetworkError(err, where)
  if (network) return network
  const serverResponse = typeof e['responseText'] === 'string' ? e['responseText'] : undefined
  const detail = serverResponse !== undefined ? { serverResponse } : undefined
  if (e['authenticationFailed'] === true) {
    return new AppError('AUTH_FAILED', 'The IMAP server refused the login', { cause: err, detail })
  }
  if (e['code'] === 'NoConnection' || e['code'] === 'EConnectionClosed' || e['code'] === 'ETIMEOUT') {
    return new AppError('CONNECTION_FAILED', `Connection to ${where.host}:${where.port} was lost`, {
      cause: err,
      retryable: true,
      detail,
    })
  }
  if (serverResponse !== undefined) {
    return new AppError('SERVER_REJECTED', `The IMAP server refused: ${serverResponse}`, {
      cause: err,
      retryable: false,
      detail,
    })
  }
  return new AppError('CONNECTION_FAILED', `IMAP with ${where.host}:${where.port} failed`, {
    cause: err,
    retryable: true,
  })
}
