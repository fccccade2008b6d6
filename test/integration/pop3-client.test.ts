import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors'
import { Pop3Client } from '../../src/main/core/pop3/pop3-client'
import { SYSTEM_TRUST, tlsOptionsFor } from '../../src/main/core/net/tls'
import { mailStack } from '../servers/mail-env'
import {
  deliverTo,
  FAMILY_MODES,
  largeMessage,
  newUser,
  pop3Options,
  sampleMessage,
} from './helpers/pop3-mail'

/** The app's POP3 client against the real POP3 services of each server family, on both ports. */

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

async function collect(iterable: AsyncIterable<Buffer>): Promise<{ data: Buffer; largestChunk: number }> {
  const chunks: Buffer[] = []
  for await (const chunk of iterable) chunks.push(chunk)
  return { data: Buffer.concat(chunks), largestChunk: Math.max(0, ...chunks.map((c) => c.length)) }
}

describe.each(FAMILY_MODES)('POP3 client over $mode against $title', ({ family, mode }) => {
  it('logs in, lists, reads UIDLs and retrieves messages byte for byte (dot-unstuffed)', async () => {
    const user = newUser('pop3c', family)
    const first = sampleMessage('first', ['.starts with a dot', '..two dots', '.', 'end'])
    // 8-bit text in the body: raw UTF-8 in a header is not RFC 5322, and Cyrus rewrites it ("X").
    const second = sampleMessage('second', ['8-bit: Grüße ✓'])
    await deliverTo(user, first)
    await deliverTo(user, second)

    const client = await Pop3Client.connect(pop3Options(mode, family))
    // Over TLS (implicit, or after STLS) the server no longer offers STLS; it offers UIDL and SASL.
    expect(client.capabilities.has('STLS')).toBe(false)
    expect(client.capabilities.has('UIDL')).toBe(true)
    expect(client.saslMechanisms.has('PLAIN')).toBe(true)
    await client.login(user.address, user.password, 'auto')

    expect(await client.stat()).toEqual({
      count: 2,
      size: Buffer.byteLength(first) + Buffer.byteLength(second),
    })
    expect(await client.list()).toEqual([
      { n: 1, size: Buffer.byteLength(first) },
      { n: 2, size: Buffer.byteLength(second) },
    ])
    const uidl = await client.uidl()
    if (!uidl.supported) throw new Error('Dovecot and Cyrus always have UIDL')
    expect(uidl.messages.map((m) => m.n)).toEqual([1, 2])
    expect(new Set(uidl.messages.map((m) => m.uidl)).size).toBe(2)

    expect((await collect(client.retr(1))).data.toString('utf8')).toBe(first)
    expect((await collect(client.retr(2))).data.toString('utf8')).toBe(second)
    await client.quit()
    expect(client.isClosed).toBe(true)

    // UIDLs are stable across sessions (pop3_uidl_format), which retrieval relies on.
    const again = await Pop3Client.connect(pop3Options(mode, family))
    await again.login(user.address, user.password, 'login') // USER/PASS this time
    expect(await again.uidl()).toEqual(uidl)
    await again.quit()
  })

  it('deletes only at QUIT, and RSET undoes marks', async () => {
    const user = newUser('pop3d', family)
    for (const s of ['a', 'b', 'c']) await deliverTo(user, sampleMessage(s))
    const client = await Pop3Client.connect(pop3Options(mode, family))
    await client.login(user.address, user.password, 'plain')
    await client.dele(1)
    await client.rset()
    await client.dele(2)
    // A deleted message cannot be read in the same session.
    expect((await rejection(collect(client.retr(2)))).code).toBe('MESSAGE_NOT_FOUND')
    // Without QUIT (connection dropped) nothing is deleted.
    client.destroy()

    const check = await Pop3Client.connect(pop3Options(mode, family))
    await check.login(user.address, user.password)
    expect((await check.stat()).count).toBe(3)
    await check.dele(2)
    await check.quit()

    const after = await Pop3Client.connect(pop3Options(mode, family))
    await after.login(user.address, user.password)
    expect((await after.stat()).count).toBe(2)
    const subjects = []
    for (const n of [1, 2])
      subjects.push(/Subject: (\w)/.exec((await collect(after.retr(n))).data.toString())?.[1])
    expect(subjects).toEqual(['a', 'c'])
    await after.quit()
  })

  it('streams a large message in small chunks, and enforces a size cap', async () => {
    const user = newUser('pop3big', family)
    const big = largeMessage('big', 12 * 1024 * 1024)
    await deliverTo(user, big)
    const client = await Pop3Client.connect(pop3Options(mode, family))
    await client.login(user.address, user.password)
    const { data, largestChunk } = await collect(client.retr(1))
    expect(data.length).toBe(big.length)
    expect(createHash('sha256').update(data).digest('hex')).toBe(
      createHash('sha256').update(big).digest('hex'),
    )
    // Never the whole message at once: chunks stay near the socket's read size.
    expect(largestChunk).toBeLessThan(1024 * 1024)

    const capped = await rejection(collect(client.retr(1, { maxBytes: 1024 * 1024 })))
    expect(capped.code).toBe('STORAGE_FAILED')
    expect(capped.detail?.['reason']).toBe('too-large')
    expect(client.isClosed).toBe(true)
  })

  it('maps a rejected login to AUTH_FAILED with the server words, and refuses CR/LF', async () => {
    const user = newUser('pop3bad', family)
    for (const method of ['auto', 'login'] as const) {
      const client = await Pop3Client.connect(pop3Options(mode, family))
      const err = await rejection(client.login(user.address, 'wrong-password', method))
      expect(err.code).toBe('AUTH_FAILED')
      expect(err.retryable).toBe(false)
      expect(err.detail?.serverResponse).toMatch(/^-ERR \[AUTH\]/)
      client.destroy()
    }
    const client = await Pop3Client.connect(pop3Options(mode, family))
    const injected = await rejection(client.login(`${user.address}\r\nSTAT`, user.password))
    expect(injected.code).toBe('INVALID_INPUT')
    expect(injected.detail?.field).toBe('username')
    // The refused attempt sent nothing: the session is still usable.
    await client.login(user.address, user.password)
    expect((await client.stat()).count).toBe(0)
    await client.quit()
  })
})

