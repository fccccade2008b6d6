import type { ErrorReason } from '../../../shared/errors'

/** Words for OAuth 2.0 sign-in and token refusals (detail.reason, core/auth and core/sasl). */
export const OAUTH_TEXT: Partial<Record<ErrorReason, { title: string; action: string }>> = {
  'sign-in-again': {
    title: 'Your sign-in with this provider has ended.',
    action: 'Choose “Sign in again” on the account. Nothing waiting to be sent is lost.',
  },
  'access-denied': {
    title: 'The sign-in was declined at the provider.',
    action: 'Sign in again and allow access to your mail.',
  },
  'client-rejected': {
    title: 'The provider does not accept this app’s registration.',
    action: 'Check the client id (or ask whoever packaged the app); then sign in again.',
  },
  'no-client-id': {
    title: 'This build of the app cannot sign in with this provider.',
    action: 'Use an app password if the provider offers one, or a build that has a client id for it.',
  },
  'no-oauth-mechanism': {
    title: 'The server does not accept sign-ins with a token (OAUTHBEARER or XOAUTH2).',
    action: 'Use a password for this account instead.',
  },
  'insufficient-scope': {
    title: 'The provider did not grant access to mail.',
    action: 'Sign in again and allow access to your mail.',
  },
  'token-rejected': {
    title: 'The server did not accept the sign-in token.',
    action: 'Try again; if it keeps happening, sign in again.',
  },
  'sign-in-timeout': {
    title: 'The sign-in in the browser took too long.',
    action: 'Start the sign-in again and finish it in the browser window that opens.',
  },
  'no-sign-in': {
    title: 'Sign in with your provider first.',
    action: 'Use the “Sign in” button, then add the account.',
  },
  'no-provider-metadata': {
    title: 'No sign-in service was found at that address.',
    action: 'Check the issuer URL your provider gave you.',
  },
}
