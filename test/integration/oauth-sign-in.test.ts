import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildAuthorizationRequest, readAuthorizationResponse } from '../../src/main/core/auth/authorization'
import { discoverProvider } from '../../src/main/core/auth/discovery'
import { startLoopbackRedirect } from '../../src/main/core/auth/loopback-redirect'
import { isSignInAgain } from '../../src/main/core/auth/oauth-errors'
import { signIn } from '../../src/main/core/auth/sign-in'
import { exchangeCode } from '../../src/main/core/auth/token-endpoint'
import { AppError } from '../../src/shared/errors'
import { createTestUser } from '../servers/mail-env'
import { oauthStack, testProvider } from '../servers/oauth-env'
import { SignInBrowser } from './helpers/oauth-browser'
import { imapLoginWithToken } from './helpers/oauth-mail'

/**
 * Signing in with OAuth 2.0 against a real OpenID provider (oidc-provider on loopback): the
 * authorization code flow with PKCE, driven through the provider's own login and consent pages in
 * Chromium, back to the app's loopback listener; and the attacks the checks exist for.
 */

let browser: SignInBrowser
beforeAll(async () => {
  browser = await SignInBrowser.start()
})
afterAll(async () => {
  await browser?.close()
})

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

describe('OpenID Connect discovery', () => {
  it("finds the provider's endpoints from its issuer URL, with PKCE S256 and RFC 9207 iss", async () => {
    const { issuer, port } = oauthStack()
    const endpoints = await discoverProvider(issuer)
    expect(endpoints).toMatchObject({
      issuer,
      authorizationEndpoint: `http://127.0.0.1:${port}/auth`,
      tokenEndpoint: `http://127.0.0.1:${port}/token`,
      revocationEndpoint: `http://127.0.0.1:${port}/token/revocation`,
      issParameterSupported: true,
    })
    // An issuer URL that is not one: no metadata there.
    const missing = await rejection(discoverProvider(`${issuer}/not-an-issuer`))
    expect(missing.detail?.['reason']).toBe('no-provider-metadata')
  })
})

describe('sign-in in the system browser', () => {
  it('runs the code flow with PKCE through the provider login page to the loopback listener', async () => {
    const user = createTestUser('oauth-flow')
    const provider = await testProvider()
    const visitsBefore = browser.visits.length
    const tokens = await signIn({
      provider,
      openExternal: browser.person({ user: user.address }),
      loginHint: user.address,
    })
    const visit = browser.visits[visitsBefore]!
    // The person saw the provider's own pages, and the provider came back to 127.0.0.1 with the
    // code, the state and its issuer (RFC 9207).
    expect(visit.pages).toEqual(['Sign-in', 'Authorize'])
    const back = new URL(visit.redirectedTo!)
    expect(back.hostname).toBe('127.0.0.1')
    expect(back.pathname).toMatch(/^\/oauth\/[A-Za-z0-9_-]{32}$/)
    expect(back.searchParams.get('iss')).toBe(oauthStack().issuer)
    expect(back.searchParams.get('code')).toBeTruthy()

    expect(tokens.accessToken).toBeTruthy()
    expect(tokens.refreshToken).toBeTruthy()
    expect(tokens.scope?.split(' ')).toEqual(expect.arrayContaining(['mail', 'offline_access']))
    expect(tokens.expiresAt).toBeGreaterThan(Date.now() + 50 * 60_000)
    // The token opens the user's mailbox at Dovecot (which checks it by introspection).
    await imapLoginWithToken(user.address, tokens.accessToken)
  })

  it('refuses an answer whose state is not the one sent (the browser is told the sign-in failed)', async () => {
    const user = createTestUser('oauth-state')
    const provider = await testProvider()
    const err = await rejection(
      signIn({
        provider,
        openExternal: browser.person({
          user: user.address,
          tamper: (url) => url.searchParams.set('state', 'forged-by-someone-else'),
        }),
      }),
    )
    expect(err.code).toBe('AUTH_FAILED')
    expect(err.detail?.['reason']).toBe('state-mismatch')
    // The provider did send a code back, with the state the tampered request carried.
    const back = new URL(browser.visits.at(-1)!.redirectedTo!)
    expect(back.searchParams.get('state')).toBe('forged-by-someone-else')
    expect(back.searchParams.get('code')).toBeTruthy()
  })

  it('a declined consent is CANCELLED; a cancelled sign-in stops listening', async () => {
    const user = createTestUser('oauth-decline')
    const provider = await testProvider()
    const declined = await rejection(
      signIn({ provider, openExternal: browser.person({ user: user.address, consent: 'decline' }) }),
    )
    expect(declined.code).toBe('CANCELLED')
    expect(declined.detail?.['reason']).toBe('access-denied')

    const controller = new AbortController()
    let redirectUri = ''
    const pending = signIn({
      provider,
      signal: controller.signal,
      // The person opened the page and walked away; then pressed Cancel in the app.
      openExternal: (url) => {
        redirectUri = new URL(url).searchParams.get('redirect_uri')!
        setTimeout(() => controller.abort(), 50)
        return Promise.resolve()
      },
    })
    expect((await rejection(pending)).code).toBe('CANCELLED')
    await expect(fetch(`${redirectUri}?code=late&state=x`)).rejects.toThrow()
  })
})

describe('the token endpoint', () => {
  /** One authorization by hand (the pieces signIn uses), to replay or tamper with its code. */
  async function authorize(userAddress: string) {
    const provider = await testProvider()
    let expected = { state: '', issuer: provider.issuer, issParameterSupported: true }
    const listener = await startLoopbackRedirect({ read: (q) => readAuthorizationResponse(q, expected) })
    const request = buildAuthorizationRequest(provider, listener.redirectUri)
    expected = { ...expected, state: request.state }
    await browser.person({ user: userAddress })(request.url)
    const code = await listener.answer
    return { provider, request, code }
  }

  it('refuses a replayed code, and revokes the tokens issued for it (RFC 6749 §4.1.2)', async () => {
    const user = createTestUser('oauth-replay')
    const { provider, request, code } = await authorize(user.address)
    const grant = { code, redirectUri: request.redirectUri, verifier: request.verifier }
    const first = await exchangeCode(provider.tokenEndpoint, provider, grant)
    await imapLoginWithToken(user.address, first.accessToken)

    const replay = await rejection(exchangeCode(provider.tokenEndpoint, provider, grant))
    expect(replay.detail?.['oauthError']).toBe('invalid_grant')
    expect(isSignInAgain(replay)).toBe(true)
    // The provider took the replay for a stolen code and revoked what the code had given.
    const refused = await rejection(imapLoginWithToken(user.address, first.accessToken))
    expect(refused.code).toBe('AUTH_FAILED')
  })

  it('refuses a code with the wrong PKCE verifier (a code stolen on its way back)', async () => {
    const user = createTestUser('oauth-pkce')
    const { provider, request, code } = await authorize(user.address)
    const stolen = {
      code,
      redirectUri: request.redirectUri,
      verifier: `${request.verifier.slice(0, -4)}AAAA`,
    }
    const err = await rejection(exchangeCode(provider.tokenEndpoint, provider, stolen))
    expect(err.detail?.['oauthError']).toBe('invalid_grant')
  })
})
