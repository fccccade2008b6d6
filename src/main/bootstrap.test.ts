import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { channelFor, MAIL_METHODS } from '../shared/ipc/contract'
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

function runBootstrap(env: Record<string, string>): Promise<{ report: Report; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-bootstrap-'))
  dirs.push(dataDir)
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
    expect(names(report).indexOf('app.enableSandbox')).toBeLessThan(names(report).indexOf('app.whenReady'))
    expect(names(report)).not.toContain('dialog.showErrorBox')
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
