import { mkdirSync } from 'node:fs'
import { get } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAIL_METHODS, type MailBridge } from '../../src/shared/ipc/contract'
import { startApp, type AppUnderTest } from './harness'

/** The page's global object as the renderer sees it (these callbacks run in Chromium). */
type PageGlobal = typeof globalThis & { mail: MailBridge }

describe('app in Chromium through the test bridge', () => {
  let app: AppUnderTest
  beforeAll(async () => {
    app = await startApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('shows data that came from main through the IPC contract', async () => {
    const { page, dataDir } = app
    await expect.poll(() => page.getByTestId('app-version').textContent()).toBe('0.1.0')
    expect(await page.getByTestId('app-data-dir').textContent()).toBe(dataDir)
    // The real keychain answered: passwords would go to gnome-keyring, not to memory.
    expect(await page.getByTestId('app-secret-storage').textContent()).toMatch(/system keychain/)
    mkdirSync('out/screenshots', { recursive: true })
    await page.screenshot({ path: 'out/screenshots/welcome.png' })
    expect(app.pageErrors).toEqual([])
  })

  it('exposes only the contract on window.mail: no raw IPC, no Node', async () => {
    const keys = await app.page.evaluate(() => Object.keys((globalThis as PageGlobal).mail).sort())
    expect(keys).toEqual([...MAIL_METHODS, 'on'].sort())
    expect(await app.page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    )
    expect(await app.page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe(
      'undefined',
    )
  })

  it('answers bad input from the page with a typed error and keeps working', async () => {
    const bad = await app.page.evaluate(() =>
      ((globalThis as PageGlobal).mail.getAppInfo as unknown as (x: string) => Promise<unknown>)(
        'unexpected',
      ),
    )
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const unknown = await app.page.evaluate(async () => {
      const r = await fetch('/__bridge/invoke', {
        method: 'POST',
        body: JSON.stringify({ channel: 'mail:rm', args: [] }),
      })
      return r.json()
    })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await app.page.evaluate(() => (globalThis as PageGlobal).mail.getAppInfo())).toMatchObject({
      ok: true,
    })
  })

  it('refuses requests without the token and from other host names', async () => {
    const origin = app.bridge.origin
    expect((await fetch(`${origin}/index.html`)).status).toBe(403)
    expect((await fetch(`${origin}/__bridge/invoke`, { method: 'POST', body: '{}' })).status).toBe(403)
    const token = new URL(app.bridge.url).searchParams.get('token')!
    // A page on another name resolving to 127.0.0.1 (DNS rebinding) sends its own Host header.
    const rebinding = await new Promise<number | undefined>((resolve, reject) =>
      get(`${origin}/index.html?token=${token}`, { headers: { host: 'evil.example' } }, (res) => {
        res.resume()
        resolve(res.statusCode)
      }).on('error', reject),
    )
    expect(rebinding).toBe(403)
    expect((await fetch(app.bridge.url)).status).toBe(200)
  })
})
