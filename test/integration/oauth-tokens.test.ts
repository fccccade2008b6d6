import { randomBytes } from 'node:crypto'
import keytar from 'keytar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OAuthProviderConfig } from '../../src/main/core/auth/oauth-config'
import { isSignInAgain } from '../../src/main/core/auth/oauth-errors'
import { signIn } from '../../src/main/core/auth/sign-in'
import { refreshTokens, revokeToken, type TokenSet } from '../../src/main/core/auth/token-endpoint'
import { refreshTokenKey, TokenManager } from '../../src/main/core/auth/token-manager'
import { createKeytarSecretStore } from '../../src/main/core/secrets/keytar-secret-store'
import type { SecretStore } from '../../src/main/core/secrets/secret-store'
import { AppError, type AppErrorData } from '../../src/shared/errors'
import { createTestUser, type TestUser } from '../servers/mail-env'
import { oauthStack, testProvider } from '../servers/oauth-env'
import { SignInBrowser } from './helpers/oauth-browser'
import { imapLoginWithToken } from './helpers/oauth-mail'

/**
 * The token manager against the real authorization server and Dovecot: the refresh token in the OS
 * keychain (gnome-keyring on the run's private D-Bus), the access token in memory, refreshed before
 * it expires and once after a refusal, refresh-token rotation, and "sign in again" when the grant is
 * gone. Expiry uses the client whose access tokens live 3 s.
 */

let browser: SignInBrowser
beforeAll(async () => {
  browser = await SignInBrowser.start()
})
afterAll(async () => {
  await browser?.close()
})

interface Setup {
  user: TestUser
  provider: OAuthProviderConfig
  tokens: TokenSet
  secrets: SecretStore
  service: string
  manager: TokenManager
  clock: { now: number }
  signInRequired: string[]
}

