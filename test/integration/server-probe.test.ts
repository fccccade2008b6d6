import { readFileSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fingerprintOf, tlsOptionsFor, type TlsTrust } from '../../src/main/core/net/tls'
import { chooseAuthMethod, probeServer, type ProbeTarget } from '../../src/main/core/net/probe/server-probe'
import type { CertificatePin } from '../../src/shared/model/account'
import { mailStack, testCa } from '../servers/mail-env'

/** Probes against the real Dovecot and Postfix: what discovery and verification stand on. */
const trust = (): TlsTrust => ({ extraCa: [testCa()] })
const cert = (name: string) => readFileSync(join(mailStack().tlsDir, `${name}.pem`), 'utf8')
const probe = (target: ProbeTarget, timeoutMs = 5000) =>
  probeServer(target, { tls: tlsOptionsFor(target.host, trust()), timeoutMs })

describe('server probe against the real servers', () => {
  it.each([
    ['imap', 'imaps', 'tls'],
    ['imap', 'imap', 'starttls'],
    ['pop3', 'pop3s', 'tls'],
    ['pop3', 'pop3', 'starttls'],
    ['smtp', 'submissions', 'tls'],
    ['smtp', 'submission', 'starttls'],
  ] as const)('reads %s capabilities on the %s port (%s)', async (protocol, port, security) => {
    const { host, ports } = mailStack()
    const result = await probe({ protocol, host, port: ports[port], security })
    expect(result.mechanisms).toEqual(expect.arrayContaining(['PLAIN', 'LOGIN']))
    expect(chooseAuthMethod(protocol, result)).toBe('plain')
    expect(result.certificate?.fingerprint).toBe(fingerprintOf(cert('server')))
  })

  it.each([
    ['selfSigned', 'selfsigned', 'self-signed'],
    ['expired', 'expired', 'expired'],
    ['wrongHost', 'wronghost', 'wrong-host'],
    ['privateCa', 'privateca', 'untrusted'],
  ] as const)(
    'refuses the %s certificate with its fingerprint and the reason',
    async (which, file, reason) => {
      const { badTls, ports } = mailStack()
      for (const [protocol, port, security] of [
        ['imap', ports.imaps, 'tls'],
        ['pop3', ports.pop3, 'starttls'],
      ] as const) {
        await expect(probe({ protocol, host: badTls[which], port, security })).rejects.toMatchObject({
          code: 'TLS_FAILED',
          detail: { tlsReason: reason, fingerprint: fingerprintOf(cert(file)) },
        })
      }
    },
  )

  it('refuses a self-signed submission server, implicit TLS and STARTTLS alike', async () => {
    const { badTls, ports } = mailStack()
    const fingerprint = fingerprintOf(cert('selfsigned'))
    for (const [port, security] of [
      [ports.submissions, 'tls'],
      [ports.submission, 'starttls'],
    ] as const) {
      await expect(
        probe({ protocol: 'smtp', host: badTls.selfSigned, port, security }),
      ).rejects.toMatchObject({ code: 'TLS_FAILED', detail: { tlsReason: 'self-signed', fingerprint } })
    }
  })

  it.each([
    ['imap', 'imap'],
    ['pop3', 'pop3'],
    ['smtp', 'submission'],
  ] as const)('fails %s with no-starttls when the server does not offer STARTTLS', async (protocol, port) => {
    const { badTls, ports } = mailStack()
    await expect(
      probe({ protocol, host: badTls.noStarttls, port: ports[port], security: 'starttls' }),
    ).rejects.toMatchObject({ code: 'TLS_FAILED', detail: { tlsReason: 'no-starttls' } })
  })

  it('accepts a pinned certificate for that server only', async () => {
    const { badTls, ports } = mailStack()
    const pem = cert('selfsigned')
    const pin = { host: badTls.selfSigned, port: ports.imaps, fingerprint: fingerprintOf(pem), pem }
    const pinned = (port: number, security: 'tls' | 'starttls') =>
      probeServer(
        { protocol: 'imap', host: badTls.selfSigned, port, security },
        { tls: tlsOptionsFor(badTls.selfSigned, trust(), { port, pins: [pin] }), timeoutMs: 5000 },
      )
    expect((await pinned(ports.imaps, 'tls')).certificate?.fingerprint).toBe(pin.fingerprint)
    // The same certificate on another port of the same host is not covered by the exception.
    await expect(pinned(ports.imap, 'starttls')).rejects.toMatchObject({ code: 'TLS_FAILED' })
    // A wrong-host certificate (its chain is trusted): a pin by fingerprint alone still checks the
    // host name; only a pin that explicitly accepts the other name lets it through.
    const wrong = { host: badTls.wrongHost, port: ports.imaps, fingerprint: fingerprintOf(cert('wronghost')) }
    const wrongHost = (pin: CertificatePin) =>
      probeServer(
        { protocol: 'imap', host: badTls.wrongHost, port: ports.imaps, security: 'tls' },
        {
          tls: tlsOptionsFor(badTls.wrongHost, trust(), { port: ports.imaps, pins: [pin] }),
          timeoutMs: 5000,
        },
      )
    await expect(wrongHost(wrong)).rejects.toMatchObject({
      code: 'TLS_FAILED',
      detail: { tlsReason: 'wrong-host', fingerprint: wrong.fingerprint, nameMatches: false },
    })
    const result = await wrongHost({ ...wrong, allowNameMismatch: true })
    expect(result.certificate?.fingerprint).toBe(wrong.fingerprint)
  })

  describe('connection failures', () => {
    let silent: Server
    let silentPort = 0
    let closedPort = 0
    const sockets = new Set<Socket>()
    beforeAll(async () => {
      // Accepts connections and never says a word: a server that hangs.
      silent = createServer((s) => sockets.add(s))
      await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
      silentPort = (silent.address() as { port: number }).port
      const closed = createServer()
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
      closedPort = (closed.address() as { port: number }).port
      await new Promise((r) => closed.close(r))
    })
    afterAll(async () => {
      sockets.forEach((s) => s.destroy())
      await new Promise((r) => silent.close(r))
    })

    it('says the connection was refused', async () => {
      await expect(
        probe({ protocol: 'imap', host: '127.0.0.1', port: closedPort, security: 'tls' }),
      ).rejects.toMatchObject({ code: 'CONNECTION_FAILED', detail: { reason: 'refused' } })
    })

    it('says the host was not found', async () => {
      await expect(
        probe({ protocol: 'imap', host: 'no-such-host.invalid', port: 993, security: 'tls' }),
      ).rejects.toMatchObject({ code: 'CONNECTION_FAILED', detail: { reason: 'host-not-found' } })
    })

    it('times out on a server that never answers', async () => {
      await expect(
        probe({ protocol: 'smtp', host: '127.0.0.1', port: silentPort, security: 'starttls' }, 300),
      ).rejects.toMatchObject({ code: 'TIMEOUT' })
    })

    it('is cancelled by its signal', async () => {
      const controller = new AbortController()
      const pending = probeServer(
        { protocol: 'imap', host: '127.0.0.1', port: silentPort, security: 'starttls' },
        { tls: tlsOptionsFor('127.0.0.1', trust()), timeoutMs: 10_000, signal: controller.signal },
      )
      setTimeout(() => controller.abort(), 50)
      await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' })
    })
  })
})
