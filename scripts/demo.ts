/**
 * `npm run demo`: a working client within a minute. Starts private mail servers (Dovecot,
 * Postfix, a keyring) on 127.0.0.1 in their own folder and port range, fills a demo mailbox with
 * a few hundred generated messages, adds the demo account, and opens the app: in Electron where
 * its binary is installed, otherwise in the browser through the test bridge (printing the URL).
 * Ctrl+C (or closing the app) stops everything, the servers included.
 *
 * Env: MAILROOM_DEMO_PORT_BASE (default 28000), MAILROOM_DEMO_DIR (default <tmp>/mailroom-demo),
 * MAILROOM_DEMO_BROWSER=1 to use the browser even where Electron is installed.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createMailApi } from '../src/main/api/mail-api'
import { secretKey } from '../src/main/core/accounts/account-secrets'
import { openSecretStore } from '../src/main/core/secrets/keytar-secret-store'
import { createServices } from '../src/main/services'
import type { Account } from '../src/shared/model/account'
import { startBridge } from '../test/bridge/bridge-server'
import { addDemoUser, startDemoServers } from './demo/demo-servers'
import { generateDemoMailbox } from './demo/generate-mail'
import { electronBinary } from './electron-binary.mjs'
import { runElectronApp } from './demo/open-electron'
import { ME } from './demo/people'
import { seedImap } from './demo/seed-imap'

const DEMO_PASSWORD = 'demo-password'

function demoAccount(host: string, imaps: number, submissions: number): Account {
  const server = { host, username: ME.address, authMethod: 'auto' as const, security: 'tls' as const }
  return {
    id: 'demo',
    displayName: 'Demo',
    address: ME.address,
    incoming: { ...server, protocol: 'imap', port: imaps },
    outgoing: { ...server, port: submissions },
    identities: [{ id: 'demo-main', name: ME.name, address: ME.address }],
    pins: [],
    createdAt: Date.now(),
  }
}

async function main(): Promise<void> {
  const started = Date.now()
  const dir = resolve(process.env['MAILROOM_DEMO_DIR'] ?? join(tmpdir(), 'mailroom-demo'))
  const portBase = process.env['MAILROOM_DEMO_PORT_BASE'] ?? '28000'
  const say = (line: string) => console.log(`[demo +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`)
  mkdirSync(join(dir, 'servers'), { recursive: true })

  say(`starting the mail servers on 127.0.0.1, ports ${portBase}+ (folder ${dir})`)
  const servers = startDemoServers(join(dir, 'servers'), portBase)
  let closing: (() => Promise<void>) | undefined
  const stop = (code: number) => {
    void (closing?.() ?? Promise.resolve())
      .catch((err: unknown) => console.error(err))
      .finally(() => {
        servers.stop()
        process.exit(code)
      })
  }
  process.on('SIGINT', () => stop(0))
  process.on('SIGTERM', () => stop(0))
  try {
    const { stack, ca } = servers
    // keytar talks to the demo's own keyring (Secret Service on the demo's private D-Bus).
    process.env['DBUS_SESSION_BUS_ADDRESS'] = stack.dbusAddress
    addDemoUser(stack, ME.address, DEMO_PASSWORD)
    const messages = await generateDemoMailbox(new Date())
    await seedImap(
      { host: stack.host, port: stack.ports.imaps, user: ME.address, pass: DEMO_PASSWORD, ca },
      messages,
    )
    say(`${messages.length} messages delivered to ${ME.address}`)

    const dataDir = join(dir, 'app-data')
    rmSync(dataDir, { recursive: true, force: true })
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    const services = createServices({
      appName: 'Mailroom',
      version: pkg.version,
      dataDir,
      platform: process.platform,
      secrets: await openSecretStore('Mailroom-demo'),
      extraCa: [ca],
    })
    const account = demoAccount(stack.host, stack.ports.imaps, stack.ports.submissions)
    await services.secrets.set(secretKey(account.id, 'incoming'), DEMO_PASSWORD)
    await services.secrets.set(secretKey(account.id, 'outgoing'), DEMO_PASSWORD)
    services.accounts.insert(account)
    services.events.emit('accounts:changed', { accountId: account.id })

    if (electronBinary() && !process.env['MAILROOM_DEMO_BROWSER']) {
      await services.close()
      say('opening the app (close its window or press Ctrl+C to stop the demo)')
      const code = await runElectronApp({
        MAILROOM_DEMO_DIR: dir,
        DBUS_SESSION_BUS_ADDRESS: stack.dbusAddress,
      })
      return stop(code)
    }

    const bridge = await startBridge({
      api: createMailApi(services),
      events: services.events,
      rendererDir: resolve('out/renderer'),
      port: Number(process.env['PORT'] ?? 0),
    })
    closing = async () => {
      await bridge.close()
      await services.close()
    }
    say('ready')
    console.log(`\nMailroom demo (${ME.address}) is running in the browser at:\n\n  ${bridge.url}\n`)
    console.log('Electron’s window is not used here: this is the same app behind the test bridge.')
    console.log('Ctrl+C stops the app and the mail servers.')
  } catch (err) {
    console.error('[demo] failed:', err instanceof Error ? err.message : err)
    stop(1)
  }
}

void main()
