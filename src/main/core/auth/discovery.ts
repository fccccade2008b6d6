/**
 * OpenID Connect Discovery 1.0 (§4) with the OAuth 2.0 metadata of RFC 8414 as fallback: from an
 * issuer URL to its endpoints. This is how the app signs in at a provider it has no preset for, such
 * as a company's own identity server in front of its mail server.
 */
import { AppError } from '../../../shared/errors'
import { checkEndpointUrl, getJson, type HttpOptions } from './http'
import type { OAuthEndpoints } from './oauth-config'

const OIDC_PATH = '/.well-known/openid-configuration'
const OAUTH_PATH = '/.well-known/oauth-authorization-server'

export async function discoverProvider(issuer: string, options: HttpOptions = {}): Promise<OAuthEndpoints> {
  const issuerUrl = checkEndpointUrl(issuer, 'issuer')
  if (issuerUrl.search !== '') {
    throw new AppError('INVALID_INPUT', 'An issuer has no query part', { detail: { field: 'issuer' } })
  }
  // OpenID Connect Discovery §4: the issuer with any trailing "/" removed, then the well-known path.
  const base = issuer.replace(/\/+$/, '')
  let answer = await getJson(new URL(`${base}${OIDC_PATH}`), options)
  if (answer.status === 404) {
    // RFC 8414 §3: the well-known segment goes between the host and the issuer's path.
    const url = new URL(issuerUrl.href)
    url.pathname = `${OAUTH_PATH}${issuerUrl.pathname === '/' ? '' : issuerUrl.pathname.replace(/\/+$/, '')}`
    answer = await getJson(url, options)
  }
  if (answer.status !== 200 || typeof answer.json !== 'object' || answer.json === null) {
    throw new AppError(
      'SERVER_REJECTED',
      `No OAuth 2.0 provider metadata at ${issuerUrl.host} (${answer.status})`,
      {
        retryable: answer.status >= 500,
        detail: { reason: 'no-provider-metadata', httpStatus: answer.status },
      },
    )
  }
  return readMetadata(answer.json as Record<string, unknown>, issuer)
}

/**
 * The endpoints from a metadata document. Its `issuer` must be exactly the issuer asked for
 * (OpenID Connect Discovery §4.3, RFC 8414 §3.3): otherwise another provider's metadata could
 * send the code to its own token endpoint.
 */
export function readMetadata(meta: Record<string, unknown>, expectedIssuer: string): OAuthEndpoints {
  const str = (key: string): string | undefined => (typeof meta[key] === 'string' ? meta[key] : undefined)
  const issuer = str('issuer')
  if (issuer !== expectedIssuer && issuer !== expectedIssuer.replace(/\/+$/, '')) {
    throw new AppError('SERVER_REJECTED', 'The provider metadata names another issuer', {
      retryable: false,
      detail: { reason: 'issuer-mismatch', serverResponse: String(issuer) },
    })
  }
  const authorizationEndpoint = str('authorization_endpoint')
  const tokenEndpoint = str('token_endpoint')
  if (!authorizationEndpoint || !tokenEndpoint) {
    throw new AppError('SERVER_REJECTED', 'The provider metadata lacks its endpoints', {
      retryable: false,
      detail: { reason: 'no-provider-metadata' },
    })
  }
  const methods = meta['code_challenge_methods_supported']
  if (Array.isArray(methods) && !methods.includes('S256')) {
    // The app always uses PKCE with S256 (RFC 7636 §4.2); "plain" would defeat it.
    throw new AppError('SERVER_REJECTED', 'The provider does not support PKCE with S256', {
      retryable: false,
      detail: { reason: 'no-pkce-s256' },
    })
  }
  checkEndpointUrl(authorizationEndpoint, 'authorization_endpoint')
  checkEndpointUrl(tokenEndpoint, 'token_endpoint')
  const revocationEndpoint = str('revocation_endpoint')
  if (revocationEndpoint) checkEndpointUrl(revocationEndpoint, 'revocation_endpoint')
  return {
    issuer,
    authorizationEndpoint,
    tokenEndpoint,
    ...(revocationEndpoint ? { revocationEndpoint } : {}),
    issParameterSupported: meta['authorization_response_iss_parameter_supported'] === true,
  }
}
