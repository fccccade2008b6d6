/**
 * The test bridge: stands in for Electron's IPC transport only. The page is the built renderer,
 * `window.mail` is built by the real preload code (client-entry.ts), and calls land in the real
 * ipc/register.ts handlers in front of the real core services. Serves 127.0.0.1 only and refuses
 * every request that does not carry the random token (in the URL once, then an HttpOnly cookie).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { buildSync } from 'esbuild'
import { eventChannelFor, type MailApi } from '../../src/shared/ipc/contract'
import { fail } from '../../src/shared/ipc/result'
import { contentTypeFor, resolveAppPath } from '../../src/main/app-protocol'
import type { EventBus } from '../../src/main/core/events'
import {
  isOwnTopFrame,
  registerMailApi,
  type InvokeEventLike,
  type IpcMainLike,
} from '../../src/main/ipc/register'
import { APP_ORIGIN, SHELL_CSP } from '../../src/main/security'
import { decodeWire, encodeWire } from './wire'

export interface BridgeOptions {
  api: MailApi
  events: EventBus
  /** The built renderer (out/renderer). */
  rendererDir: string
  port?: number
}

export interface Bridge {
  /** Open this URL: it carries the token. */
  url: string
  origin: string
  /** Every answer main sent to the page, as the page received it (for secret-leak checks). */
  answers: string[]
  close(): Promise<void>
}

const COOKIE = 'mailroom_bridge'

let clientBundle: string | undefined
function bridgeClientScript(): string {
  clientBundle ??= buildSync({
    entryPoints: [fileURLToPath(new URL('./client-entry.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
  }).outputFiles[0]!.text
  return clientBundle
}

function sameSecret(a: string | undefined, b: string): boolean {
  if (a === undefined || a.length !== b.length) return false
  return timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=')
    if (k === COOKIE) return v
  }
  return undefined
}

async function readBody(req: IncomingMessage, limit = 64 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw new Error('request too large')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = randomBytes(24).toString('hex')
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>()
  const fakeIpc: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  }
  const answers: string[] = []
  const streams = new Set<ServerResponse>()
  let origin = ''
  // The page is our own top frame, exactly as the app:// page is in Electron.
  const unregister = registerMailApi(fakeIpc, opts.api, {
    isTrustedSender: (frame) => isOwnTopFrame(frame, [origin, APP_ORIGIN]),
  })
  const stopEvents = opts.events.onAny((event, payload) => {
    const data = encodeWire({ channel: eventChannelFor(event), payload })
    answers.push(data)
    for (const s of streams) s.write(`data: ${data}\n\n`)
  })

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('[bridge]', err)
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin)
    // Refuse other Host names (DNS rebinding) and anything without the token.
    if (req.headers.host !== new URL(origin).host) return void res.writeHead(403).end('Forbidden host')
    const queryToken = url.searchParams.get('token') ?? undefined
    const authorized = sameSecret(queryToken, token) || sameSecret(cookieToken(req), token)
    if (!authorized) return void res.writeHead(403).end('Forbidden: open the URL with its token')
    const headers: Record<string, string> = {
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    }

    if (url.pathname === '/__bridge/client.js') {
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' })
      return void res.end(bridgeClientScript())
    }
    if (url.pathname === '/__bridge/invoke' && req.method === 'POST') {
      const { channel, args } = decodeWire(await readBody(req)) as { channel: string; args: unknown[] }
      const handler = handlers.get(channel)
      const event: InvokeEventLike = { senderFrame: { url: `${origin}/`, parent: null } }
      const result = handler
        ? await handler(event, ...(Array.isArray(args) ? args : []))
        : fail({ code: 'INVALID_INPUT', message: `Unknown method channel "${channel}"`, retryable: false })
      const body = encodeWire(result)
      answers.push(body)
      res.writeHead(200, { ...headers, 'content-type': 'application/json' })
      return void res.end(body)
    }
    if (url.pathname === '/__bridge/events') {
      res.writeHead(200, { ...headers, 'content-type': 'text/event-stream' })
      res.write(': connected\n\n')
      streams.add(res)
      req.on('close', () => streams.delete(res))
      return
    }
    const file = resolveAppPath(opts.rendererDir, `${APP_ORIGIN}${url.pathname}`)
    let body = file ? await readFile(file).catch(() => null) : null
    if (!file || !body) return void res.writeHead(404, headers).end('Not found')
    if (file.endsWith('.html')) {
      const html = body
        .toString('utf8')
        .replace('</head>', '<script src="/__bridge/client.js"></script></head>')
      body = Buffer.from(html)
    }
    res.writeHead(200, {
      ...headers,
      'content-type': contentTypeFor(file),
      'content-security-policy': SHELL_CSP,
    })
    res.end(body)
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: `${origin}/index.html?token=${token}`,
    origin,
    answers,
    close: async () => {
      stopEvents()
      unregister()
      for (const s of streams) s.end()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
