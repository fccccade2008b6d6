/**
 * A stand-in for Electron's main-process API, so the real bootstrap (src/main/index.ts) can run in
 * plain Node (Electron's binary is not available on build machines). It records what the bootstrap
 * asks of Electron and keeps the handlers it installs, so a test can call them as Electron would.
 */
import { EventEmitter } from 'node:events'

type Handler = (...args: unknown[]) => unknown

export interface StubRecord {
  calls: { name: string; args: unknown[] }[]
  /** Handlers by name: 'app:web-contents-created', 'protocol:app', 'session:permission-request', ... */
  handlers: Map<string, Handler>
  windows: { options: unknown; urls: string[] }[]
  ipcChannels: string[]
  whenReady: Promise<void>
  ready(): void
}

const plain = (args: unknown[]) => args.filter((a) => typeof a !== 'function')

export interface ElectronStub {
  record: StubRecord
  /** What `require('electron')` returns in the child. */
  electron: object
}

export function createElectronStub(opts: {
  userData: string
  onExit: (code: number) => void
  /** The button a message box answers with, by the start of its label (default: the first). */
  chooseButton?: string
}): ElectronStub {
  let ready = () => undefined as void
  const record: StubRecord = {
    calls: [],
    handlers: new Map(),
    windows: [],
    ipcChannels: [],
    whenReady: new Promise<void>((resolve) => (ready = resolve)),
    ready: () => ready(),
  }
  const call =
    (name: string, result?: unknown) =>
    (...args: unknown[]) => {
      record.calls.push({ name, args: plain(args) })
      return result
    }
  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    enableSandbox: call('app.enableSandbox'),
    requestSingleInstanceLock: call('app.requestSingleInstanceLock', true),
    quit: () => opts.onExit(0),
    exit: (code: number) => {
      record.calls.push({ name: 'app.exit', args: [code] })
      opts.onExit(code)
    },
    whenReady: () => {
      record.calls.push({ name: 'app.whenReady', args: [] })
      return record.whenReady
    },
    getName: () => 'Mailroom',
    getVersion: () => '0.0.0-stub',
    getPath: (name: string) => (name === 'userData' ? opts.userData : `${opts.userData}/${name}`),
    setPath: call('app.setPath'),
    setAsDefaultProtocolClient: call('app.setAsDefaultProtocolClient', true),
    setBadgeCount: call('app.setBadgeCount', true),
  })
  app.on('newListener', (event: string, listener: Handler) => record.handlers.set(`app:${event}`, listener))

  const session = {
    setPermissionRequestHandler: (h: Handler) => void record.handlers.set('session:permission-request', h),
    setPermissionCheckHandler: (h: Handler) => void record.handlers.set('session:permission-check', h),
    webRequest: {
      onBeforeRequest: (filter: unknown, h: Handler) => {
        record.calls.push({ name: 'session.webRequest.onBeforeRequest', args: [filter] })
        record.handlers.set('session:before-request', h)
      },
    },
  }

  class BrowserWindow extends EventEmitter {
    readonly webContents = {
      send: call('webContents.send'),
      on: (event: string, h: Handler) => void record.handlers.set(`webContents:${event}`, h),
      setZoomFactor: call('webContents.setZoomFactor'),
      print: call('webContents.print'),
    }
    readonly entry: { options: unknown; urls: string[] }
    constructor(options: unknown) {
      super()
      this.entry = { options, urls: [] }
      record.windows.push(this.entry)
    }
    isDestroyed = () => false
    isMinimized = () => false
    show = call('window.show')
    restore = call('window.restore')
    focus = call('window.focus')
    loadURL(url: string): Promise<void> {
      this.entry.urls.push(url)
      return Promise.resolve()
    }
  }

  return {
    record,
    electron: {
      app,
      BrowserWindow,
      dialog: {
        showErrorBox: call('dialog.showErrorBox'),
        showOpenDialog: call('dialog.showOpenDialog'),
        showMessageBox: (options: { buttons?: string[] }) => {
          record.calls.push({ name: 'dialog.showMessageBox', args: [options] })
          const wanted = opts.chooseButton
          const index = wanted ? (options.buttons ?? []).findIndex((b) => b.startsWith(wanted)) : 0
          return Promise.resolve({ response: Math.max(0, index), checkboxChecked: false })
        },
      },
      ipcMain: {
        handle: (channel: string) => void record.ipcChannels.push(channel),
        removeHandler: call('ipcMain.removeHandler'),
      },
      protocol: {
        registerSchemesAsPrivileged: call('protocol.registerSchemesAsPrivileged'),
        handle: (scheme: string, h: Handler) => void record.handlers.set(`protocol:${scheme}`, h),
      },
      session: { defaultSession: session },
      Menu: {
        buildFromTemplate: (template: unknown) => template,
        setApplicationMenu: call('Menu.setApplicationMenu'),
      },
      nativeTheme: { themeSource: 'system' },
      shell: { openExternal: call('shell.openExternal', Promise.resolve()) },
    },
  }
}
