import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import {
  chooseOAuthMechanism,
  decodeOAuthSaslError,
  describeOAuthSaslError,
  oauthFailureDetail,
  oauthInitialResponse,
  OAUTH_ERROR_ANSWER,
} from './oauth-sasl'

const unb64 = (s: string): string => Buffer.from(s, 'base64').toString('utf8')
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64')
const login = {
  user: 'alice@example.test',
  accessToken: 'ya29.token-value',
  host: 'imap.example.test',
  port: 993,
}

describe('OAuth SASL messages', () => {
  it('builds the OAUTHBEARER message of RFC 7628 §3.1 with host and port', () => {
    expect(unb64(oauthInitialResponse('OAUTHBEARER', login))).toBe(
      'n,a=alice@example.test,\x01host=imap.example.test\x01port=993\x01auth=Bearer ya29.token-value\x01\x01',
    )
  })

  it('builds the XOAUTH2 message', () => {
    expect(unb64(oauthInitialResponse('XOAUTH2', login))).toBe(
      'user=alice@example.test\x01auth=Bearer ya29.token-value\x01\x01',
    )
  })

  it('escapes "," and "=" in the GS2 authzid (RFC 5801 §4)', () => {
    const msg = unb64(oauthInitialResponse('OAUTHBEARER', { ...login, user: 'a=b,c@example.test' }))
    expect(msg.startsWith('n,a=a=3Db=2Cc@example.test,\x01')).toBe(true)
  })

  it.each([
    ['a user name with a field separator', { ...login, user: 'alice\x01auth=Bearer x' }, 'username'],
    ['a token with a line break', { ...login, accessToken: 'tok\r\nA1 LOGOUT' }, 'accessToken'],
    ['an empty token', { ...login, accessToken: '' }, 'accessToken'],
  ])('refuses %s instead of sending it', (_what, input, field) => {
    for (const mech of ['OAUTHBEARER', 'XOAUTH2'] as const) {
      let err: unknown
      try {
        oauthInitialResponse(mech, input)
      } catch (e) {
        err = e
      }
      expect(err).toBeInstanceOf(AppError)
      expect(err).toMatchObject({ code: 'INVALID_INPUT', detail: { field } })
    }
  })

  it('answers an error challenge with %x01 for OAUTHBEARER and an empty line for XOAUTH2', () => {
    expect(unb64(OAUTH_ERROR_ANSWER.OAUTHBEARER)).toBe('\x01')
    expect(OAUTH_ERROR_ANSWER.XOAUTH2).toBe('')
  })
})

describe('chooseOAuthMechanism', () => {
  it('prefers the standard OAUTHBEARER, falls back to XOAUTH2, and honours a forced one', () => {
    expect(chooseOAuthMechanism(new Set(['PLAIN', 'XOAUTH2', 'OAUTHBEARER']))).toBe('OAUTHBEARER')
    expect(chooseOAuthMechanism(new Set(['PLAIN', 'XOAUTH2']))).toBe('XOAUTH2')
    expect(chooseOAuthMechanism(new Set(['PLAIN', 'XOAUTH2', 'OAUTHBEARER']), 'XOAUTH2')).toBe('XOAUTH2')
    expect(chooseOAuthMechanism(new Set(['PLAIN', 'XOAUTH2']), 'OAUTHBEARER')).toBeUndefined()
    expect(chooseOAuthMechanism(new Set(['PLAIN', 'LOGIN']))).toBeUndefined()
  })
})

describe('the error challenge', () => {
  it("decodes Dovecot's XOAUTH2 and OAUTHBEARER payloads into words", () => {
    const xoauth2 = decodeOAuthSaslError(b64('{"status":"401","schemes":"bearer","scope":"mail"}'))
    expect(xoauth2).toEqual({ status: '401', scope: 'mail' })
    expect(oauthFailureDetail(xoauth2)).toMatchObject({ reason: 'token-rejected', oauthStatus: '401' })
    const bearer = decodeOAuthSaslError(b64('{"status":"invalid_token"}'))
    expect(describeOAuthSaslError(bearer!)).toMatch(/did not accept the access token/)
  })

  it('tells a missing scope from a refused token (RFC 6750 §3.1)', () => {
    const e = decodeOAuthSaslError(
      b64(
        '{"status":"insufficient_scope","scope":"https://mail.example/","openid-configuration":"https://id.example/x"}',
      ),
    )
    expect(e).toEqual({
      status: 'insufficient_scope',
      scope: 'https://mail.example/',
      openidConfiguration: 'https://id.example/x',
    })
    expect(oauthFailureDetail(e)).toMatchObject({
      reason: 'insufficient-scope',
      oauthScope: 'https://mail.example/',
    })
    expect(describeOAuthSaslError(e!)).toContain('https://mail.example/')
  })

  it.each(['', 'not base64 json', b64('[1,2]'), b64('{"scope":"x"}'), b64('"status"')])(
    'returns undefined for a challenge that is not an error object (%s)',
    (challenge) => {
      expect(decodeOAuthSaslError(challenge)).toBeUndefined()
    },
  )
})
