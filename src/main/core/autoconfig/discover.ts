import { domainToASCII } from 'node:url'
import { getDomain } from 'tldts'
import { AppError } from '../../../shared/errors'
import type { IncomingSettings, OutgoingSettings } from '../../../shared/model/account'
import {
  DISCOVERY_PHASES,
  type Discovered,
  type DiscoveryPhase,
  type DiscoveryResult,
  type DiscoverySource,
} from '../../../shared/model/discovery'
import { isValidEmailAddress, splitAddress } from '../../../shared/validation'
import type { TlsTrust } from '../net/tls'
import { guessCandidates, probeCandidates, srvCandidates, type ProbeContext } from './candidates'
import type { ProviderConfig } from './config-xml'
import { createDiscoveryDns } from './dns-lookups'
import type { ResolvedDiscoveryOptions } from './discovery-options'
import { configUrls, fetchProviderConfig } from './http-config'
import { oauthOf } from './oauth-marking'

export interface DiscoverDeps {
  trust: TlsTrust
  options: ResolvedDiscoveryOptions
  /** Cancels the search: it then rejects with CANCELLED. */
  signal?: AbortSignal
  onProgress?: (phase: DiscoveryPhase, done: number, total: number) => void
}

type Found = { source: DiscoverySource; config: ProviderConfig }
type Pending = { source: DiscoverySource; pending: Promise<ProviderConfig | null> }
type AnyDiscovered = Discovered<IncomingSettings | OutgoingSettings>

/**
 * Finds an address's servers: provider config files, the ISPDB, the provider behind the MX
 * record, RFC 6186 SRV records, and last guessing (see docs/architecture.md, "Accounts").
 * Independent lookups start at once and are taken in order of trust; each role (incoming,
 * outgoing) comes from the best source that has it. Plain-text servers are never chosen. The
 * search ends within `totalTimeoutMs` with what it found, and rejects with CANCELLED if
 * cancelled.
 */
export async function discoverSettings(address: string, deps: DiscoverDeps): Promise<DiscoveryResult> {
  if (!isValidEmailAddress(address)) {
    throw new AppError('INVALID_INPUT', 'Invalid address', { detail: { field: 'address' } })
  }
  const { options } = deps
  const domain = domainToASCII(splitAddress(address).domain) || splitAddress(address).domain
  const stop = new AbortController()
  const deadline = AbortSignal.timeout(options.totalTimeoutMs)
  const signal = AbortSignal.any([stop.signal, deadline, ...(deps.signal ? [deps.signal] : [])])
  const dns = createDiscoveryDns(options.dnsServers, options.dnsTimeoutMs, signal)
  const ctx: ProbeContext = {
    trust: deps.trust,
    timeoutMs: options.probeTimeoutMs,
    signal,
    lookup: dns.lookup,
    address,
  }
  const result: DiscoveryResult = { address, incoming: null, outgoing: null, alternatives: [], notes: [] }
  const progress = (phase: DiscoveryPhase) =>
    deps.onProgress?.(phase, DISCOVERY_PHASES.indexOf(phase), DISCOVERY_PHASES.length - 1)
  const checkCancelled = () => {
    if (deps.signal?.aborted) throw new AppError('CANCELLED', 'Discovery cancelled', { retryable: false })
  }

  const fetchAll = (d: string, kindOverride?: 'mx'): Pending[] =>
    configUrls(d, address, options).map((u) => ({
      source: { kind: kindOverride ?? u.kind, where: u.url },
      pending: fetchProviderConfig(u.url, address, signal, options.httpTimeoutMs),
    }))
  // Everything that needs no other answer starts now; results are taken in order below.
  const direct = fetchAll(domain)
  const mxHost = dns.mx(domain)
  const viaMx = providerBehindMx(domain, mxHost, fetchAll)
  let oauthOffered = false
  const viaSrv = srvCandidates(dns, domain).then(async (c) => ({
    incoming: await probeCandidates(c.incoming, ctx),
    outgoing: await probeCandidates(c.outgoing, ctx),
  }))
  const complete = () => result.incoming !== null && result.outgoing !== null

  try {
    progress('config-file')
    for (const d of direct) {
      if (d.source.kind === 'ispdb') progress('ispdb')
      oauthOffered = applyConfig(result, d.source, await d.pending) || oauthOffered
      checkCancelled()
      if (complete()) return await finish()
    }
    progress('mx')
    const mx = await viaMx
    if (mx) oauthOffered = applyConfig(result, mx.source, mx.config) || oauthOffered
    checkCancelled()
    if (complete()) return await finish()
    progress('dns-srv')
    const srv = await viaSrv
    applyFound(result, srv.incoming, srv.outgoing)
    checkCancelled()
    if (complete()) return await finish()
    progress('guess')
    const guesses = guessCandidates(domain, options.guessPorts)
    const [incoming, outgoing] = await Promise.all([
      result.incoming ? [] : probeCandidates(guesses.incoming, ctx),
      result.outgoing ? [] : probeCandidates(guesses.outgoing, ctx),
    ])
    applyFound(result, incoming, outgoing)
    checkCancelled()
    return await finish()
  } finally {
    stop.abort()
  }

  async function finish(): Promise<DiscoveryResult> {
    const oauth = await oauthOf(result, oauthOffered, mxHost)
    if (oauth) result.oauth = oauth
    if (deadline.aborted && !complete()) {
      result.notes.push(`The search stopped after ${Math.round(options.totalTimeoutMs / 1000)} seconds.`)
    }
    progress('done')
    return result
  }
}

