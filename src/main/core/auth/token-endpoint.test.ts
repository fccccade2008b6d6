import { describe, expect, it } from 'vitest'
import { isSignInAgain, tokenEndpointError } from './oauth-errors'
import { readTokenResponse } from './token-endpoint'

describe('readTokenResponse', () => {
  it('reads a bearer token response; expiry counts from when the request was sent', () => {
    expect(
      readTokenResponse(
        { access_token: 'at', token_type: 'Bearer', expires_in: 3600, refresh_token: 'rt', scope: 'mail' },
        1_000,
      ),
    ).toEqual({ accessToken: 'at', expiresAt: 3_601_000, refreshToken: 'rt', scope: 'mail' })
    expect(readTokenResponse({ access_token: 'at', token_type: 'bearer' }, 5)).toEqual({
      accessToken: 'at',
      expiresAt: null,
    })
  })

  it.each([
    [{ token_type: 'Bearer' }],
    [{ access_token: '', token_type: 'Bearer' }],
    [{ access_token: 'at', token_type: 'DPoP' }],
    [{ access_token: 'at' }],
    ['not an object'],
  ])('refuses an unusable answer %j', (json) => {
    expect(() => readTokenResponse(json, 0)).toThrow(/unusable/)
  })
})

describe('tokenEndpointError', () => {
  it('invalid_grant means "sign in again"', () => {
    const err = tokenEndpointError(400, { error: 'invalid_grant', description: 'grant request is invalid' })
    expect(isSignInAgain(err)).toBe(true)
    expect(isSignInAgain(err.toData())).toBe(true)
    expect(err.detail?.serverResponse).toBe('invalid_grant: grant request is invalid')
  })

  it("a rejected client id is not the person's to fix; 5xx passes with time", () => {
    const client = tokenEndpointError(401, { error: 'invalid_client' })
    expect(isSignInAgain(client)).toBe(false)
    expect(client.detail?.['reason']).toBe('client-rejected')
    const busy = tokenEndpointError(503, undefined)
    expect(busy).toMatchObject({ code: 'SERVER_REJECTED', retryable: true })
    expect(tokenEndpointError(400, { error: 'invalid_request' })).toMatchObject({ retryable: false })
  })
})
