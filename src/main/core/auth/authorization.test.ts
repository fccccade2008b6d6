import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { buildAuthorizationRequest, readAuthorizationResponse } from './authorization'
import type { OAuthProviderConfig } from './oauth-config'
import { pkceChallenge } from './pkce'

const provider: OAuthProviderConfig = {
  issuer: 'https://id.example.test',
  authorizationEndpoint: 'https://id.example.test/authorize?tenant=abc',
  tokenEndpoint: 'https://id.example.test/token',
  issParameterSupported: true,
  clientId: 'mailroom-app',
  scopes: ['openid', 'offline_access', 'mail'],
}
const redirectUri = 'http://127.0.0.1:50123/oauth/abcdefghijklmnopqrstuvwx'

function thrown(fn: () => unknown): AppError {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(AppError)
    return err as AppError
  }
  throw new Error('did not throw')
}

describe('buildAuthorizationRequest', () => {
  it('asks for a code with PKCE S256, a fresh state, the scopes, and consent for offline_access', () => {
    const req = buildAuthorizationRequest(provider, redirectUri, { loginHint: 'alice@example.test' })
    const url = new URL(req.url)
    expect(url.origin + url.pathname).toBe('https://id.example.test/authorize')
    const q = Object.fromEntries(url.searchParams)
    expect(q).toEqual({
      tenant: 'abc',
      response_type: 'code',
      client_id: 'mailroom-app',
      redirect_uri: redirectUri,
      scope: 'openid offline_access mail',
      state: req.state,
      code_challenge: pkceChallenge(req.verifier),
      code_challenge_method: 'S256',
      prompt: 'consent',
      login_hint: 'alice@example.test',
    })
    expect(req.url).not.toContain(req.verifier)
    expect(buildAuthorizationRequest(provider, redirectUri).state).not.toBe(req.state)
  })

  it("keeps a provider's own parameters but never lets them replace the security ones", () => {
    const req = buildAuthorizationRequest(
      {
        ...provider,
        scopes: ['https://mail.example/'],
        extraAuthParams: {
          access_type: 'offline',
          prompt: 'select_account',
          state: 'fixed',
          code_challenge_method: 'plain',
        },
      },
      redirectUri,
    )
    const q = new URL(req.url).searchParams
    expect(q.get('access_type')).toBe('offline')
    expect(q.get('prompt')).toBe('select_account')
    expect(q.get('state')).toBe(req.state)
    expect(q.get('code_challenge_method')).toBe('S256')
  })
})

describe('readAuthorizationResponse', () => {
  const expected = { state: 'the-state', issuer: 'https://id.example.test', issParameterSupported: true }
  const query = (q: Record<string, string>) => new URLSearchParams(q)

  it('returns the code when state and iss match', () => {
    const code = readAuthorizationResponse(
      query({ code: 'c0de', state: 'the-state', iss: 'https://id.example.test' }),
      expected,
    )
    expect(code).toBe('c0de')
  })

  it.each([
    ['another state', { code: 'c', state: 'forged', iss: 'https://id.example.test' }, 'state-mismatch'],
    ['no state', { code: 'c', iss: 'https://id.example.test' }, 'state-mismatch'],
    ['an error with another state', { error: 'access_denied', state: 'x' }, 'state-mismatch'],
    [
      'another issuer (mix-up, RFC 9207)',
      { code: 'c', state: 'the-state', iss: 'https://evil.test' },
      'issuer-mismatch',
    ],
    ['no iss where the provider always sends it', { code: 'c', state: 'the-state' }, 'issuer-mismatch'],
    ['no code', { state: 'the-state', iss: 'https://id.example.test' }, 'no-code'],
  ])('refuses an answer with %s', (_what, q, reason) => {
    const err = thrown(() => readAuthorizationResponse(query(q), expected))
    expect(err.code).toBe('AUTH_FAILED')
    expect(err.detail?.['reason']).toBe(reason)
  })

  it('accepts a missing iss from a provider that does not announce it, but never a wrong one', () => {
    const lax = { ...expected, issParameterSupported: false }
    expect(readAuthorizationResponse(query({ code: 'c', state: 'the-state' }), lax)).toBe('c')
    const err = thrown(() =>
      readAuthorizationResponse(query({ code: 'c', state: 'the-state', iss: 'x' }), lax),
    )
    expect(err.detail?.['reason']).toBe('issuer-mismatch')
  })

  it('turns "access denied" into CANCELLED and other errors into AUTH_FAILED with the words', () => {
    const iss = 'https://id.example.test'
    const denied = thrown(() =>
      readAuthorizationResponse(query({ error: 'access_denied', state: 'the-state', iss }), expected),
    )
    expect(denied.code).toBe('CANCELLED')
    const other = thrown(() =>
      readAuthorizationResponse(
        query({ error: 'invalid_scope', error_description: 'no such scope', state: 'the-state', iss }),
        expected,
      ),
    )
    expect(other.code).toBe('AUTH_FAILED')
    expect(other.detail?.serverResponse).toBe('invalid_scope: no such scope')
  })
})