/**
 * The provider behind a custom domain: the lowest-preference MX host's base domain (by the
 * Public Suffix List), then that host without its first label, each with its config file and
 * ISPDB entry. The first config found wins.
 */
async function providerBehindMx(
  domain: string,
  mxHost: Promise<string | null>,
  fetchAll: (d: string, kind: 'mx') => Pending[],
): Promise<Found | null> {
  const host = await mxHost
  if (!host) return null
  const parent = host.split('.').slice(1).join('.')
  const candidates = [getDomain(host), parent].filter(
    (d, i, all): d is string => !!d && d.includes('.') && d !== domain && all.indexOf(d) === i,
  )
  for (const d of candidates) {
    for (const found of fetchAll(d, 'mx')) {
      const config = await found.pending
      if (config) return { source: found.source, config }
    }
  }
  return null
}

/** Takes a config's servers; true when it says the provider signs in with OAuth2. */
function applyConfig(
  result: DiscoveryResult,
  source: DiscoverySource,
  config: ProviderConfig | null,
): boolean {
  if (!config) return false
  if (config.skippedPlainText > 0 && !result.notes.some((n) => n.includes('without encryption'))) {
    result.notes.push('A server without encryption was found and not used.')
  }
  applyFound(
    result,
    config.incoming.map((settings) => ({ settings, source })),
    config.outgoing.map((settings) => ({ settings, source })),
  )
  if (result.providerName === undefined && config.providerName) result.providerName = config.providerName
  return config.oauth2
}

function applyFound(result: DiscoveryResult, incoming: AnyDiscovered[], outgoing: AnyDiscovered[]): void {
  const ins = incoming.filter((d): d is Discovered<IncomingSettings> => 'protocol' in d.settings)
  if (!result.incoming && ins[0]) {
    result.incoming = ins[0]
    // One alternative per other protocol (e.g. POP3 when IMAP was chosen), best first.
    const protocols = new Set([ins[0].settings.protocol])
    for (const d of ins.slice(1)) {
      if (protocols.has(d.settings.protocol)) continue
      protocols.add(d.settings.protocol)
      result.alternatives.push(d)
    }
  }
  if (!result.outgoing && outgoing[0]) result.outgoing = outgoing[0]
}
