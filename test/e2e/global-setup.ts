/**
 * vitest globalSetup for the e2e project: makes sure the built renderer exists (the test command
 * builds it; this covers `vitest run --project e2e` on its own) and that Chromium is installed.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { CHROMIUM } from './browser'

export function setup(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: missing Debian package: chromium (apt-get install -y chromium)`,
    )
  }
  if (!existsSync('out/renderer/index.html') || process.env['E2E_REBUILD']) {
    execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
      stdio: 'inherit',
    })
  }
}
