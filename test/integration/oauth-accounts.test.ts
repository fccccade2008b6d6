import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { secretKey } from '../../src/main/core/accounts/account-secrets'
import { discoverProvider } from '../../src/main/core/auth/discovery'
import { isSignInAgain } from '../../src/main/core/auth/oauth-errors'
import type { OpenExternal } from '../../src/main/core/auth/sign-in'
import { revokeToken } from '../../src/main/core/auth/token-endpoint'
import { refreshTokenKey } from '../../src/main/core/auth/token-manager'
import type { Account, OAuthAccountAuth } from '../../src/shared/model/account'
import { createMailApi } from '../../src/main/api/mail-api'
import { invokeMailMethod } from '../../src/main/ipc/register'
import { draftFor } from '../helpers/account-drafts'
import { countFiles, findSecrets } from '../helpers/secret-scan'
import { createTestUser, type TestUser } from '../servers/mail-env'
import { oauthStack } from '../servers/oauth-env'
import { SignInBrowser } from './helpers/oauth-browser'
import { postfixSaslMethods } from './helpers/oauth-mail'
import {
  copiesDelivered,
  inboxAfterMarker,
  knownUser,
  settled,
  startSendingApp,
  waitFor,
  type SendingApp,
} from './helpers/sending'

/**
 * OAuth 2.0 accounts through the app's own services against the real stack: a sign-in in Chromium
 * at the test provider (oidc-provider), Dovecot validating the tokens by introspection, Postfix
 * authenticating submissions through Dovecot. Sync and send with the token, silent refresh when
 * it expires, and a revoked grant: "sign in again", the queued message kept, then sent.
 */

let browser: SignInBrowser
/** Who is at the browser for the next sign-in. */
let person: OpenExternal = () => Promise.reject(new Error('nobody at the browser'))

beforeAll(async () => {
  browser = await SignInBrowser.start()
})
afterAll(async () => {
  await browser?.close()
})

function authFor(clientId: string): OAuthAccountAuth {
  const stack = oauthStack()
  return { kind: 'oauth2', issuer: stack.issuer, clientId, scopes: stack.scope.split(' ') }
}

async function startApp(): Promise<SendingApp> {
  const app = await startSendingApp({
    startMailSync: false,
    oauth: { openExternal: (url) => person(url) },
  })
  app.services.outbox.setSettings({ undoSeconds: 0 })
  return app
}

/** The wizard's way: sign in (in the browser), then add the account naming that sign-in. */
async function addOAuthAccount(app: SendingApp, user: TestUser, auth: OAuthAccountAuth): Promise<Account> {
  person = browser.person({ user: user.address })
  const { accountsService } = app.services
  const signInId = `wizard-${user.address}`
  await expect(
    accountsService.signIn(signInId, { auth, address: user.address, protocol: 'imap' }),
  ).resolves.toBeUndefined()
  return accountsService.add({ ...draftFor(user), auth }, { signInId })
}

const messagesOf = (app: SendingApp, accountId: string) =>
  (
    app.services.db
      .prepare('SELECT count(*) AS n FROM mail_messages WHERE account_id = ?')
      .get(accountId) as { n: number }
  ).n

function draftTo(app: SendingApp, accountId: string, to: string, subject: string) {
  return { ...app.services.compose.createDraft(accountId, null), to, subject, html: `<p>${subject}</p>` }
}

