import { Resolver } from 'node:dns/promises'
import { isIP, type LookupFunction } from 'node:net'

export interface SrvTarget {
  name: string
  port: number
  priority: number
  weight: number
}

/** The DNS queries discovery makes, all cancelled together when the search ends. */
export interface DiscoveryDns {
  /** The host of the lowest-preference MX record (RFC 5321 §5.1), or null. */
  mx(domain: string): Promise<string | null>
  /** SRV targets by priority then weight (RFC 2782); empty when none or "." (RFC 6186 §3). */
  srv(name: string): Promise<SrvTarget[]>
  /** For sockets: resolves through the same servers; undefined means the system resolver. */
  lookup: LookupFunction | undefined
}

export function createDiscoveryDns(
  servers: readonly string[] | undefined,
  timeoutMs: number,
  signal: AbortSignal,
): DiscoveryDns {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 2 })
  if (servers) resolver.setServers([...servers])
  signal.addEventListener('abort', () => resolver.cancel(), { once: true })
  return {
    async mx(domain) {
      try {
        const records = await resolver.resolveMx(domain)
        records.sort((a, b) => a.priority - b.priority)
        const host = records[0]?.exchange
        return host && host !== '.' ? host.toLowerCase() : null
      } catch {
        return null
      }
    },
    async srv(name) {
      try {
        const records = await resolver.resolveSrv(name)
        return records
          .filter((r) => r.name !== '' && r.name !== '.')
          .sort((a, b) => a.priority - b.priority || b.weight - a.weight)
          .map((r) => ({ name: r.name.toLowerCase(), port: r.port, priority: r.priority, weight: r.weight }))
      } catch {
        return []
      }
    },
    lookup: servers ? resolverLookup(resolver) : undefined,
  }
}

/** A net.connect() lookup over a Resolver (A records, then AAAA). */
function resolverLookup(resolver: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    const answer = (addresses: { address: string; family: number }[]) => {
      const first = addresses[0]
      if (!first) {
        const err: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`)
        err.code = 'ENOTFOUND'
        return callback(err, '', 4)
      }
      if (options.all) callback(null, addresses)
      else callback(null, first.address, first.family)
    }
    const family = isIP(hostname)
    if (family !== 0) return answer([{ address: hostname, family }])
    const v4 = resolver.resolve4(hostname).catch(() => [] as string[])
    const v6 = resolver.resolve6(hostname).catch(() => [] as string[])
    void Promise.all([v4, v6]).then(([a, aaaa]) =>
      answer([
        ...a.map((address) => ({ address, family: 4 })),
        ...aaaa.map((address) => ({ address, family: 6 })),
      ]),
    )
  }
}
