import { describe, expect, it } from 'vitest'
import { bearer } from '../sasl/oauth-sasl'
import { ehloMechanisms, OAUTH_AUTH_METHOD, smtpOAuthMethod } from './smtp-oauth'

const EHLO = [
  '250-mail.example.test',
  '250-PIPELINING',
  '250-SIZE 10240000',
  '250-AUTH PLAIN LOGIN oauthbearer XOAUTH2',
  '250-AUTH=PLAIN LOGIN',
  '250 SMTPUTF8',
].join('\r\n')

describe('SMTP OAuth mechanism choice', () => {
  it("reads the AUTH keyword's mechanisms from the EHLO reply (RFC 4954 §3), both spellings", () => {
    expect([...ehloMechanisms(EHLO)].sort()).toEqual(['LOGIN', 'OAUTHBEARER', 'PLAIN', 'XOAUTH2'])
    expect(ehloMechanisms('250-x\r\n250 SIZE 1').size).toBe(0)
  })

  it('picks OAUTHBEARER, XOAUTH2 when forced or alone, and refuses a server without either', () => {
    expect(smtpOAuthMethod(EHLO, bearer('t'))).toBe(OAUTH_AUTH_METHOD.OAUTHBEARER)
    expect(smtpOAuthMethod(EHLO, bearer('t', 'XOAUTH2'))).toBe(OAUTH_AUTH_METHOD.XOAUTH2)
    expect(smtpOAuthMethod('250-x\r\n250 AUTH PLAIN XOAUTH2', bearer('t'))).toBe(OAUTH_AUTH_METHOD.XOAUTH2)
    expect(() => smtpOAuthMethod('250-x\r\n250 AUTH PLAIN LOGIN', bearer('t'))).toThrow(
      expect.objectContaining({ code: 'AUTH_FAILED', detail: { reason: 'no-oauth-mechanism' } }),
    )
  })
})
