import { describe, expect, it } from 'vitest'
import { bearer } from '../sasl/oauth-sasl'
import { chooseOAuthLogin } from './pop3-auth'

const server = { host: 'pop.example.test', port: 995 }

describe('chooseOAuthLogin', () => {
  it('sends a short token on the AUTH line and a long one after the first "+ " (RFC 5034 §4)', () => {
    const short = chooseOAuthLogin(new Set(['XOAUTH2']), 'a@example.test', bearer('t'), server)
    expect(short).toMatchObject({ mechanism: 'XOAUTH2', initial: true, errorAnswer: '' })
    const long = chooseOAuthLogin(new Set(['OAUTHBEARER']), 'a@example.test', bearer('x'.repeat(300)), server)
    expect(long).toMatchObject({ mechanism: 'OAUTHBEARER', initial: false, errorAnswer: 'AQ==' })
    expect(`AUTH OAUTHBEARER ${long.responses[0]}\r\n`.length).toBeGreaterThan(255)
  })

  it('refuses when the server offers no OAuth mechanism (or not the forced one)', () => {
    expect(() => chooseOAuthLogin(new Set(['PLAIN']), 'a@example.test', bearer('t'), server)).toThrow(
      expect.objectContaining({ code: 'AUTH_FAILED' }),
    )
    expect(() =>
      chooseOAuthLogin(new Set(['XOAUTH2']), 'a@example.test', bearer('t', 'OAUTHBEARER'), server),
    ).toThrow(expect.objectContaining({ code: 'AUTH_FAILED' }))
  })
})
