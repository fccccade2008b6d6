import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn } from '../../src/main/core/auth/sign-in'
import type { TokenSet } from '../../src/main/core/auth/token-endpoint'
import { oauthInitialResponse, type OAuthMechanism } from '../../src/main/core/sasl/oauth-sasl'
import { AppError } from '../../src/shared/errors'
import { createTestUser, mailStack, type TestUser } from '../servers/mail-env'
import { testProvider } from '../servers/oauth-env'
import { SignInBrowser } from './helpers/oauth-browser'
import {
  imapLoginWithToken,
  lastDovecotLoginMethod,
  lastPostfixSaslMethod,
  pop3LoginWithToken,
  rawImapAuthenticate,
  smtpSessionWithToken,
} from './helpers/oauth-mail'
import { fetchByMessageId, imapClient, waitFor } from './helpers/sending'

/**
 * The app's IMAP, POP3 and SMTP clients log in with an OAuth 2.0 access token (XOAUTH2 and
 * OAUTHBEARER, RFC 7628) at the real Dovecot and Postfix, which check it by introspection at the
 * run's authorization server; refused tokens come back as AUTH_FAILED with the server's error
 * payload decoded. Dovecot's auth penalty is off in this stack (dovecot.conf.in), and the raw
 * exchanges below also connect from addresses of their own, so refusals never slow other tests.
 */

let browser: SignInBrowser
let alice: TestUser
let bob: TestUser
let aliceTokens: TokenSet
const MECHANISMS: OAuthMechanism[] = ['OAUTHBEARER', 'XOAUTH2']

async function tokensFor(user: TestUser, scopes?: string[]): Promise<TokenSet> {
  return signIn({
    provider: await testProvider(scopes ? { scopes } : {}),
    openExternal: browser.person({ user: user.address }),
  })
}

