/**
 * Results of finding an account's servers from its address (autoconfiguration), and of checking
 * that they work (verification). Plain data: both cross IPC.
 */
import type { AppErrorData } from '../errors'
import type { IncomingSettings, OAuthProviderId, OutgoingSettings } from './account'

/**
 * Where a setting came from, in the order they are tried:
 * - config-file: the domain's own config file (autoconfig.<domain> or .well-known, https then http)
 * - ispdb: the public ISP database (Thunderbird's)
 * - mx: the config file or ISPDB entry of the provider behind the domain's MX record
 * - dns-srv: the domain's RFC 6186 SRV records
 * - guess: common host names and ports, probed and found answering over TLS
 */
export type DiscoverySourceKind = 'config-file' | 'ispdb' | 'mx' | 'dns-srv' | 'guess'

export interface DiscoverySource {
  kind: DiscoverySourceKind
  /** The URL, DNS name or host:port that gave the setting. */
  where: string
}

export interface Discovered<S> {
  settings: S
  source: DiscoverySource
}

export interface DiscoveryResult {
  address: string
  /** The best incoming server found, or null (then the person enters it by hand). */
  incoming: Discovered<IncomingSettings> | null
  outgoing: Discovered<OutgoingSettings> | null
  /** Other usable incoming servers (for instance POP3 when IMAP was chosen), best first. */
  alternatives: Discovered<IncomingSettings>[]
  /** The provider's name when a config file gave one. */
  providerName?: string
  /**
   * The account signs in with OAuth 2.0: at a provider the app knows (by the servers' host, the
   * address's domain or its MX), or, with `provider: null`, at one the config file says uses
   * OAuth2 but the app has no preset for (the person names its issuer).
   */
  oauth?: { provider: OAuthProviderId | null }
  /** Things the person may want to know (e.g. "a server without encryption was found and skipped"). */
  notes: string[]
}

/**
 * Phases reported while discovering, as `sync:progress` events whose `accountId` is the
 * discovery id and whose `phase` is `discover:<phase>`.
 */
export const DISCOVERY_PHASES = ['config-file', 'ispdb', 'mx', 'dns-srv', 'guess', 'done'] as const
export type DiscoveryPhase = (typeof DISCOVERY_PHASES)[number]

/** The outcome of checking one server: logged in, or the typed reason why not. */
export type ServerCheck = { ok: true; authMethods: string[] } | { ok: false; error: AppErrorData }

export interface VerificationReport {
  incoming: ServerCheck
  outgoing: ServerCheck
}
