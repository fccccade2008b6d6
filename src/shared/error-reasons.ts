/**
 * The closed set of `detail.reason` values: why an error happened, beyond its code. Main sets them
 * (each mapper and service says which of these it produces); the renderer matches them
 * (lib/error-text.ts, features/accounts/account-words.ts). A typed union, so a reason that is
 * misspelt on either side fails typecheck instead of silently falling back to the code's words.
 * Grouped by where they come from; adding one is a deliberate change here.
 */

/** Why the local store failed (core/store/storage-errors.ts; words in shared/storage-failure.ts). */
export const STORAGE_FAILURE_REASONS = [
  'disk-full',
  'read-only',
  'io-error',
  'corrupt',
  'cannot-open',
  'no-permission',
  'busy',
  'newer-version',
] as const

/** Socket and DNS failures (core/net/network-errors.ts, core/net/connect.ts, the probe's line session). */
export const NETWORK_REASONS = [
  'host-not-found',
  'refused',
  'econnreset',
  'epipe',
  'ehostunreach',
  'enetunreach',
  'closed',
  'timeout',
  'other',
  // Sending broke after the whole message reached the server and before it answered.
  'may-have-been-sent',
] as const

/** Logins and account verification (the protocol mappers, core/accounts). */
export const LOGIN_REASONS = ['login-rejected', 'no-password', 'no-password-login'] as const

/**
 * Replies of a POP3 server that mean "not now" or "never" (RFC 2449 §8.1: [IN-USE], [SYS/TEMP],
 * [SYS/PERM]; RFC 2449 §6.8: [LOGIN-DELAY]), lower-cased.
 */
export const POP3_REASONS = ['in-use', 'sys/temp', 'login-delay', 'sys/perm'] as const

/** OAuth sign-in and token refusals (core/auth, core/sasl/oauth-sasl.ts). */
export const OAUTH_REASONS = [
  'sign-in-again',
  'client-rejected',
  'scope-rejected',
  'access-denied',
  'authorization-refused',
  'insecure-url',
  'bad-token-response',
  'sign-in-timeout',
  'state-mismatch',
  'issuer-mismatch',
  'no-code',
  'no-provider-metadata',
  'no-pkce-s256',
  'no-oauth-mechanism',
  'token-rejected',
  'insufficient-scope',
  'invalid-request',
  // This build has no client id for the provider (MAILROOM_OAUTH_<ID>_CLIENT_ID at build time).
  'no-client-id',
  // A new OAuth account named a sign-in that did not happen, or finished too long ago.
  'no-sign-in',
] as const

/** Composing, drafts, the outbox and the messages themselves. */
/** A message that is not on the server yet (its upload is still queued). */
export const PENDING_REASONS = ['pending'] as const

export const MAIL_REASONS = [
  'too-large',
  'no-smtputf8',
  'not-a-draft',
  'in-outbox',
  'draft-changed',
  'already-sent',
  'sending',
  'already-saved',
  'not-sent',
  'line-break',
  'not-canonical',
  // An address the composer refused (shared/mail/addresses.ts AddressProblem).
  'syntax',
  'domain',
] as const

/** The OS keychain could not be reached (core/secrets); its own words go in detail.keychainError. */
export const SECRET_REASONS = ['keychain-unreachable'] as const

export const ERROR_REASONS = [
  ...STORAGE_FAILURE_REASONS,
  ...NETWORK_REASONS,
  ...LOGIN_REASONS,
  ...POP3_REASONS,
  ...OAUTH_REASONS,
  ...MAIL_REASONS,
  ...PENDING_REASONS,
  ...SECRET_REASONS,
] as const

export type ErrorReason = (typeof ERROR_REASONS)[number]

export function isErrorReason(value: unknown): value is ErrorReason {
  return typeof value === 'string' && (ERROR_REASONS as readonly string[]).includes(value)
}

export type StorageFailureReasonValue = (typeof STORAGE_FAILURE_REASONS)[number]
export type NetworkReason = (typeof NETWORK_REASONS)[number]
export type LoginReason = (typeof LOGIN_REASONS)[number]
export type Pop3Reason = (typeof POP3_REASONS)[number]
export type OAuthReason = (typeof OAUTH_REASONS)[number]
export type MailReason = (typeof MAIL_REASONS)[number]
export type SecretReason = (typeof SECRET_REASONS)[number]
