import type { AppErrorData, ErrorCode, ErrorReason, TlsReason } from '../../../shared/errors'
import { storageFailureWords } from '../../../shared/storage-failure'
import { OAUTH_TEXT } from './oauth-error-text'

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

/** Reasons whose code's words would mislead (INVALID_INPUT says "correct the field"). */
const BY_REASON: Partial<Record<ErrorReason, ErrorText>> = {
  'in-outbox': {
    title: 'This message is already in the outbox.',
    action: 'To change it, take it back with Undo in the outbox.',
  },
  'draft-changed': {
    title: 'The draft was changed after this message failed.',
    action: 'Send the draft instead: it holds the newer text.',
  },
  ...OAUTH_TEXT,
}

/**
 * TLS failures by reason (detail.tlsReason): "self-signed" is said only of a certificate that
 * signed itself; one from an authority this computer does not know (a private CA) is "untrusted".
 */
const TLS_TEXT: Record<TlsReason, ErrorText> = {
  'self-signed': {
    title: 'The server’s certificate is self-signed, so it cannot be verified.',
    action:
      'If this is your own server, test the account’s settings to see the certificate and trust it there.',
  },
  untrusted: {
    title: 'The server’s certificate was issued by an authority this computer does not trust.',
    action:
      'If your organization runs its own certificate authority, test the account’s settings to see the certificate and trust it there.',
  },
  expired: {
    title: 'The server’s certificate has expired.',
    action: 'Ask your provider to renew it. An expired certificate cannot be trusted.',
  },
  'not-yet-valid': {
    title: 'The server’s certificate is not valid yet.',
    action: 'Check this computer’s date and time; if they are right, ask your provider.',
  },
  'wrong-host': {
    title: 'The server’s certificate is for a different server name.',
    action: 'Check the server name in the account’s settings; your provider may use another one.',
  },
  'no-starttls': {
    title: 'The server does not offer encryption (STARTTLS), so nothing was sent.',
    action: 'Choose SSL/TLS in the account’s settings, or ask your provider.',
  },
  other: TEXT.TLS_FAILED,
}

export function errorText(error: AppErrorData): ErrorText {
  const tlsReason = error.code === 'TLS_FAILED' ? error.detail?.tlsReason : undefined
  if (tlsReason && TLS_TEXT[tlsReason]) return TLS_TEXT[tlsReason]
  // A storage failure says which one (disk full, read-only, damaged...): the shared table.
  const storage = storageFailureWords(error)
  if (storage) return storage
  const reason = error.detail?.reason
  return (reason !== undefined && BY_REASON[reason]) || TEXT[error.code]
}
