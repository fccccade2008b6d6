import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import keytar from 'keytar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { discoverProvider } from '../../src/main/core/auth/discovery'
import { isSignInAgain } from '../../src/main/core/auth/oauth-errors'
import { revokeToken } from '../../src/main/core/auth/token-endpoint'
import { refreshTokenKey } from '../../src/main/core/auth/token-manager'
import type { OpenExternal } from '../../src/main/core/auth/sign-in'
import { SignInBrowser } from '../integration/helpers/oauth-browser'
import { countFiles, findSecrets } from '../helpers/secret-scan'
import { configXml, startConfigHttp, type ConfigHttp } from '../servers/config-http'
import { createTestUser, mailStack, testCa, type TestUser } from '../servers/mail-env'
import { oauthStack } from '../servers/oauth-env'
import { startStubDns, type StubDns } from '../servers/stub-dns'
import { startApp, type AppUnderTest } from './harness'

/**
 * A person adds an account that signs in with OAuth 2.0, through the wizard in Chromium: discovery
 * finds the servers, the person chooses to sign in on the provider's page, names the test
 * provider (issuer URL and client id), signs in at the provider's own login and consent pages (a
 * second browser, standing in for the system browser), and the account is added and verified with
 * the token; no token reaches the page or the user-data folder.
 */
const KEYCHAIN = `Mailroom-e2e-oauth-${randomBytes(4).toString('hex')}`
const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-e2e-oauth-'))
let http: ConfigHttp
let dns: StubDns
let user: TestUser
let app: AppUnderTest
let systemBrowser: SignInBrowser
const opened: string[] = []

beforeAll(async () => {
  const { ports } = mailStack()
  user = createTestUser('oauth-wizard')
  http = await startConfigHttp({
    '/https/autoconfig.example.test/mail/config-v1.1.xml': configXml({
      name: 'Example Test Mail',
      incoming: [{ type: 'imap', host: 'localhost', port: ports.imaps, socket: 'SSL' }],
      outgoing: [{ host: 'localhost', port: ports.submission, socket: 'STARTTLS' }],
    }),
  })
  dns = await startStubDns({})
  systemBrowser = await SignInBrowser.start()
  const person = systemBrowser.person({ user: user.address })
  const openExternal: OpenExternal = (url) => (opened.push(url), person(url))
  app = await startApp({
    dataDir,
    keychainService: KEYCHAIN,
    extraCa: [testCa()],
    discovery: { httpOrigin: http.httpOrigin, ispdbBase: http.ispdbBase, dnsServers: [dns.server] },
    verifyTimeoutMs: 10_000,
    services: { oauth: { openExternal } },
  })
})
afterAll(async () => {
  await app?.close()
  await systemBrowser?.close()
  await http?.close()
  await dns?.close()
  for (const c of await keytar.findCredentials(KEYCHAIN)) await keytar.deletePassword(KEYCHAIN, c.account)
  rmSync(dataDir, { recursive: true, force: true })
})

describe('adding an OAuth account through the wizard', () => {
  it('signs in at the provider in the system browser and adds the account without a password', async () => {
    const { page } = app
    const stack = oauthStack()
    await page.getByRole('heading', { name: 'Add your mail account' }).waitFor()
    await page.getByLabel('Email address').fill(user.address)
    await page.getByRole('button', { name: 'Sign in on my provider’s page instead' }).click()
    await page.getByRole('heading', { name: 'Check your settings' }).waitFor()
    await page.getByLabel('Issuer URL').fill(stack.issuer)
    await page.getByLabel('Client ID').fill(stack.clients.native)
    await page.getByLabel('Scopes').fill(stack.scope)
    await page.getByRole('button', { name: 'Sign in with your provider' }).click()
    await page.getByText(/Signed in with your provider/).waitFor({ timeout: 30_000 })
    // The provider's page went to the system browser, never to the app's own page.
    expect(opened).toHaveLength(1)
    expect(new URL(opened[0]!).origin).toBe(new URL(stack.issuer).origin)
    expect(page.url()).not.toContain(new URL(stack.issuer).host)

    await page.getByRole('button', { name: 'Add account' }).click()
    await page.getByTestId('wizard-done').waitFor({ timeout: 30_000 })
    await page.getByRole('button', { name: 'Done' }).click()
    const [account] = app.services.accountsService.list()
    expect(account?.auth).toMatchObject({ kind: 'oauth2', issuer: stack.issuer })
    expect(app.pageErrors).toEqual([])
  })

  it('a revoked grant shows "Sign in again" on the account; signing in again clears it', async () => {
    const { page, services } = app
    const [account] = services.accountsService.list()
    const stack = oauthStack()
    const endpoints = await discoverProvider(stack.issuer)
    const refreshToken = await keytar.getPassword(KEYCHAIN, refreshTokenKey(account!.id))
    await revokeToken(
      endpoints.revocationEndpoint!,
      { clientId: stack.clients.native },
      refreshToken!,
      'refresh_token',
    )
    // The next refresh finds out (the running IMAP connection, logged in before, may well go on):
    // invalid_grant is "sign in again".
    await expect(services.oauth.tokens.refresh(account!.id)).rejects.toSatisfy(isSignInAgain)
    await page.getByRole('button', { name: 'Accounts' }).click()
    await page.getByTestId('account-needs-sign-in').waitFor()
    await page.getByRole('button', { name: `Sign in again to ${account!.displayName}` }).click()
    await expect.poll(() => page.getByTestId('account-needs-sign-in').count(), { timeout: 30_000 }).toBe(0)
    expect(opened).toHaveLength(2)
    await services.checkNow(account!.id)
    expect(app.pageErrors).toEqual([])
  })

  it('keeps the refresh token in the keychain only, and no token reaches the page or the disk', async () => {
    const [account] = app.services.accountsService.list()
    const refreshToken = await keytar.getPassword(KEYCHAIN, refreshTokenKey(account!.id))
    expect(refreshToken).toEqual(expect.any(String))
    const accessToken = await app.services.oauth.tokens.accessToken(account!.id)
    for (const answer of app.bridge.answers) {
      expect(answer).not.toContain(refreshToken!)
      expect(answer).not.toContain(accessToken)
    }
    await app.services.close()
    expect(countFiles(dataDir)).toBeGreaterThan(0)
    expect(findSecrets(dataDir, [refreshToken!, accessToken])).toEqual([])
  })
})
