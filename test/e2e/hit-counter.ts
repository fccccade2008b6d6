/**
 * A local web server that counts every request: the "remote" host of hostile test mail. It
 * answers on https (the test stack's localhost certificate) and on plain http, serves a tiny PNG
 * for any image path and empty CSS/fonts, and records each hit so a test can prove none happened.
 */
import { createHash, X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { mailStack } from '../servers/mail-env'

export interface HitCounter {
  /** https://127.0.0.1:PORT */
  https: string
  /** http://127.0.0.1:PORT */
  http: string
  /** Paths requested, in order, as "https:/path" or "http:/path". */
  hits: string[]
  /**
   * Chromium switch that makes the browser accept exactly this server's key (the test CA is not
   * in the browser's store); nothing else about certificate checking changes.
   */
  chromiumSwitch: string
  close(): Promise<void>
}

// 1×1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

export async function startHitCounter(): Promise<HitCounter> {
  const tls = mailStack().tlsDir
  const cert = readFileSync(join(tls, 'server-chain.pem'))
  const key = readFileSync(join(tls, 'server.key'))
  const hits: string[] = []
  const handler = (scheme: string) => (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/'
    hits.push(`${scheme}:${path}`)
    const type = /\.(png|gif|jpe?g)(\?|$)/.test(path)
      ? 'image/png'
      : /\.css(\?|$)/.test(path)
        ? 'text/css'
        : 'application/octet-stream'
    res.writeHead(200, {
      'content-type': type,
      'access-control-allow-origin': '*',
      'cache-control': 'no-store',
    })
    res.end(type === 'image/png' ? PNG : '')
  }
  const secure = createHttpsServer({ cert, key }, handler('https'))
  const plain = createHttpServer(handler('http'))
  await Promise.all([
    new Promise<void>((r) => secure.listen(0, '127.0.0.1', r)),
    new Promise<void>((r) => plain.listen(0, '127.0.0.1', r)),
  ])
  const leaf = new X509Certificate(cert)
  const spki = leaf.publicKey.export({ type: 'spki', format: 'der' })
  return {
    https: `https://127.0.0.1:${(secure.address() as AddressInfo).port}`,
    http: `http://127.0.0.1:${(plain.address() as AddressInfo).port}`,
    hits,
    chromiumSwitch: `--ignore-certificate-errors-spki-list=${createHash('sha256').update(spki).digest('base64')}`,
    close: async () => {
      secure.closeAllConnections()
      plain.closeAllConnections()
      await Promise.all([
        new Promise<void>((r) => secure.close(() => r())),
        new Promise<void>((r) => plain.close(() => r())),
      ])
    },
  }
}
