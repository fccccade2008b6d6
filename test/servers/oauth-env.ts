/**
 * What tests know about the run's OAuth 2.0 authorization server (start-oidc.sh writes oidc.json
 * beside env.json): its issuer, its clients, the scope Dovecot wants, and its log.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { discoverProvider } from '../../src/main/core/auth/discovery'
import type { OAuthProviderConfig } from '../../src/main/core/auth/oauth-config'
import { mailStack } from './mail-env'

export interface OAuthStack {
  issuer: string
  port: number
  /** native: tokens live an hour; shortLived: access tokens live 3 s (expiry tests). */
  clients: { native: string; shortLived: string }
  /** What the app asks for: openid email offline_access mail ("mail" is what Dovecot requires). */
  scope: string
  log: string
}

let cached: OAuthStack | undefined

export function oauthStack(): OAuthStack {
  cached ??= JSON.parse(readFileSync(join(mailStack().root, 'oidc.json'), 'utf8')) as OAuthStack
  return cached
}

/**
 * The sign-in configuration for the test provider, found the way the app finds any OpenID
 * provider: discovery from the issuer URL.
 */
export async function testProvider(
  over: { clientId?: string; scopes?: string[] } = {},
): Promise<OAuthProviderConfig> {
  const stack = oauthStack()
  const endpoints = await discoverProvider(stack.issuer)
  return {
    ...endpoints,
    clientId: over.clientId ?? stack.clients.native,
    scopes: over.scopes ?? stack.scope.split(' '),
  }
}