async function setup(clientId: string): Promise<Setup> {
  const user = createTestUser('oauth-tm')
  const provider = await testProvider({ clientId })
  const tokens = await signIn({ provider, openExternal: browser.person({ user: user.address }) })
  const service = `mailroom-test-${randomBytes(4).toString('hex')}`
  const secrets = createKeytarSecretStore(service)
  const clock = { now: Date.now() }
  const signInRequired: string[] = []
  const manager = new TokenManager({
    secrets,
    grantOf: () => ({ tokenEndpoint: provider.tokenEndpoint, client: { clientId } }),
    now: () => clock.now,
    onSignInRequired: (accountId) => signInRequired.push(accountId),
  })
  await manager.signedIn(user.address, tokens)
  return { user, provider, tokens, secrets, service, manager, clock, signInRequired }
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('token manager', () => {
  it('keeps the refresh token in the OS keychain and the access token in memory only', async () => {
    const s = await setup(oauthStack().clients.native)
    const stored = await keytar.findCredentials(s.service)
    expect(stored).toEqual([{ account: refreshTokenKey(s.user.address), password: s.tokens.refreshToken }])
    expect(JSON.stringify(stored)).not.toContain(s.tokens.accessToken)
    expect(await s.manager.accessToken(s.user.address)).toBe(s.tokens.accessToken)
    await s.manager.forget(s.user.address)
    expect(await keytar.findCredentials(s.service)).toEqual([])
  })

  it('refreshes shortly before expiry and keeps the rotated refresh token', async () => {
    const s = await setup(oauthStack().clients.shortLived)
    const id = s.user.address
    expect(s.tokens.expiresAt).not.toBeNull()
    expect(await s.manager.accessToken(id)).toBe(s.tokens.accessToken)

    // Not yet expired, but inside the margin (half of a 3 s lifetime): refreshed ahead of time.
    s.clock.now = s.tokens.expiresAt! - 1000
    const fresh = await s.manager.accessToken(id)
    expect(fresh).not.toBe(s.tokens.accessToken)
    await imapLoginWithToken(s.user.address, fresh)

    // The provider rotated the refresh token; the keychain holds the new one, and the old one is spent.
    const rotated = await s.secrets.get(refreshTokenKey(id))
    expect(rotated).toBeTruthy()
    expect(rotated).not.toBe(s.tokens.refreshToken)
    const spent = await rejection(refreshTokens(s.provider.tokenEndpoint, s.provider, s.tokens.refreshToken!))
    expect(spent.detail?.['oauthError']).toBe('invalid_grant')
  })

  it('refreshes once when the server refuses a token it still thought fresh, then succeeds', async () => {
    const s = await setup(oauthStack().clients.shortLived)
    // The manager's clock stands still; the server's does not: the token expires at Dovecot.
    await sleep(s.tokens.expiresAt! - Date.now() + 500)
    const used: string[] = []
    const status = await s.manager.withAccessToken(s.user.address, (token) => {
      used.push(token)
      return imapLoginWithToken(s.user.address, token)
    })
    expect(status.messages).toBeGreaterThanOrEqual(0)
    expect(used).toHaveLength(2)
    expect(used[0]).toBe(s.tokens.accessToken)
    expect(used[1]).not.toBe(s.tokens.accessToken)

    // A login that keeps failing is tried twice, not more, and its error comes back.
    let attempts = 0
    const err = await rejection(
      s.manager.withAccessToken(s.user.address, () => {
        attempts++
        return imapLoginWithToken(s.user.address, `bogus-${attempts}`)
      }),
    )
    expect(attempts).toBe(2)
    expect(err.code).toBe('AUTH_FAILED')
    expect(isSignInAgain(err)).toBe(false)
  })

  it('runs one refresh for concurrent callers (a second would replay a rotated token)', async () => {
    const s = await setup(oauthStack().clients.shortLived)
    s.clock.now = s.tokens.expiresAt! + 1
    const tokens = await Promise.all([1, 2, 3, 4].map(() => s.manager.accessToken(s.user.address)))
    expect(new Set(tokens).size).toBe(1)
    expect(tokens[0]).not.toBe(s.tokens.accessToken)
    await imapLoginWithToken(s.user.address, tokens[0]!)
    // The chain is intact: the stored refresh token still works.
    s.clock.now += 10_000
    const next = await s.manager.accessToken(s.user.address)
    await imapLoginWithToken(s.user.address, next)
    expect(s.signInRequired).toEqual([])
  })

  it('a revoked grant means "sign in again" until the person signs in; then mail works again', async () => {
    const s = await setup(oauthStack().clients.native)
    const id = s.user.address
    await revokeToken(s.provider.revocationEndpoint!, s.provider, s.tokens.refreshToken!, 'refresh_token')

    // The access token of the revoked grant is refused at once (Dovecot introspects every login),
    // the one refresh fails with invalid_grant: the typed "sign in again" error.
    const err = await rejection(s.manager.withAccessToken(id, (token) => imapLoginWithToken(id, token)))
    expect(isSignInAgain(err)).toBe(true)
    const data: AppErrorData = err.toData()
    expect(isSignInAgain(data)).toBe(true)
    // Neither token is in what the error tells the UI.
    expect(JSON.stringify(data)).not.toContain(s.tokens.refreshToken!)
    expect(JSON.stringify(data)).not.toContain(s.tokens.accessToken)
    expect(s.signInRequired).toEqual([id])
    expect(s.manager.needsSignIn(id)).toBe(true)
    expect(isSignInAgain(await rejection(s.manager.accessToken(id)))).toBe(true)
    expect(s.signInRequired).toEqual([id])

    const again = await signIn({ provider: s.provider, openExternal: browser.person({ user: id }) })
    await s.manager.signedIn(id, again)
    expect(s.manager.needsSignIn(id)).toBe(false)
    const status = await s.manager.withAccessToken(id, (token) => imapLoginWithToken(id, token))
    expect(status.messages).toBeGreaterThanOrEqual(0)
    expect(await s.secrets.get(refreshTokenKey(id))).toBe(again.refreshToken)
  })

  it('an account without a stored sign-in needs one', async () => {
    const manager = new TokenManager({
      secrets: createKeytarSecretStore(`mailroom-test-${randomBytes(4).toString('hex')}`),
      grantOf: () => ({ tokenEndpoint: `${oauthStack().issuer}/token`, client: { clientId: 'mailroom' } }),
    })
    expect(isSignInAgain(await rejection(manager.accessToken('never-signed-in')))).toBe(true)
  })
})
