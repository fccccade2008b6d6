import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { discoverSettings } from '../../src/main/core/autoconfig/discover'
import {
  resolveDiscoveryOptions,
  type DiscoveryOptions,
} from '../../src/main/core/autoconfig/discovery-options'
import type { DiscoveryPhase } from '../../src/shared/model/discovery'
import { HANG, configXml, startConfigHttp, type ConfigHttp } from '../servers/config-http'
import { mailStack, testCa } from '../servers/mail-env'
import { startStubDns, type StubDns } from '../servers/stub-dns'

/**
 * Discovery offline: a local HTTP server stands in for config-file hosts and the ISPDB, a stub
 * DNS server on 127.0.0.1 for DNS, and guessing probes the real Dovecot and Postfix.
 */
let http: ConfigHttp
let dns: StubDns
const imapsCfg = { type: 'imap' as const, host: 'imap.%EMAILDOMAIN%', port: 993, socket: 'SSL' as const }
const smtpCfg = { host: 'smtp.%EMAILDOMAIN%', port: 465, socket: 'SSL' as const }

beforeAll(async () => {
  const { ports, badTls } = mailStack()
  http = await startConfigHttp({
    // cfg.test has all four locations and an ISPDB entry: the first one wins.
    '/https/autoconfig.cfg.test/mail/config-v1.1.xml': configXml({
      name: 'Autoconfig host',
      incoming: [{ ...imapsCfg, user: '%EMAILLOCALPART%' }],
      outgoing: [smtpCfg],
    }),
    '/https/cfg.test/.well-known/autoconfig/mail/config-v1.1.xml': configXml({ name: 'Well-known' }),
    '/ispdb/cfg.test': configXml({ name: 'ISPDB', incoming: [imapsCfg], outgoing: [smtpCfg] }),
    // wk.test only has the well-known file over http.
    '/http/wk.test/.well-known/autoconfig/mail/config-v1.1.xml': configXml({
      name: 'Well-known over http',
      incoming: [imapsCfg, { type: 'pop3', host: 'pop.wk.test', port: 995, socket: 'SSL' }],
      outgoing: [smtpCfg],
    }),
    '/ispdb/isp.test': configXml({ name: 'ISP', incoming: [imapsCfg], outgoing: [smtpCfg] }),
    // custom.test is hosted by provider.test (found through MX) which the ISPDB knows.
    '/ispdb/provider.test': configXml({
      name: 'Provider',
      incoming: [{ type: 'imap', host: 'imap.provider.test', port: 993, socket: 'SSL' }],
      outgoing: [{ host: 'smtp.provider.test', port: 465, socket: 'SSL' }],
    }),
    // plain.test offers only plain text: never chosen.
    '/https/autoconfig.plain.test/mail/config-v1.1.xml': configXml({
      incoming: [{ type: 'imap', host: 'imap.plain.test', port: 143, socket: 'plain' }],
      outgoing: [{ host: 'smtp.plain.test', port: 25, socket: 'plain' }],
    }),
    // half.test's config has only the incoming server: outgoing comes from guessing.
    '/https/autoconfig.half.test/mail/config-v1.1.xml': configXml({ incoming: [imapsCfg] }),
    '/https/autoconfig.slow.test/mail/config-v1.1.xml': HANG,
  })
  const local = (name: string) => ({ [name]: { A: ['127.0.0.1'] } })
  dns = await startStubDns({
    'custom.test': {
      MX: [
        { preference: 20, exchange: 'mx.backup.test' },
        { preference: 10, exchange: 'mx1.eu.provider.test' },
      ],
    },
    'srv.test': {},
    '_imaps._tcp.srv.test': {
      SRV: [{ priority: 0, weight: 1, port: ports.imaps, target: 'mail.example.test' }],
    },
    '_pop3s._tcp.srv.test': {
      SRV: [{ priority: 0, weight: 1, port: ports.pop3s, target: 'mail.example.test' }],
    },
    '_imap._tcp.srv.test': { SRV: [{ priority: 0, weight: 0, port: 0, target: '.' }] },
    '_submission._tcp.srv.test': {
      SRV: [{ priority: 0, weight: 1, port: ports.submission, target: 'mail.example.test' }],
    },
    ...local('mail.example.test'),
    // imap.example.test presents a certificate for another name: guessing must not pick it.
    'imap.example.test': { A: [badTls.wrongHost] },
    ...local('smtp.half.test'),
  })
})
afterAll(async () => {
  await http?.close()
  await dns?.close()
})

function options(extra: DiscoveryOptions = {}) {
  const { ports } = mailStack()
  return resolveDiscoveryOptions({
    httpOrigin: http.httpOrigin,
    ispdbBase: http.ispdbBase,
    dnsServers: [dns.server],
    guessPorts: ports,
    ...extra,
  })
}

const discover = (address: string, extra: DiscoveryOptions = {}, signal?: AbortSignal) => {
  const phases: DiscoveryPhase[] = []
  const run = discoverSettings(address, {
    trust: { extraCa: [testCa()] },
    options: options(extra),
    signal,
    onProgress: (phase) => phases.push(phase),
  })
  return { run, phases }
}

