import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { startLoopbackRedirect } from './loopback-redirect'

/** A raw GET (fetch would not let us send another Host header). */
function get(
  url: string,
  host?: string,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const u = new URL(url)
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, headers: host ? { host } : {} },
      (res) => {
        let body = ''
        res.on('data', (d: Buffer) => (body += d.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

const readCode = (q: URLSearchParams): string => {
  if (q.get('state') !== 'ok')
    throw new AppError('AUTH_FAILED', 'state', { detail: { reason: 'state-mismatch' } })
  return q.get('code') ?? ''
}

describe('loopback redirect listener', () => {
  it('listens on 127.0.0.1 at a random port and path, takes one answer and closes', async () => {
    const a = await startLoopbackRedirect({ read: readCode })
    const b = await startLoopbackRedirect({ read: readCode })
    const ua = new URL(a.redirectUri)
    expect(ua.hostname).toBe('127.0.0.1')
    expect(ua.pathname).toMatch(/^\/oauth\/[A-Za-z0-9_-]{32}$/)
    expect(ua.port).not.toBe(new URL(b.redirectUri).port)
    expect(ua.pathname).not.toBe(new URL(b.redirectUri).pathname)
    b.close()

    // Other paths and other Host headers (DNS rebinding) are not the answer.
    expect((await get(`${ua.origin}/oauth/guess?code=x&state=ok`)).status).toBe(404)
    expect((await get(`${a.redirectUri}?code=x&state=ok`, 'evil.example:80')).status).toBe(404)

    const page = await get(`${a.redirectUri}?code=the-code&state=ok`)
    expect(page.status).toBe(200)
    expect(page.body).toContain('Signed in')
    expect(page.headers['content-security-policy']).toBe("default-src 'none'")
    expect(await a.answer).toBe('the-code')
    // Closed after the one answer: nothing listens on the port any more.
    await expect(get(`${a.redirectUri}?code=again&state=ok`)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })

  it('an answer that fails the check ends the wait with that error and says so on the page', async () => {
    const l = await startLoopbackRedirect({ read: readCode })
    const page = await get(`${l.redirectUri}?code=x&state=forged`)
    expect(page.status).toBe(400)
    expect(page.body).toContain('not completed')
    await expect(l.answer).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      detail: { reason: 'state-mismatch' },
    })
  })

  it('gives up after the timeout (TIMEOUT) and when cancelled (CANCELLED), and stops listening', async () => {
    const slow = await startLoopbackRedirect({ read: readCode, timeoutMs: 50 })
    await expect(slow.answer).rejects.toMatchObject({ code: 'TIMEOUT' })
    await expect(get(`${slow.redirectUri}?code=x&state=ok`)).rejects.toMatchObject({ code: 'ECONNREFUSED' })

    const controller = new AbortController()
    const cancelled = await startLoopbackRedirect({ read: readCode, signal: controller.signal })
    controller.abort()
    await expect(cancelled.answer).rejects.toMatchObject({ code: 'CANCELLED' })
    await expect(get(`${cancelled.redirectUri}?code=x&state=ok`)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    })
  })
})
