import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { readMetadata } from './discovery'
import { checkEndpointUrl } from './http'

const meta = {
  issuer: 'https://id.example.test',
  authorization_endpoint: 'https://id.example.test/auth',
  token_endpoint: 'https://id.example.test/token',
  revocation_endpoint: 'https://id.example.test/revoke',
  code_challenge_methods_supported: ['S256'],
  authorization_response_iss_parameter_supported: true,
}

function error(fn: () => unknown): AppError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    return e as AppError
  }
  throw new Error('did not throw')
}

describe('readMetadata', () => {
  it('reads the endpoints and whether iss is always sent', () => {
    expect(readMetadata(meta, 'https://id.example.test')).toEqual({
      issuer: 'https://id.example.test',
      authorizationEndpoint: 'https://id.example.test/auth',
      tokenEndpoint: 'https://id.example.test/token',
      revocationEndpoint: 'https://id.example.test/revoke',
      issParameterSupported: true,
    })
  })

  it('refuses metadata that names another issuer (OpenID Connect Discovery §4.3)', () => {
    expect(error(() => readMetadata(meta, 'https://other.example.test')).detail?.['reason']).toBe(
      'issuer-mismatch',
    )
  })

  it('refuses a provider without S256, and endpoints without TLS', () => {
    const plain = { ...meta, code_challenge_methods_supported: ['plain'] }
    expect(error(() => readMetadata(plain, meta.issuer)).detail?.['reason']).toBe('no-pkce-s256')
    const http = { ...meta, token_endpoint: 'http://id.example.test/token' }
    expect(error(() => readMetadata(http, meta.issuer)).code).toBe('INVALID_INPUT')
    expect(error(() => readMetadata({ issuer: meta.issuer }, meta.issuer)).detail?.['reason']).toBe(
      'no-provider-metadata',
    )
  })
})

describe('checkEndpointUrl', () => {
  it.each(['https://id.example.test/token', 'http://127.0.0.1:8080/token', 'http://[::1]:9/x'])(
    'accepts %s',
    (u) => {
      expect(checkEndpointUrl(u, 'token_endpoint').href).toBe(new URL(u).href)
    },
  )
  it.each([
    'http://id.example.test/token',
    'http://localhost:8080/token',
    'https://id.example.test/token#frag',
    'https://user:pw@id.example.test/token',
    'ftp://id.example.test/',
    'nonsense',
  ])('refuses %s', (u) => {
    expect(error(() => checkEndpointUrl(u, 'token_endpoint')).code).toBe('INVALID_INPUT')
  })
})
