import type { DiscoveryResult } from '../../../shared/model/discovery'
import { presetForAddress, presetForServer } from '../auth/providers'

/**
 * Whether the account signs in with OAuth 2.0: a known provider by its servers' host, the
 * address's domain, or the domain's MX (Google Workspace and Microsoft 365 custom domains);
 * otherwise, if a config file said OAuth2, an unknown provider (the person names its issuer).
 */
export async function oauthOf(
  result: DiscoveryResult,
  offered: boolean,
  mxHost: Promise<string | null>,
): Promise<DiscoveryResult['oauth']> {
  const preset =
    presetForServer(result.incoming?.settings.host ?? '') ??
    presetForServer(result.outgoing?.settings.host ?? '') ??
    presetForAddress(result.address, [(await mxHost.catch(() => null)) ?? ''].filter(Boolean))
  if (preset) return { provider: preset.id }
  return offered ? { provider: null } : undefined
}
