/**
 * What discovery reaches and how long it waits. Everything that touches the internet is
 * injectable so tests run offline: a local HTTP server stands in for the config-file hosts and
 * the ISPDB, a stub DNS server on 127.0.0.1 for DNS, and guessing probes the real test servers.
 */
export interface DiscoveryOptions {
  /**
   * Where a config-file URL's origin points, with {scheme} and {host} filled in. Default
   * "{scheme}://{host}"; tests use e.g. "http://127.0.0.1:8080/{scheme}/{host}".
   */
  httpOrigin?: string
  /** The ISP database; "<domain>" is appended. Default Thunderbird's public ISPDB. */
  ispdbBase?: string
  /** DNS servers ("127.0.0.1:5353"); default the system's. Also used to resolve probed hosts. */
  dnsServers?: string[]
  /** The ports guessing tries; default the standard ones (RFC 8314, 6409, 9051, 1939). */
  guessPorts?: Partial<GuessPorts>
  httpTimeoutMs?: number
  dnsTimeoutMs?: number
  probeTimeoutMs?: number
  /** The whole search ends after this, with whatever it found. Default 15 s. */
  totalTimeoutMs?: number
}

export interface GuessPorts {
  imaps: number
  imap: number
  pop3s: number
  pop3: number
  submissions: number
  submission: number
}

export const STANDARD_PORTS: GuessPorts = {
  imaps: 993,
  imap: 143,
  pop3s: 995,
  pop3: 110,
  submissions: 465,
  submission: 587,
}

export interface ResolvedDiscoveryOptions {
  httpOrigin: string
  ispdbBase: string
  dnsServers: string[] | undefined
  guessPorts: GuessPorts
  httpTimeoutMs: number
  dnsTimeoutMs: number
  probeTimeoutMs: number
  totalTimeoutMs: number
}

export function resolveDiscoveryOptions(opts: DiscoveryOptions = {}): ResolvedDiscoveryOptions {
  return {
    httpOrigin: opts.httpOrigin ?? '{scheme}://{host}',
    ispdbBase: opts.ispdbBase ?? 'https://autoconfig.thunderbird.net/v1.1/',
    dnsServers: opts.dnsServers,
    guessPorts: { ...STANDARD_PORTS, ...opts.guessPorts },
    httpTimeoutMs: opts.httpTimeoutMs ?? 5000,
    dnsTimeoutMs: opts.dnsTimeoutMs ?? 3000,
    probeTimeoutMs: opts.probeTimeoutMs ?? 4000,
    totalTimeoutMs: opts.totalTimeoutMs ?? 15_000,
  }
}
