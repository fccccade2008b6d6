/**
 * A local HTTP server that stands in for config-file hosts and the ISPDB in discovery tests.
 * Discovery's `httpOrigin` points https://autoconfig.x/... at /https/autoconfig.x/...; the ISPDB
 * lives under /ispdb/. Paths the test did not set answer 404; HANG never answers.
 */
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A document to serve, or HANG: accept the request and never answer. */
export const HANG = Symbol('hang')
export type Answer = string | typeof HANG

export interface ConfigHttp {
  httpOrigin: string
  ispdbBase: string
  /** Paths requested, with their query. */
  requests: string[]
  set(path: string, answer: Answer): void
  close(): Promise<void>
}

export async function startConfigHttp(files: Record<string, Answer> = {}): Promise<ConfigHttp> {
  const answers = new Map(Object.entries(files))
  const requests: string[] = []
  const hanging = new Set<ServerResponse>()
  const server = createServer((req, res) => {
    requests.push(req.url ?? '')
    const path = new URL(req.url ?? '/', 'http://x').pathname
    const body = answers.get(path)
    if (body === HANG) return void hanging.add(res)
    if (body === undefined) return void res.writeHead(404).end('not found')
    res.writeHead(200, { 'content-type': 'text/xml' }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    httpOrigin: `${origin}/{scheme}/{host}`,
    ispdbBase: `${origin}/ispdb/`,
    requests,
    set: (path, answer) => void answers.set(path, answer),
    close: async () => {
      hanging.forEach((r) => r.destroy())
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A config-v1.1.xml document for tests. */
export function configXml(opts: {
  name?: string
  incoming?: {
    type: 'imap' | 'pop3'
    host: string
    port: number
    socket: 'SSL' | 'STARTTLS' | 'plain'
    user?: string
  }[]
  outgoing?: { host: string; port: number; socket: 'SSL' | 'STARTTLS' | 'plain'; user?: string }[]
}): string {
  const server = (
    tag: string,
    type: string,
    s: { host: string; port: number; socket: string; user?: string },
  ) =>
    `<${tag} type="${type}"><hostname>${s.host}</hostname><port>${s.port}</port>` +
    `<socketType>${s.socket}</socketType><username>${s.user ?? '%EMAILADDRESS%'}</username>` +
    `<authentication>password-cleartext</authentication></${tag}>`
  return (
    `<?xml version="1.0"?><clientConfig version="1.1"><emailProvider id="x">` +
    `<displayName>${opts.name ?? 'Test Provider'}</displayName>` +
    (opts.incoming ?? []).map((s) => server('incomingServer', s.type, s)).join('') +
    (opts.outgoing ?? []).map((s) => server('outgoingServer', 'smtp', s)).join('') +
    `</emailProvider></clientConfig>`
  )
}
