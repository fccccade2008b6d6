/**
 * Starts the app for a browser test: the real core services (real SQLite in a temp data folder,
 * the real keychain on the test D-Bus), the real ipc/register.ts behind the test bridge, and a
 * Chromium page on the built renderer.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { createMailApi } from '../../src/main/api/mail-api'
import { openSecretStore } from '../../src/main/core/secrets/keytar-secret-store'
import { createServices, type Services, type ServicesOptions } from '../../src/main/services'
import { startBridge, type Bridge } from '../bridge/bridge-server'
import { launchChromium } from './browser'

export interface AppUnderTest {
  page: Page
  browser: Browser
  services: Services
  bridge: Bridge
  dataDir: string
  /** URLs the app handed to the system shell (openExternalLink), in order. */
  openedLinks: string[]
  /** Errors the page reported (uncaught exceptions, console errors). */
  pageErrors: string[]
  close(): Promise<void>
}

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version

export interface StartAppOptions {
  dataDir?: string
  keychainService?: string
  /** Extra CAs to trust (the test CA, so the app can reach the private mail servers). */
  extraCa?: readonly string[]
  /** Where account discovery looks (local HTTP and DNS stand-ins), and its timeouts. */
  discovery?: ServicesOptions['discovery']
  verifyTimeoutMs?: number
  /** Extra Chromium command-line switches. */
  browserArgs?: readonly string[]
  /** Any other service options (ports such as the file picker). */
  services?: Partial<ServicesOptions>
}

export async function startApp(opts: StartAppOptions = {}): Promise<AppUnderTest> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'mailroom-e2e-'))
  const openedLinks: string[] = []
  const services = createServices({
    appName: 'Mailroom',
    version,
    dataDir,
    platform: process.platform,
    secrets: await openSecretStore(opts.keychainService ?? 'Mailroom-e2e'),
    ...(opts.extraCa ? { extraCa: opts.extraCa } : {}),
    // The system shell, as a recorder: tests assert which links would have left the app.
    shell: { openExternal: (url) => Promise.resolve(void openedLinks.push(url)) },
    ...(opts.discovery ? { discovery: opts.discovery } : {}),
    ...(opts.verifyTimeoutMs ? { verifyTimeoutMs: opts.verifyTimeoutMs } : {}),
    ...opts.services,
  })
  const bridge = await startBridge({
    api: createMailApi(services),
    events: services.events,
    rendererDir: resolve('out/renderer'),
  })
  const browser = await launchChromium(opts.browserArgs)
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text())
  })
  await page.goto(bridge.url)
  return {
    page,
    browser,
    services,
    bridge,
    dataDir,
    openedLinks,
    pageErrors,
    close: async () => {
      await browser.close()
      await bridge.close()
      await services.close()
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
