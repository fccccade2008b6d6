/**
 * The providers the app knows by name, with the endpoints and scopes mail needs there (learned from
 * the providers' documentation and Thunderbird's public provider table). Client ids are not here:
 * each is the packager's own registration with the provider, supplied at build time or in settings
 * (`clientRegistryFromEnv`); a build without one for a provider cannot sign in there, and says so.
 */
import type { OAuthClient, OAuthEndpoints, OAuthProviderConfig } from './oauth-config'

export type ProviderId = 'google' | 'microsoft' | 'yahoo' | 'aol' | 'fastmail'
export type MailProtocol = 'imap' | 'pop3' | 'smtp'

export interface ProviderPreset {
  id: ProviderId
  name: string
  endpoints: OAuthEndpoints
  /** The scope each protocol needs, plus any the provider wants for every sign-in. */
  scopes: Record<MailProtocol, string> & { extra?: string[] }
  extraAuthParams?: Record<string, string>
  /** The loopback path the packager registers (port any, RFC 8252 §7.3): these providers compare paths. */
  redirectPath: string
  /** Mail server host names (or their parent domains) that belong to this provider. */
  serverDomains: string[]
  /** Address domains served by it (for addresses whose servers are not known yet). */
  addressDomains: string[]
  /** MX host suffixes of domains it hosts (Google Workspace, Microsoft 365 custom domains). */
  mxSuffixes: string[]
}

/** The one path a packager registers for every preset provider: http://127.0.0.1/oauth/callback. */
export const PRESET_REDIRECT_PATH = '/oauth/callback'

export const PROVIDER_PRESETS: Readonly<Record<ProviderId, ProviderPreset>> = {
  google: {
    id: 'google',
    name: 'Google',
    endpoints: {
      issuer: 'https://accounts.google.com',
      authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenEndpoint: 'https://oauth2.googleapis.com/token',
      revocationEndpoint: 'https://oauth2.googleapis.com/revoke',
      issParameterSupported: false,
    },
    // One scope for IMAP, POP3 and SMTP alike (Gmail's XOAUTH2 documentation).
    scopes: {
      imap: 'https://mail.google.com/',
      pop3: 'https://mail.google.com/',
      smtp: 'https://mail.google.com/',
    },
    // Google issues a refresh token only with access_type=offline, and again only with consent.
    extraAuthParams: { access_type: 'offline', prompt: 'consent' },
    redirectPath: PRESET_REDIRECT_PATH,
    serverDomains: ['gmail.com', 'googlemail.com'],
    addressDomains: ['gmail.com', 'googlemail.com'],
    mxSuffixes: ['google.com', 'googlemail.com'],
  },
  microsoft: {
    id: 'microsoft',
    name: 'Microsoft',
    // The "common" tenant takes personal (Outlook.com) and work or school (Microsoft 365) accounts.
    endpoints: {
      issuer: 'https://login.microsoftonline.com/common/v2.0',
      authorizationEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
      tokenEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
      issParameterSupported: false,
    },
    scopes: {
      imap: 'https://outlook.office.com/IMAP.AccessAsUser.All',
      pop3: 'https://outlook.office.com/POP.AccessAsUser.All',
      smtp: 'https://outlook.office.com/SMTP.Send',
      extra: ['offline_access'],
    },
    redirectPath: PRESET_REDIRECT_PATH,
    serverDomains: ['office365.com', 'outlook.com', 'hotmail.com'],
    addressDomains: ['outlook.com', 'hotmail.com', 'live.com', 'msn.com'],
    mxSuffixes: ['mail.protection.outlook.com', 'olc.protection.outlook.com'],
  },
  yahoo: {
    id: 'yahoo',
    name: 'Yahoo',
    endpoints: {
      issuer: 'https://api.login.yahoo.com',
      authorizationEndpoint: 'https://api.login.yahoo.com/oauth2/request_auth',
      tokenEndpoint: 'https://api.login.yahoo.com/oauth2/get_token',
      issParameterSupported: false,
    },
    scopes: { imap: 'mail-w', pop3: 'mail-w', smtp: 'mail-w' },
    redirectPath: PRESET_REDIRECT_PATH,
    serverDomains: ['mail.yahoo.com'],
    addressDomains: ['yahoo.com', 'ymail.com', 'rocketmail.com'],
    mxSuffixes: ['yahoodns.net'],
  },
  aol: {
    id: 'aol',
    name: 'AOL',
    endpoints: {
      issuer: 'https://api.login.aol.com',
      authorizationEndpoint: 'https://api.login.aol.com/oauth2/request_auth',
      tokenEndpoint: 'https://api.login.aol.com/oauth2/get_token',
      issParameterSupported: false,
    },
    scopes: { imap: 'mail-w', pop3: 'mail-w', smtp: 'mail-w' },
    redirectPath: PRESET_REDIRECT_PATH,
    serverDomains: ['aol.com'],
    addressDomains: ['aol.com', 'aim.com'],
    mxSuffixes: [],
  },
  fastmail: {
    id: 'fastmail',
    name: 'Fastmail',
    endpoints: {
      issuer: 'https://www.fastmail.com',
      authorizationEndpoint: 'https://api.fastmail.com/oauth/authorize',
      tokenEndpoint: 'https://api.fastmail.com/oauth/refresh',
      issParameterSupported: false,
    },
    scopes: {
      imap: 'https://www.fastmail.com/dev/protocol-imap',
      pop3: 'https://www.fastmail.com/dev/protocol-pop',
      smtp: 'https://www.fastmail.com/dev/protocol-smtp',
    },
    redirectPath: PRESET_REDIRECT_PATH,
    serverDomains: ['fastmail.com'],
    addressDomains: ['fastmail.com', 'fastmail.fm'],
    mxSuffixes: ['messagingengine.com'],
  },
}

