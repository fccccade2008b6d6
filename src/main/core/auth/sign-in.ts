/**
 * Signing in with OAuth 2.0 the way RFC 8252 wants a desktop app to: the authorization page opens
 * in the person's own browser (never a web view of ours, which could read the password they type),
 * the provider redirects to a one-answer listener on 127.0.0.1, and the code is exchanged for
 * tokens here in main, with the PKCE verifier that never left this process.
 */
import { AppError } from '../../../shared/errors'
import { buildAuthorizationRequest, readAuthorizationResponse } from './authorization'
import { startLoopbackRedirect } from './loopback-redirect'
import type { OAuthProviderConfig } from './oauth-config'
import { exchangeCode, type TokenSet } from './token-endpoint'

/**
 * Opens a URL in the system browser: Electron's shell.openExternal in the app
 * (src/main/platform/system-browser.ts); tests drive a real Chromium with it.
 */
export type OpenExternal = (url: string) => Promise<void>

export interface SignInOptions {
  provider: OAuthProviderConfig
  openExternal: OpenExternal
  /** Pre-fills the account at the provider's login page (OpenID Connect Core §3.1.2.1). */
  loginHint?: string
  /** How long the person has in the browser (default 5 minutes). */
  timeoutMs?: number
  /** The person cancelled (closed the dialog): the listener closes, CANCELLED. */
  signal?: AbortSignal
  now?: () => number
}

export async function signIn(options: SignInOptions): Promise<TokenSet> {
  const { provider } = options
  let expected: { state: string; verifier: string } | undefined
  const listener = await startLoopbackRedirect({
    read: (query) => {
      if (!expected) throw new AppError('INTERNAL', 'Answer before the request was made')
      return readAuthorizationResponse(query, {
        state: expected.state,
        issuer: provider.issuer,
        issParameterSupported: provider.issParameterSupported,
      })
    },
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(provider.redirectPath ? { path: provider.redirectPath } : {}),
  })
  try {
    const request = buildAuthorizationRequest(
      provider,
      listener.redirectUri,
      options.loginHint ? { loginHint: options.loginHint } : {},
    )
    expected = { state: request.state, verifier: request.verifier }
    await options.openExternal(request.url)
    const code = await listener.answer
    return await exchangeCode(
      provider.tokenEndpoint,
      provider,
      { code, redirectUri: request.redirectUri, verifier: request.verifier },
      {
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.now ? { now: options.now } : {}),
      },
    )
  } finally {
    listener.close()
  }
}