describe('POP3 client: connection security', () => {
  it('refuses STARTTLS mode when the server does not offer STLS (RFC 2595), before any login', async () => {
    const { pop3NoStls } = mailStack()
    const user = newUser('nostls')
    const err = await rejection(
      Pop3Client.connect({
        ...pop3NoStls,
        security: 'starttls',
        tls: tlsOptionsFor('localhost', SYSTEM_TRUST),
      }),
    )
    expect(err.code).toBe('TLS_FAILED')
    expect(err.detail?.tlsReason).toBe('no-starttls')
    // The same listener works in plain text when chosen by hand: the refusal is the client's own.
    const plain = await Pop3Client.connect({ ...pop3NoStls, security: 'none', tls: {} })
    expect(plain.capabilities.has('STLS')).toBe(false)
    await plain.login(user.address, user.password)
    await plain.quit()
  })

  it('verifies certificates: the test CA is not trusted by default', async () => {
    const opts = pop3Options('tls')
    const err = await rejection(Pop3Client.connect({ ...opts, tls: tlsOptionsFor(opts.host, SYSTEM_TRUST) }))
    expect(err.code).toBe('TLS_FAILED')
    // The server's certificate was issued by the (here untrusted) test CA: "issuer not trusted",
    // never "self-signed" (OpenSSL says SELF_SIGNED_CERT_IN_CHAIN about the CA, not the leaf).
    expect(err.detail).toMatchObject({ tlsReason: 'untrusted', issuer: 'CN=Mailroom Test CA' })
    const starttls = pop3Options('starttls')
    const viaStls = await rejection(
      Pop3Client.connect({ ...starttls, tls: tlsOptionsFor(starttls.host, SYSTEM_TRUST) }),
    )
    expect(viaStls.code).toBe('TLS_FAILED')
  })

  it('maps a refused port and TLS spoken to a plain-text port', async () => {
    const { host, ports } = mailStack()
    const tls = pop3Options('tls').tls
    const refused = await rejection(Pop3Client.connect({ host, port: ports.pop3 + 7, security: 'tls', tls }))
    expect(refused.code).toBe('CONNECTION_FAILED')
    expect(refused.detail?.['reason']).toBe('refused')
    const wrong = await rejection(Pop3Client.connect({ host, port: ports.pop3, security: 'tls', tls }))
    expect(wrong.code).toBe('TLS_FAILED')
  })
})