describe('OAuth accounts in the app', () => {
  it('adds an account with a browser sign-in, syncs and sends with its token, keeps no token at rest', async () => {
    const app = await startApp()
    try {
      const user = await knownUser('oauth-app')
      const bob = await knownUser('oauth-bob')
      const account = await addOAuthAccount(app, user, authFor(oauthStack().clients.native))
      expect(account.auth).toMatchObject({ kind: 'oauth2', issuer: oauthStack().issuer })
      const { secrets } = app.services
      // The refresh token in the SecretStore; no password entry at all.
      const refreshToken = await secrets.get(refreshTokenKey(account.id))
      expect(refreshToken).toEqual(expect.any(String))
      expect(await secrets.get(secretKey(account.id, 'incoming'))).toBeNull()
      expect(await secrets.get(secretKey(account.id, 'outgoing'))).toBeNull()

      await inboxAfterMarker(user)
      await app.services.mail.syncAccount(account.id)
      expect(messagesOf(app, account.id)).toBeGreaterThan(0)

      const queued = await app.services.compose.sendDraft(draftTo(app, account.id, bob.address, 'by token'))
      const done = await settled(app.services, queued.id)
      expect(done).toMatchObject({ state: 'sent', sentCopy: 'saved' })
      expect(await copiesDelivered(bob, done.messageId)).toBe(1)
      // The app's submission used a token (the marker before it was sent with the password).
      expect(postfixSaslMethods(user.address)).toContainEqual(
        expect.stringMatching(/^(OAUTHBEARER|XOAUTH2)$/),
      )

      // Neither token in any file of the app's data folder (as UTF-8, UTF-16 or base64), nor in
      // any IPC answer the renderer gets about the account, its mail or its outbox.
      const accessToken = await app.services.oauth.tokens.accessToken(account.id)
      expect(countFiles(app.dataDir)).toBeGreaterThan(0)
      expect(findSecrets(app.dataDir, [refreshToken!, accessToken])).toEqual([])
      const api = createMailApi(app.services)
      const answers = JSON.stringify([
        await invokeMailMethod(api, 'listAccounts', []),
        await invokeMailMethod(api, 'listOutbox', []),
        await invokeMailMethod(api, 'listMailboxes', [account.id]),
        await invokeMailMethod(api, 'getSubmissionInfo', [account.id]),
      ])
      expect(answers).not.toContain(refreshToken!)
      expect(answers).not.toContain(accessToken)

      // Removal forgets the tokens: keychain and memory.
      await app.services.accountsService.remove(account.id)
      expect(await secrets.get(refreshTokenKey(account.id))).toBeNull()
      await expect(app.services.oauth.tokens.accessToken(account.id)).rejects.toSatisfy(isSignInAgain)
    } finally {
      await app.close()
    }
  })

  it('refreshes an expired access token silently (3-second tokens)', async () => {
    const app = await startApp()
    try {
      const user = await knownUser('oauth-short')
      const account = await addOAuthAccount(app, user, authFor(oauthStack().clients.shortLived))
      const first = await app.services.oauth.tokens.accessToken(account.id)
      await app.services.mail.syncAccount(account.id)
      await new Promise((r) => setTimeout(r, 3500))
      await inboxAfterMarker(user)
      await app.services.mail.syncAccount(account.id)
      expect(messagesOf(app, account.id)).toBeGreaterThan(0)
      expect(await app.services.oauth.tokens.accessToken(account.id)).not.toBe(first)
      expect(app.services.accountsService.list()[0]?.needsSignIn).toBeUndefined()
    } finally {
      await app.close()
    }
  })

  it('a revoked grant: "sign in again", the queued message waits, then goes out after signing in', async () => {
    const app = await startApp()
    try {
      const user = await knownUser('oauth-revoked')
      const carol = await knownUser('oauth-carol')
      const clientId = oauthStack().clients.native
      const account = await addOAuthAccount(app, user, authFor(clientId))
      const changed: string[] = []
      app.services.events.on('accounts:changed', (e) => changed.push(e.accountId))

      const endpoints = await discoverProvider(oauthStack().issuer)
      const refreshToken = await app.services.secrets.get(refreshTokenKey(account.id))
      await revokeToken(endpoints.revocationEndpoint!, { clientId }, refreshToken!, 'refresh_token')

      const queued = await app.services.compose.sendDraft(draftTo(app, account.id, carol.address, 'waits'))
      const waiting = await waitFor('the message to wait for a sign-in', () => {
        const item = app.services.outbox.get(queued.id)
        return item && isSignInAgain(item.lastError) ? item : undefined
      })
      expect(waiting.state).toBe('queued')
      // What the outbox tells the renderer names the reason, never a token.
      const told = JSON.stringify(await invokeMailMethod(createMailApi(app.services), 'listOutbox', []))
      expect(told).toContain('sign-in-again')
      expect(told).not.toContain(refreshToken!)
      expect(app.services.accountsService.list()[0]?.needsSignIn).toBe(true)
      expect(changed).toContain(account.id)
      await expect(app.services.mail.syncAccount(account.id)).rejects.toSatisfy(isSignInAgain)
      // Still waiting a moment later: not failed, not dropped, its draft not handed back.
      await new Promise((r) => setTimeout(r, 1000))
      expect(app.services.outbox.get(queued.id)?.state).toBe('queued')

      // "Sign in again": the same call for the existing account; the queue and sync resume.
      person = browser.person({ user: user.address })
      await app.services.accountsService.signIn('again', { accountId: account.id })
      expect(app.services.accountsService.list()[0]?.needsSignIn).toBeUndefined()
      const done = await settled(app.services, queued.id)
      expect(done).toMatchObject({ state: 'sent' })
      expect(await copiesDelivered(carol, done.messageId)).toBe(1)
      await app.services.mail.syncAccount(account.id)
    } finally {
      await app.close()
    }
  })

  it('refuses an OAuth account without a sign-in, and a password account with one', async () => {
    const app = await startApp()
    try {
      const user = createTestUser('oauth-none')
      const auth = authFor(oauthStack().clients.native)
      await expect(
        app.services.accountsService.add({ ...draftFor(user), auth }, { signInId: 'never-happened' }),
      ).rejects.toMatchObject({ code: 'AUTH_FAILED', detail: { reason: 'no-sign-in' } })
      await expect(
        app.services.accountsService.add({ ...draftFor(user), auth }, { incoming: user.password }),
      ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
      await expect(app.services.accountsService.add(draftFor(user), { signInId: 'x' })).rejects.toMatchObject(
        {
          code: 'INVALID_INPUT',
        },
      )
      expect(app.services.accountsService.list()).toEqual([])
    } finally {
      await app.close()
    }
  })
})
