/**
 * `npm run dev:web`: the app in a browser, for development where Electron cannot run. The test
 * bridge serves the built renderer on 127.0.0.1 only, behind a random token in the URL; behind it
 * run the real IPC handlers and core services, with the data folder in .tmp/dev-web.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createMailApi } from '../src/main/api/mail-api'
import { openSecretStore } from '../src/main/core/secrets/keytar-secret-store'
import { createServices } from '../src/main/services'
import { startBridge } from '../test/bridge/bridge-server'

async function main(): Promise<void> {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
  const services = createServices({
    appName: 'Mailroom',
    version: pkg.version,
    dataDir: resolve(process.env['MAILROOM_DATA_DIR'] ?? '.tmp/dev-web'),
    platform: process.platform,
    secrets: await openSecretStore(),
  })
  const bridge = await startBridge({
    api: createMailApi(services),
    events: services.events,
    rendererDir: resolve('out/renderer'),
    port: Number(process.env['PORT'] ?? 0),
  })
  console.log(
    `Mailroom is running in the browser at:\n\n  ${bridge.url}\n\n(the token in the URL is required; Ctrl+C stops)`,
  )

  const stop = () => {
    void bridge
      .close()
      .then(() => services.close())
      .then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main()
