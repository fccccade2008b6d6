// The thin Electron bootstrap: everything with logic lives in modules that run in plain Node.
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, session, shell } from 'electron'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { eventChannelFor } from '../shared/ipc/contract'
import { createMailApi } from './api/mail-api'
import { appProtocolHandler } from './app-protocol'
import { openSecretStore } from './core/secrets/keytar-secret-store'
import { isOwnTopFrame, registerMailApi } from './ipc/register'
import { createMailtoInbox, mailtoArgument } from './mailto'
import { electronAppearance } from './platform/electron-appearance'
import { electronShellPort } from './platform/shell'
import { systemBrowser } from './platform/system-browser'
import { installDesktop } from './platform/electron-desktop'
import { createElectronFilePicker } from './platform/electron-file-picker'
import { electronSaveDialog } from './platform/save-dialog'
import { electronStartupDialogs } from './platform/startup-dialogs'
import { APP_ORIGIN, APP_SCHEME, hardenSession, hardenWebContents, tlsEnvironmentProblem } from './security'
import type { Services } from './services'
import { startApp } from './start-app'
import { mainWindowOptions } from './window'

const tlsProblem = tlsEnvironmentProblem(process.env)
const devUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']
const devOrigin = devUrl ? new URL(devUrl).origin : undefined
// `npm run demo` (unpackaged builds only): the demo's data folder, keychain entry and servers' CA.
const demoDir = app.isPackaged ? undefined : process.env['MAILROOM_DEMO_DIR']
if (demoDir) app.setPath('userData', join(demoDir, 'app-data'))
// mailto: links (RFC 6068) from other programs: Windows and Linux start us (or a second instance)
// with the URL as an argument, macOS sends open-url. Registered by the installed app only.
const mailto = createMailtoInbox(mailtoArgument(process.argv))
if (app.isPackaged) app.setAsDefaultProtocolClient('mailto')
app.on('open-url', (event, url) => {
  event.preventDefault()
  mailto.receive(url)
})
let services: Services | undefined
let mainWindow: BrowserWindow | undefined

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])
app.enableSandbox()

if (tlsProblem) {
  dialog.showErrorBox('Mailroom cannot start', tlsProblem)
  app.exit(1)
} else if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', (_event, argv) => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.focus()
    const url = mailtoArgument(argv)
    if (url) mailto.receive(url)
  })
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, (url) => shell.openExternal(url)),
  )
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => void services?.close())
  // start() shows its own dialogs (startApp); this catches what escapes them: never a silent exit.
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox('Mailroom cannot start', String(err))
      app.exit(1)
    })
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, (url) => devOrigin !== undefined && url.startsWith(devOrigin))
  protocol.handle(APP_SCHEME, appProtocolHandler(join(__dirname, '../renderer')))
  // The store is checked first; a damaged one is a question, a failure a dialog (start-app.ts).
  const started = await startApp(
    {
      appName: app.getName(),
      version: app.getVersion(),
      dataDir: app.getPath('userData'),
      platform: process.platform,
      secrets: await openSecretStore(demoDir ? 'Mailroom-demo' : undefined),
      shell: electronShellPort(shell),
      // OAuth sign-in pages open in the person's own browser (RFC 8252), never in a window of ours.
      oauth: { openExternal: systemBrowser(shell) },
      filePicker: createElectronFilePicker(dialog, () => mainWindow),
      saveDialog: electronSaveDialog(
        dialog,
        () => app.getPath('downloads'),
        () => mainWindow,
      ),
      appearance: electronAppearance(nativeTheme, () => mainWindow),
      ...(demoDir && { extraCa: [await readFile(join(demoDir, 'servers/tls/ca.pem'), 'utf8')] }),
    },
    electronStartupDialogs(dialog),
  )
  if (started.kind !== 'started') return app.exit(started.kind === 'quit' ? 0 : 1)
  services = started.services
  const origins = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN]
  registerMailApi(ipcMain, createMailApi(services), {
    isTrustedSender: (frame) => isOwnTopFrame(frame, origins),
  })

  // The application menu from the command table, and the unread badge (platform/electron-desktop.ts).
  installDesktop({ app, Menu, platform: process.platform, services })
  const win = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.js')))
  mainWindow = win
  services.events.onAny((event, payload) => {
    if (!win.isDestroyed()) win.webContents.send(eventChannelFor(event), payload)
  })
  const ready = services
  // The stored theme and zoom, on the window (Electron keeps zoom per page load).
  win.webContents.on('did-finish-load', () => ready.settings.applyToPlatform())
  win.once('ready-to-show', () => {
    win.show()
    // After the first frame the composer listens for compose:open; links that waited open now.
    mailto.ready(ready)
  })
  await win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`)
}
