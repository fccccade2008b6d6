import type { LookupFunction } from 'node:net'
import type { IncomingSettings, OutgoingSettings } from '../../../shared/model/account'
import type { Discovered, DiscoverySource } from '../../../shared/model/discovery'
import { tlsOptionsFor, type TlsTrust } from '../net/tls'
import { chooseAuthMethod, probeServer, type ProbeProtocol } from '../net/probe/server-probe'
import type { DiscoveryDns } from './dns-lookups'
import type { GuessPorts } from './discovery-options'

/** A server that may exist, to be probed. Never plain text: discovery only offers TLS. */
export interface Candidate {
  protocol: ProbeProtocol
  host: string
  port: number
  security: 'tls' | 'starttls'
  source: DiscoverySource
}

/**
 * Guessing: common host names on the standard ports. Order is preference: IMAP before POP3,
 * implicit TLS before STARTTLS (RFC 8314 §3), then the host names in the order people use them.
 */
export function guessCandidates(
  domain: string,
  ports: GuessPorts,
): { incoming: Candidate[]; outgoing: Candidate[] } {
  const make = (protocol: ProbeProtocol, prefixes: string[], tlsPort: number, starttlsPort: number) =>
    (['tls', 'starttls'] as const).flatMap((security) =>
      prefixes.map((prefix) => {
        const host = `${prefix}${domain}`
        const port = security === 'tls' ? tlsPort : starttlsPort
        return {
          protocol,
          host,
          port,
          security,
          source: { kind: 'guess' as const, where: `${host}:${port}` },
        }
      }),
    )
  return {
    incoming: [
      ...make('imap', ['imap.', 'mail.', ''], ports.imaps, ports.imap),
      ...make('pop3', ['pop3.', 'pop.', 'mail.', ''], ports.pop3s, ports.pop3),
    ],
    outgoing: make('smtp', ['smtp.', 'mail.', ''], ports.submissions, ports.submission),
  }
}

/**
 * RFC 6186 SRV records (plus RFC 8314 §5.1's _submissions), best first: by the records' own
 * priority and weight, then implicit TLS before STARTTLS and IMAP before POP3.
 */
export async function srvCandidates(
  dns: DiscoveryDns,
  domain: string,
): Promise<{ incoming: Candidate[]; outgoing: Candidate[] }> {
  const services = [
    ['_imaps._tcp', 'imap', 'tls'],
    ['_imap._tcp', 'imap', 'starttls'],
    ['_pop3s._tcp', 'pop3', 'tls'],
    ['_pop3._tcp', 'pop3', 'starttls'],
    ['_submissions._tcp', 'smtp', 'tls'],
    ['_submission._tcp', 'smtp', 'starttls'],
  ] as const
  const found = await Promise.all(
    services.map(async ([service, protocol, security], rank) => {
      const name = `${service}.${domain}`
      const targets = await dns.srv(name)
      return targets.map((t) => ({
        rank,
        priority: t.priority,
        candidate: {
          protocol,
          host: t.name,
          port: t.port,
          // RFC 6186 §3.3: submission on 465 is implicit TLS whatever the service name says.
          security: protocol === 'smtp' && t.port === 465 ? ('tls' as const) : security,
          source: { kind: 'dns-srv' as const, where: name },
        },
      }))
    }),
  )
  const sorted = found.flat().sort((a, b) => a.priority - b.priority || a.rank - b.rank)
  return {
    incoming: sorted.filter((s) => s.candidate.protocol !== 'smtp').map((s) => s.candidate),
    outgoing: sorted.filter((s) => s.candidate.protocol === 'smtp').map((s) => s.candidate),
  }
}

export interface ProbeContext {
  trust: TlsTrust
  timeoutMs: number
  signal: AbortSignal
  lookup: LookupFunction | undefined
  /** Username to propose (RFC 6186 §4: the full address first). */
  address: string
}

/**
 * Probes every candidate in parallel (each with a short timeout) and returns those that answered
 * over TLS and offer a password login, in the candidates' order, as settings.
 */
export async function probeCandidates(
  candidates: readonly Candidate[],
  ctx: ProbeContext,
): Promise<Discovered<IncomingSettings | OutgoingSettings>[]> {
  const outcomes = await Promise.allSettled(
    candidates.map(async (c) => {
      const result = await probeServer(c, {
        tls: tlsOptionsFor(c.host, ctx.trust),
        timeoutMs: ctx.timeoutMs,
        signal: ctx.signal,
        lookup: ctx.lookup,
      })
      return chooseAuthMethod(c.protocol, result)
    }),
  )
  const usable: Discovered<IncomingSettings | OutgoingSettings>[] = []
  outcomes.forEach((outcome, i) => {
    const c = candidates[i]
    if (!c || outcome.status !== 'fulfilled' || outcome.value === null) return
    const server = {
      host: c.host,
      port: c.port,
      security: c.security,
      username: ctx.address,
      authMethod: outcome.value,
    }
    const settings = c.protocol === 'smtp' ? server : { ...server, protocol: c.protocol }
    usable.push({ settings, source: c.source })
  })
  return usable
}