describe('discovery', () => {
  it('takes the provider config file first, fills placeholders and says where it came from', async () => {
    const { run, phases } = discover('jo@cfg.test')
    const result = await run
    const url = `${http.httpOrigin.replace('{scheme}', 'https').replace('{host}', 'autoconfig.cfg.test')}/mail/config-v1.1.xml?emailaddress=jo%40cfg.test`
    expect(result).toMatchObject({
      providerName: 'Autoconfig host',
      incoming: {
        settings: { protocol: 'imap', host: 'imap.cfg.test', port: 993, security: 'tls', username: 'jo' },
        source: { kind: 'config-file', where: url },
      },
      outgoing: { settings: { host: 'smtp.cfg.test', port: 465, username: 'jo@cfg.test' } },
    })
    expect(phases).toEqual(['config-file', 'done'])
  })

  it('falls back to the well-known location over http, with the other protocol as alternative', async () => {
    const result = await discover('jo@wk.test').run
    expect(result.incoming?.source.where).toContain(
      '/http/wk.test/.well-known/autoconfig/mail/config-v1.1.xml',
    )
    expect(result.alternatives.map((a) => a.settings)).toMatchObject([
      { protocol: 'pop3', host: 'pop.wk.test' },
    ])
  })

  it('uses the ISPDB when the domain has no config file', async () => {
    const result = await discover('jo@isp.test').run
    expect(result.incoming?.source).toEqual({ kind: 'ispdb', where: `${http.ispdbBase}isp.test` })
    expect(result.providerName).toBe('ISP')
  })

  it('finds the provider behind a custom domain through its lowest-preference MX host', async () => {
    const { run, phases } = discover('jo@custom.test')
    const result = await run
    expect(result.incoming).toMatchObject({
      settings: { host: 'imap.provider.test', username: 'jo@custom.test' },
      source: { kind: 'mx', where: `${http.ispdbBase}provider.test` },
    })
    expect(phases).toContain('mx')
    expect(dns.questions).toContain('MX custom.test')
  })

  it('reads RFC 6186 SRV records and probes the servers they name', async () => {
    const { ports } = mailStack()
    const result = await discover('jo@srv.test').run
    expect(result.incoming).toEqual({
      settings: {
        protocol: 'imap',
        host: 'mail.example.test',
        port: ports.imaps,
        security: 'tls',
        username: 'jo@srv.test',
        authMethod: 'plain',
      },
      source: { kind: 'dns-srv', where: '_imaps._tcp.srv.test' },
    })
    expect(result.outgoing).toMatchObject({
      settings: { host: 'mail.example.test', port: ports.submission, security: 'starttls' },
      source: { kind: 'dns-srv', where: '_submission._tcp.srv.test' },
    })
    expect(result.alternatives[0]?.settings).toMatchObject({ protocol: 'pop3', port: ports.pop3s })
  })

  it('guesses last: probes common names in parallel and skips a server whose certificate fails', async () => {
    const { ports } = mailStack()
    const { run, phases } = discover('jo@example.test')
    const result = await run
    expect(phases).toEqual(['config-file', 'ispdb', 'mx', 'dns-srv', 'guess', 'done'])
    expect(result.incoming).toEqual({
      settings: {
        protocol: 'imap',
        host: 'mail.example.test',
        port: ports.imaps,
        security: 'tls',
        username: 'jo@example.test',
        authMethod: 'plain',
      },
      source: { kind: 'guess', where: `mail.example.test:${ports.imaps}` },
    })
    expect(result.outgoing?.settings).toMatchObject({ host: 'mail.example.test', port: ports.submissions })
    expect(result.alternatives[0]?.settings).toMatchObject({ protocol: 'pop3', port: ports.pop3s })
  })

  it('takes each role from the best source that has it', async () => {
    const result = await discover('jo@half.test', { guessPorts: { ...mailStack().ports } }).run
    expect(result.incoming?.source.kind).toBe('config-file')
    // smtp.half.test resolves to the real server, but its certificate does not name it.
    expect(result.outgoing).toBeNull()
  })

  it('never chooses plain-text servers, and says it skipped one', async () => {
    const result = await discover('jo@plain.test').run
    expect(result.incoming).toBeNull()
    expect(result.outgoing).toBeNull()
    expect(result.notes.join(' ')).toMatch(/without encryption/)
  })

  it('can be cancelled', async () => {
    const controller = new AbortController()
    const { run } = discover('jo@slow.test', {}, controller.signal)
    setTimeout(() => controller.abort(), 100)
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' })
  })

  it('stops at its deadline with what it has', async () => {
    const result = await discover('jo@slow.test', { totalTimeoutMs: 800, httpTimeoutMs: 60_000 }).run
    expect(result.incoming).toBeNull()
    expect(result.notes.join(' ')).toMatch(/search stopped/)
  })

  it('refuses a malformed address', async () => {
    await expect(discover('not an address').run).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      detail: { field: 'address' },
    })
  })
})
