import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM = process.env['CHROMIUM'] ?? '/usr/bin/chromium'

/**
 * Debian's Chromium, headless. The extra flags stop its background calls to Google's hosts, which
 * this offline machine refuses (slowly) otherwise. Playwright adds --no-sandbox itself (root).
 */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      '--disable-gpu',
      ...extraArgs,
    ],
  })
}
