/**
 * The loopback redirect listener of a native app (RFC 8252 §7.3, §8.3): an HTTP server on
 * 127.0.0.1 (an IP literal, not "localhost", which a resolver or hosts file may send elsewhere),
 * on a random port the system picks and a random path, for one answer. It takes the first request
 * to that path, shows the person a short page, and closes; it also closes on a timeout or when
 * the sign-in is cancelled. Only the query is handed on; nothing is logged.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AppError } from '../../../shared/errors'
import { randomToken } from './pkce'

export interface LoopbackRedirect<T> {
  /** http://127.0.0.1:<port>/<path>, for redirect_uri. */
  redirectUri: string
  /** What `read` made of the one answer; rejects with its error, TIMEOUT or CANCELLED. */
  answer: Promise<T>
  /** Stops listening (idempotent); a pending answer rejects with CANCELLED. */
  close(): void
}

export interface LoopbackOptions<T> {
  /**
   * Reads the answer's query (checks state and iss, takes the code); what it throws fails the
   * sign-in, and the page in the browser says so.
   */
  read(query: URLSearchParams): T
  /** How long the person has to finish in the browser (default 5 minutes). */
  timeoutMs?: number
  signal?: AbortSignal
  /** A fixed path for providers that compare it exactly (default: /oauth/<random>). */
  path?: string
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'",
  'referrer-policy': 'no-referrer',
  connection: 'close',
}

function page(title: string, text: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`
}

export async function startLoopbackRedirect<T>(options: LoopbackOptions<T>): Promise<LoopbackRedirect<T>> {
  const path = options.path ?? `/oauth/${randomToken(24)}`
  let settle: { resolve(value: T): void; reject(e: unknown): void } | undefined
  const answer = new Promise<T>((resolve, reject) => (settle = { resolve, reject }))
  // A rejection nobody waits for yet (cancel before the caller awaits) must not crash the process.
  answer.catch(() => undefined)
  let port = 0
  let done = false

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    // Only our exact address: a browser on a DNS-rebinding page sends another Host.
    const ownHost = req.headers.host === `127.0.0.1:${port}`
    if (done || req.method !== 'GET' || !ownHost || url.pathname !== path) {
      res.writeHead(404, PAGE_HEADERS).end(page('Not found', 'Nothing here.'))
      return
    }
    let outcome: { ok: true; value: T } | { ok: false; error: unknown }
    try {
      outcome = { ok: true, value: options.read(url.searchParams) }
    } catch (error) {
      outcome = { ok: false, error }
    }
    const back = 'You can close this tab and return to Mailroom.'
    res
      .writeHead(outcome.ok ? 200 : 400, PAGE_HEADERS)
      .end(outcome.ok ? page('Signed in', back) : page('Sign-in not completed', back))
    finish(() => (outcome.ok ? settle?.resolve(outcome.value) : settle?.reject(outcome.error)))
  })

  const finish = (action: () => void): void => {
    if (done) return
    done = true
    clearTimeout(timer)
    options.signal?.removeEventListener('abort', onAbort)
    action()
    // Let the answer page go out, then stop listening and drop idle browser connections.
    server.close()
    setImmediate(() => server.closeAllConnections())
  }
  const onAbort = (): void =>
    finish(() => settle?.reject(new AppError('CANCELLED', 'The sign-in was cancelled')))
  const timeoutMs = options.timeoutMs ?? 5 * 60_000
  const timer = setTimeout(
    () =>
      finish(() =>
        settle?.reject(
          new AppError('TIMEOUT', 'The sign-in was not finished in time', {
            detail: { reason: 'sign-in-timeout' },
          }),
        ),
      ),
    timeoutMs,
  )
  timer.unref()

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (cause) {
    clearTimeout(timer)
    throw new AppError('INTERNAL', 'Cannot listen on 127.0.0.1 for the sign-in answer', { cause })
  }
  port = (server.address() as AddressInfo).port
  if (options.signal?.aborted) onAbort()
  else options.signal?.addEventListener('abort', onAbort, { once: true })

  return {
    redirectUri: `http://127.0.0.1:${port}${path}`,
    answer,
    close: onAbort,
  }
}
