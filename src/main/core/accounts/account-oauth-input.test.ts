import { describe, expect, it } from 'vitest'
import { sampleAccount } from '../../../../test/helpers/sample-account'
import {
  accountDraftSchema,
  credentialsSchema,
  oauthAuthSchema,
  parseInput,
  signInRequestSchema,
} from './account-input'

const { id: _id, createdAt: _c, pins: _p, ...draft } = sampleAccount('a')

describe('OAuth account input', () => {
  it('takes a preset provider or an issuer with the client id, and nothing else', () => {
    expect(parseInput(oauthAuthSchema, { kind: 'oauth2', provider: 'google' }, 'auth')).toEqual({
      kind: 'oauth2',
      provider: 'google',
    })
    const issuer = {
      kind: 'oauth2',
      issuer: 'https://id.example.com',
      clientId: 'mailroom',
      scopes: ['openid', 'mail'],
    }
    expect(parseInput(oauthAuthSchema, issuer, 'auth')).toEqual(issuer)
    for (const bad of [
      { kind: 'oauth2', provider: 'myspace' },
      { kind: 'oauth2', issuer: 'https://id.example.com?x=1', clientId: 'c' },
      { kind: 'oauth2', issuer: 'not a url', clientId: 'c' },
      { kind: 'oauth2', issuer: 'https://id.example.com', clientId: '' },
      { kind: 'oauth2', issuer: 'https://id.example.com', clientId: 'c', scopes: ['two words'] },
      // A token never belongs to the account's settings.
      { kind: 'oauth2', provider: 'google', refreshToken: 'r' },
      { kind: 'password' },
    ]) {
      expect(() => parseInput(oauthAuthSchema, bad, 'auth'), JSON.stringify(bad)).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }),
      )
    }
  })

  it('an account draft carries its auth; credentials are passwords or a sign-in id', () => {
    const parsed = parseInput(
      accountDraftSchema,
      { ...draft, auth: { kind: 'oauth2', provider: 'microsoft' } },
      'draft',
    )
    expect(parsed.auth).toEqual({ kind: 'oauth2', provider: 'microsoft' })
    expect(parseInput(credentialsSchema, { signInId: 's1' }, 'passwords')).toEqual({ signInId: 's1' })
    expect(parseInput(credentialsSchema, { incoming: 'pw' }, 'passwords')).toEqual({ incoming: 'pw' })
    expect(() => parseInput(credentialsSchema, { signInId: 's1', incoming: 'pw' }, 'passwords')).toThrow()
    expect(() => parseInput(credentialsSchema, {}, 'passwords')).toThrow()
  })

  it('a sign-in is for a new account (provider, address, protocol) or for an existing one', () => {
    expect(parseInput(signInRequestSchema, { accountId: 'a1' }, 'request')).toEqual({ accountId: 'a1' })
    const fresh = { auth: { kind: 'oauth2', provider: 'yahoo' }, address: 'me@yahoo.com', protocol: 'imap' }
    expect(parseInput(signInRequestSchema, fresh, 'request')).toEqual(fresh)
    expect(() => parseInput(signInRequestSchema, { ...fresh, address: 'nope' }, 'request')).toThrow()
    expect(() => parseInput(signInRequestSchema, { ...fresh, protocol: 'smtp' }, 'request')).toThrow()
  })
})
