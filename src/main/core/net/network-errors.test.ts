import { once } from 'node:events'
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import { lookup } from 'node:dns/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { mapNetworkError } from './network-errors'

/**
 * The shared socket/TLS/DNS mapping fed with the errors Node really raises on this machine (no
 * server needed: a released port, a plain-text listener, a name under .invalid, RFC 6761 §6.4).
 */
const servers: Server[] = []
const sockets: Socket[] = []
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy()
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve))
})

async function listening(onSocket: (socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    sockets.push(socket)
    onSocket(socket)
  })
  servers.push(server)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return (server.address() as AddressInfo).port
}

async function errorOf(
  open: () => { once: (e: 'error', f: (err: Error) => void) => unknown },
): Promise<Error> {
  return new Promise((resolve) => open().once('error', resolve))
}

describe('mapNetworkError with real errors', () => {
  it('maps a refused connection to a retryable CONNECTION_FAILED, reason refused', async () => {
    const port = await listening(() => undefined)
    await new Promise((resolve) => servers.pop()?.close(resolve))
    const err = await errorOf(() => connect(port, '127.0.0.1'))
    expect(mapNetworkError(err, { host: '127.0.0.1', port })?.toData()).toMatchObject({
      code: 'CONNECTION_FAILED',
      retryable: true,
      detail: { reason: 'refused', host: '127.0.0.1', port },
    })
  })

  it('maps a connection the server resets to CONNECTION_FAILED, reason econnreset', async () => {
    const port = await listening((socket) => socket.resetAndDestroy())
    const err = await errorOf(() => connect(port, '127.0.0.1'))
    expect(mapNetworkError(err, { host: '127.0.0.1', port })?.toData()).toMatchObject({
      code: 'CONNECTION_FAILED',
      retryable: true,
      detail: { reason: 'econnreset' },
    })
  })

  it('maps TLS spoken to a plain-text service to TLS_FAILED (other), not retryable', async () => {
    const port = await listening((socket) => socket.end('* OK IMAP4rev1 ready\r\n'))
    const err = await errorOf(() => tlsConnect({ host: '127.0.0.1', port, servername: 'localhost' }))
    expect(mapNetworkError(err, { host: '127.0.0.1', port })?.toData()).toMatchObject({
      code: 'TLS_FAILED',
      retryable: false,
      detail: { tlsReason: 'other' },
    })
  })

  it('maps a name that does not resolve to CONNECTION_FAILED, reason host-not-found', async () => {
    const host = 'no-such-host.invalid'
    const err = await lookup(host).then(
      () => new Error('resolved'),
      (e: unknown) => e as Error,
    )
    expect(mapNetworkError(err, { host, port: 993 })?.toData()).toMatchObject({
      code: 'CONNECTION_FAILED',
      detail: { reason: 'host-not-found', host },
    })
  })

  it('reads a wrapped socket code when the library gives it (nodemailer originalCode)', () => {
    const wrapped = Object.assign(new Error('Connection closed'), {
      code: 'ESOCKET',
      originalCode: 'ECONNRESET',
    })
    expect(mapNetworkError(wrapped, { host: 'h', port: 1 })).toBeNull()
    expect(mapNetworkError(wrapped, { host: 'h', port: 1 }, 'ECONNRESET')?.code).toBe('CONNECTION_FAILED')
  })

  it('leaves errors without a socket code to the protocol mappers', () => {
    expect(mapNetworkError(new Error('NO [ALERT] go away'), { host: 'h', port: 1 })).toBeNull()
  })
})
