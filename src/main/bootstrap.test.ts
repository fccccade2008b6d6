import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { flipBit, rootPageOf, truncateStore } from '../../test/helpers/damage-store'
import { sampleAccount } from '../../test/helpers/sample-account'
import { channelFor, MAIL_METHODS } from '../shared/ipc/contract'
import { createMemorySecretStore } from './core/secrets/secret-store'
import { STORE_FILE } from './core/store/database'
import { createServices } from './services'
import { APP_ORIGIN, SHELL_CSP } from './security'
import { secureWebPreferences } from './window'

/**
 * The real bootstrap (index.ts) in a child Node process, with Electron replaced by a stand-in
 * (test/helpers/electron-stub.ts) that records what the bootstrap asks of it and hands its
 * handlers back to be called as Electron would. This proves the bootstrap applies the pure
 * policies that security.test.ts and window.test.ts check.
 */
interface Report {
  code: number
  calls: { name: string; args: unknown[] }[]
  windows: { options: { webPreferences: Record<string, unknown> }; urls: string[] }[]
  ipcChannels: string[]
  exercised: Record<string, unknown>
}

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

async function runBootstrap(
  env: Record<string, string>,
  prepare?: (dataDir: string) => Promise<void> | void,
): Promise<{ report: Report; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-bootstrap-'))
  dirs.push(dataDir)
  await prepare?.(dataDir)
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    STUB_USER_DATA: dataDir,
    // No keychain for this process: the secret store falls back to memory at once.
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
    ...env,
  }
  delete childEnv['ELECTRON_RENDERER_URL']
  if (!('NODE_TLS_REJECT_UNAUTHORIZED' in env)) delete childEnv['NODE_TLS_REJECT_UNAUTHORIZED']
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'test/helpers/run-bootstrap.ts'],
      { env: childEnv, timeout: 60_000 },
      (_err, stdout, stderr) => {
        const line = stdout.split('\n').find((l) => l.startsWith('BOOTSTRAP-REPORT '))
        if (!line) return reject(new Error(`no report from the bootstrap:\n${stdout}\n${stderr}`))
        resolve({ report: JSON.parse(line.slice('BOOTSTRAP-REPORT '.length)) as Report, dataDir })
      },
    )
  })
}

const names = (r: Report) => r.calls.map((c) => c.name)

describe('the Electron bootstrap', () => {
  it('refuses to start with NODE_TLS_REJECT_UNAUTHORIZED=0: says why, exits 1, opens nothing', async () => {
    const { report, dataDir } = await runBootstrap({ NODE_TLS_REJECT_UNAUTHORIZED: '0' })
    expect(report.code).toBe(1)
    const box = report.calls.find((c) => c.name === 'dialog.showErrorBox')
    expect(box?.args[1]).toMatch(/NODE_TLS_REJECT_UNAUTHORIZED=0/)
    expect(names(report)).not.toContain('app.whenReady')
    expect(names(report)).not.toContain('app.requestSingleInstanceLock')
    expect(report.windows).toEqual([])
    expect(report.ipcChannels).toEqual([])
    // No services were built: no database, no keychain access, no connection.
    expect(readdirSync(dataDir)).toEqual([])
  }, 60_000)

  it('starts normally and applies the window, session, navigation and protocol policies', async () => {
    const { report } = await runBootstrap({})
    expect(report.code).toBe(0)
    // The stored appearance reaches the window on every page load.
    expect(names(report)).toContain('webContents.setZoomFactor')
    expect(report.exercised['themeSource']).toBe('system')
    // The application menu from the command table (platform/electron-desktop.ts).
    const menu = report.calls.find((c) => c.name === 'Menu.setApplicationMenu')
    expect(JSON.stringify(menu?.args)).toContain('"id":"reply"')
    expect(names(report).indexOf('app.enableSandbox')).toBeLessThan(names(report).indexOf('app.whenReady'))
    expect(names(report)).not.toContain('dialog.showErrorBox')
    // The installed app answers mailto: links (RFC 6068; src/main/mailto.ts).
    expect(report.calls).toContainEqual({ name: 'app.setAsDefaultProtocolClient', args: ['mailto'] })
    // The app:// scheme is privileged as a standard, secure scheme, never exempt from CSP.
    const schemes = report.calls.find((c) => c.name === 'protocol.registerSchemesAsPrivileged')
    expect(JSON.stringify(schemes?.args)).not.toMatch(/bypassCSP|corsEnabled|allowServiceWorkers/)

    expect(report.windows).toHaveLength(1)
    const [win] = report.windows
    const { preload, ...prefs } = win!.options.webPreferences
    const { preload: _p, ...expected } = secureWebPreferences('x')
    expect(prefs).toEqual(expected)
    expect(String(preload)).toMatch(/preload[/\\]index\.js$/)
    expect(win!.urls).toEqual([`${APP_ORIGIN}/index.html`])
    expect(report.ipcChannels.sort()).toEqual(MAIL_METHODS.map(channelFor).sort())

    expect(report.exercised).toMatchObject({
      permissions: { media: false, geolocation: false, 'clipboard-read': false, notifications: true },
      permissionCheck: false,
      requestCancelled: {
        'https://tracker.example/p.gif': true,
        'http://127.0.0.1:8080/x': true,
        'wss://evil.example/': true,
      },
      navigation: { willNavigate: true, willRedirect: true, willAttachWebview: true },
      windowOpen: [{ action: 'deny' }, { action: 'deny' }, { action: 'deny' }],
      appProtocol: { status: 200, csp: SHELL_CSP, escape: 404 },
    })
    // Of the three links a page tried to open, only the https one went to the system.
    const opened = report.calls.filter((c) => c.name === 'shell.openExternal').map((c) => c.args[0])
    expect(opened).toEqual(['https://example.org/'])
  }, 60_000)
})