beforeAll(async () => {
  browser = await SignInBrowser.start()
  alice = createTestUser('oauth-alice')
  bob = createTestUser('oauth-bob')
  aliceTokens = await tokensFor(alice)
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

let nextAddress = 40
/** A loopback source address of its own for each refused login. */
const freshSource = (): string => `127.0.0.${nextAddress++}`

function payload(mechanism: OAuthMechanism, user: string, accessToken: string): string {
  return oauthInitialResponse(mechanism, {
    user,
    accessToken,
    host: mailStack().host,
    port: mailStack().ports.imaps,
  })
}

describe('IMAP', () => {
  it.each(['tls', 'starttls'] as const)(
    'logs in with the token over %s (OAUTHBEARER, offered first)',
    async (mode) => {
      const status = await imapLoginWithToken(alice.address, aliceTokens.accessToken, mode)
      expect(status.messages).toBeGreaterThanOrEqual(0)
      expect(lastDovecotLoginMethod(alice.address, 'imap')).toBe('OAUTHBEARER')
    },
  )

  it('logs in with XOAUTH2 too (the same message builder, raw IMAP AUTHENTICATE)', async () => {
    const r = await rawImapAuthenticate('XOAUTH2', payload('XOAUTH2', alice.address, aliceTokens.accessToken))
    expect(r.reply).toMatch(/^A1 OK/)
    expect(lastDovecotLoginMethod(alice.address, 'imap')).toBe('XOAUTH2')
  })

  it('refuses an unknown token; the error payload comes back decoded', async () => {
    const err = await rejection(imapLoginWithToken(alice.address, `bogus-${randomBytes(8).toString('hex')}`))
    expect(err.code).toBe('AUTH_FAILED')
    expect(err.detail).toMatchObject({ reason: 'token-rejected', oauthStatus: 'invalid_token' })
    expect(err.detail?.['oauthError']).toMatch(/did not accept the access token/)
  })

  it("refuses alice's token for bob, and a password sent as a bearer token", async () => {
    const forBob = await rawImapAuthenticate(
      'XOAUTH2',
      payload('XOAUTH2', bob.address, aliceTokens.accessToken),
      freshSource(),
    )
    expect(forBob.reply).toMatch(/^A1 NO/)
    expect(JSON.parse(forBob.challenge!)).toMatchObject({ status: '401' })

    // Without `mechanisms = plain login` on the passwd-file passdb, this would log in.
    for (const mechanism of MECHANISMS) {
      const r = await rawImapAuthenticate(
        mechanism,
        payload(mechanism, alice.address, alice.password),
        freshSource(),
      )
      expect(r.reply).toMatch(/^A1 NO/)
    }
    expect((await rejection(imapLoginWithToken(alice.address, alice.password))).code).toBe('AUTH_FAILED')
    // The password itself still works, with PLAIN.
    const plain = imapClient(alice)
    await plain.connect()
    await plain.logout()
  })

  it('refuses a token granted without the "mail" scope', async () => {
    const user = createTestUser('oauth-noscope')
    const tokens = await tokensFor(user, ['openid', 'email', 'offline_access'])
    expect(tokens.scope?.split(' ')).not.toContain('mail')
    const err = await rejection(imapLoginWithToken(user.address, tokens.accessToken))
    expect(err.code).toBe('AUTH_FAILED')
  })
})

describe('POP3', () => {
  it.each(MECHANISMS)('logs in with the token using %s, over TLS and after STLS', async (mechanism) => {
    for (const mode of ['tls', 'starttls'] as const) {
      const stat = await pop3LoginWithToken(alice.address, aliceTokens.accessToken, mechanism, mode)
      expect(stat.count).toBeGreaterThanOrEqual(0)
      expect(lastDovecotLoginMethod(alice.address, 'pop3')).toBe(mechanism)
    }
  })

  it.each([
    ['OAUTHBEARER', 'invalid_token'],
    ['XOAUTH2', '401'],
  ] as const)(
    'refuses an unknown token with %s after answering the error challenge',
    async (mechanism, status) => {
      const err = await rejection(pop3LoginWithToken(alice.address, `bogus-${mechanism}`, mechanism))
      expect(err.code).toBe('AUTH_FAILED')
      expect(err.detail).toMatchObject({ reason: 'token-rejected', oauthStatus: status })
      // The client answered the challenge (RFC 7628 §3.2.3), so the server ended with its -ERR.
      expect(err.detail?.serverResponse).toMatch(/^-ERR \[AUTH\]/)
    },
  )

  it('refuses a password sent as a bearer token', async () => {
    const err = await rejection(pop3LoginWithToken(alice.address, alice.password, 'XOAUTH2'))
    expect(err.code).toBe('AUTH_FAILED')
  })
})

describe('SMTP submission (Postfix, SASL through Dovecot)', () => {
  it.each(MECHANISMS)('authenticates with %s and sends a message that arrives', async (mechanism) => {
    for (const security of ['tls', 'starttls'] as const) {
      const session = await smtpSessionWithToken(alice.address, aliceTokens.accessToken, mechanism, security)
      const messageId = `<${randomBytes(8).toString('hex')}@example.test>`
      const raw = [
        `From: ${alice.address}`,
        `To: ${bob.address}`,
        `Subject: sent with ${mechanism} over ${security}`,
        `Message-ID: ${messageId}`,
        'Date: Mon, 2 Jun 2025 10:00:00 +0000',
        '',
        'Signed in with OAuth 2.0.',
        '',
      ].join('\r\n')
      const outcome = await session.send(
        {
          raw: Buffer.from(raw),
          envelope: { from: alice.address, to: [bob.address] },
          needsSmtpUtf8: false,
          eightBit: false,
        },
        { beforeEndOfData: () => undefined },
      )
      session.close()
      expect(outcome.kind).toBe('accepted')
      expect(lastPostfixSaslMethod(alice.address)).toBe(mechanism)
      const copies = await waitFor('delivery to bob', async () => {
        const found = await fetchByMessageId(bob, 'INBOX', messageId)
        return found.length > 0 ? found : undefined
      })
      expect(copies).toHaveLength(1)
    }
  })

  it.each(MECHANISMS)(
    'refuses an unknown token with %s: AUTH_FAILED with the decoded payload',
    async (mechanism) => {
      const err = await rejection(smtpSessionWithToken(alice.address, `bogus-${mechanism}`, mechanism))
      expect(err.code).toBe('AUTH_FAILED')
      expect(err.detail).toMatchObject({ reason: 'token-rejected' })
      expect(err.detail?.['oauthStatus']).toBeTruthy()
      expect(err.detail?.serverResponse).toMatch(/^535/)
    },
  )
})