/** The app's client registrations, by provider: from the build's configuration or settings. */
export type OAuthClientRegistry = Partial<Record<ProviderId, OAuthClient>>

/**
 * Reads MAILROOM_OAUTH_<PROVIDER>_CLIENT_ID (and _CLIENT_SECRET, for providers that hand installed
 * apps one) from the given environment: the build passes its configuration this way.
 */
export function clientRegistryFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): OAuthClientRegistry {
  const registry: OAuthClientRegistry = {}
  for (const id of Object.keys(PROVIDER_PRESETS) as ProviderId[]) {
    const prefix = `MAILROOM_OAUTH_${id.toUpperCase()}_`
    const clientId = env[`${prefix}CLIENT_ID`]?.trim()
    if (!clientId) continue
    const clientSecret = env[`${prefix}CLIENT_SECRET`]?.trim()
    registry[id] = { clientId, ...(clientSecret ? { clientSecret } : {}) }
  }
  return registry
}

/**
 * The sign-in configuration for a preset and the protocols the account uses; undefined when this
 * build has no client id for the provider. One sign-in covers all of them (one refresh token).
 */
export function presetConfig(
  id: ProviderId,
  protocols: readonly MailProtocol[],
  registry: OAuthClientRegistry,
): OAuthProviderConfig | undefined {
  const preset = PROVIDER_PRESETS[id]
  const client = registry[id]
  if (!client) return undefined
  const scopes = [...new Set([...protocols.map((p) => preset.scopes[p]), ...(preset.scopes.extra ?? [])])]
  return {
    ...preset.endpoints,
    ...client,
    scopes,
    ...(preset.extraAuthParams ? { extraAuthParams: preset.extraAuthParams } : {}),
    redirectPath: preset.redirectPath,
  }
}

function matchesDomain(name: string, domain: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '')
  return n === domain || n.endsWith(`.${domain}`)
}

/** The provider of a mail server host name (imap.gmail.com, outlook.office365.com...). */
export function presetForServer(host: string): ProviderPreset | undefined {
  return Object.values(PROVIDER_PRESETS).find((p) => p.serverDomains.some((d) => matchesDomain(host, d)))
}

/** The provider of an address's domain, by the domain itself or by its MX hosts. */
export function presetForAddress(
  address: string,
  mxHosts: readonly string[] = [],
): ProviderPreset | undefined {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase()
  return Object.values(PROVIDER_PRESETS).find(
    (p) =>
      p.addressDomains.includes(domain) ||
      mxHosts.some((mx) => p.mxSuffixes.some((s) => matchesDomain(mx, s))),
  )
}