/** A store with one account, closed (checkpointed), in the bootstrap's data folder. */
async function storeIn(dataDir: string): Promise<string> {
  const services = createServices({
    appName: 'Mailroom',
    version: 'test',
    dataDir,
    platform: 'linux',
    secrets: createMemorySecretStore(),
    startMailSync: false,
    backup: false,
  })
  services.accounts.insert(sampleAccount('acc'))
  await services.close()
  return join(dataDir, STORE_FILE)
}

describe('the Electron bootstrap with a store that is damaged or cannot be opened', () => {
  it('a truncated store: asks in a dialog; Quit exits without a window and changes nothing', async () => {
    let size = 0
    const { report, dataDir } = await runBootstrap({ STUB_CHOOSE_BUTTON: 'Quit' }, async (dir) => {
      const file = await storeIn(dir)
      truncateStore(file)
      size = statSync(file).size
    })
    expect(report.code).toBe(0)
    const box = report.calls.find((c) => c.name === 'dialog.showMessageBox')
    const asked = box?.args[0] as { message: string; buttons: string[] }
    expect(asked.message).toMatch(/found it damaged/)
    expect(asked.buttons).toEqual(['Start over', 'Quit'])
    expect(report.windows).toEqual([])
    expect(report.ipcChannels).toEqual([])
    expect(statSync(join(dataDir, STORE_FILE)).size).toBe(size)
  }, 60_000)

  it('a bit-flipped store: Start over keeps the damaged file and opens the window', async () => {
    const { report, dataDir } = await runBootstrap({ STUB_CHOOSE_BUTTON: 'Start over' }, async (dir) => {
      const file = await storeIn(dir)
      flipBit(file, rootPageOf(file, 'mail_messages'))
    })
    expect(report.code).toBe(0)
    expect(names(report)).toContain('dialog.showMessageBox')
    expect(names(report)).not.toContain('dialog.showErrorBox')
    expect(report.windows).toHaveLength(1)
    expect(readdirSync(dataDir).filter((n) => n.startsWith(`${STORE_FILE}.damaged-`))).not.toEqual([])
  }, 60_000)

  it('a store that cannot be opened: an error dialog says why and the app exits 1, no unhandled rejection', async () => {
    const { report } = await runBootstrap({}, (dir) => mkdirSync(join(dir, STORE_FILE)))
    expect(report.code).toBe(1)
    const box = report.calls.find((c) => c.name === 'dialog.showErrorBox')
    expect(box?.args).toEqual(['Mailroom cannot start', expect.stringMatching(/cannot open its local data/)])
    expect(report.windows).toEqual([])
    expect(report.exercised['error']).toBeUndefined()
  }, 60_000)
})
