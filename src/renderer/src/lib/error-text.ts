import type { AppErrorData, ErrorCode } from '../../../shared/errors'
import { storageFailureWords } from '../../../shared/storage-failure'

interface ErrorText {
  title: string
  /** What the person can do about it. */
  action: string
}

/** The one table that turns error codes into words for people. */
const TEXT: Record<ErrorCode, ErrorText> = {
  AUTH_FAILED: {
    title: 'The server did not accept the user name or password.',
    action: 'Check the password (and the user name in the server settings), then try again.',
  },
  CONNECTION_FAILED: {
    title: 'Could not reach the server.',
    action: 'Check the network connection and the server name and port.',
  },
  TIMEOUT: {
    title: 'The server took too long to answer.',
    action: 'Try again in a moment; if it keeps happening, check the server settings.',
  },
  TLS_FAILED: {
    title: 'The secure connection could not be verified.',
    action: 'The server’s certificate is not trusted. Check the server name, or ask your provider.',
  },
  SERVER_REJECTED: {
    title: 'The server refused the request.',
    action: 'Read the server’s reply below; it usually says why.',
  },
  MAILBOX_NOT_FOUND: {
    title: 'That folder no longer exists on the server.',
    action: 'The folder list will refresh; pick another folder.',
  },
  MESSAGE_NOT_FOUND: {
    title: 'That message no longer exists.',
    action: 'It may have been moved or deleted from another device.',
  },
  ACCOUNT_NOT_FOUND: {
    title: 'That account no longer exists.',
    action: 'It may have been removed meanwhile; pick another account.',
  },
  INVALID_INPUT: {
    title: 'Some of the information is not valid.',
    action: 'Correct the highlighted field and try again.',
  },
  SECRET_STORE_UNAVAILABLE: {
    title: 'The system keychain is not available.',
    action: 'Passwords are kept in memory for this session only; you will be asked again next time.',
  },
  STORAGE_FAILED: {
    title: 'The local mail store could not be read or written.',
    action: 'Check that the disk is not full, then restart the app.',
  },
  CANCELLED: { title: 'Cancelled.', action: '' },
  INTERNAL: {
    title: 'Something went wrong inside the app.',
    action: 'Try again; if it keeps happening, restart the app.',
  },
}

export function errorText(error: AppErrorData): ErrorText {
  // A storage failure says which one (disk full, read-only, damaged...): the shared table.
  return storageFailureWords(error) ?? TEXT[error.code]
}
