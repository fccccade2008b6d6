/**
 * Child-process entry for src/main/bootstrap.test.ts: runs the real bootstrap (src/main/index.ts)
 * against the Electron stand-in, exercises the handlers it installed the way Electron would, and
 * prints one line `BOOTSTRAP-REPORT <json>` before exiting with the bootstrap's exit code.
 * Run with `node --import tsx test/helpers/run-bootstrap.ts`; STUB_USER_DATA names the data folder.
 */
import Module from 'node:module'
import { EventEmitter } from 'node:events'
import { createElectronStub } from './electron-stub'

type Handler = (...args: unknown[]) => unknown
const exercised: Record<string, unknown> = {}
let done = false

function finish(code: number): void {
  if (done) return
  done = true
  const { calls, windows, ipcChannels } = record
  process.stdout.write(
    `BOOTSTRAP-REPORT ${JSON.stringify({ code, calls, windows, ipcChannels, exercised })}\n`,
  )
  process.exit(code)
}

const { record, electron } = createElectronStub({
  userData: process.env['STUB_USER_DATA'] ?? '/nonexistent',
  onExit: finish,
  chooseButton: process.env['STUB_CHOOSE_BUTTON'],
})
const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown }
const load = loader._load
loader._load = function (request: string, ...rest: unknown[]) {
  return request === 'electron' ? electron : load.call(this, request, ...rest)
}

const handler = (name: string): Handler => {
  const h = record.handlers.get(name)
  if (!h) throw new Error(`the bootstrap installed no ${name} handler`)
  return h
}

/** What a freshly created web contents (the window, a message frame's) is made to do. */
function exerciseWebContents(): void {
  const contents = Object.assign(new EventEmitter(), {
    openHandler: undefined as Handler | undefined,
    setWindowOpenHandler(h: Handler) {
      this.openHandler = h
    },
  })
  handler('app:web-contents-created')({}, contents)
  const prevented = (event: string) => {
    let called = false
    contents.emit(event, { preventDefault: () => (called = true) }, 'https://evil.example/')
    return called
  }
  exercised['navigation'] = {
    willNavigate: prevented('will-navigate'),
    willRedirect: prevented('will-redirect'),
    willAttachWebview: prevented('will-attach-webview'),
  }
  exercised['windowOpen'] = ['https://example.org/', 'file:///etc/passwd', 'javascript:alert(1)'].map((url) =>
    contents.openHandler?.({ url }),
  )
}

async function exercise(): Promise<void> {
  const permission = handler('session:permission-request')
  const answers: Record<string, unknown> = {}
  for (const p of ['media', 'geolocation', 'clipboard-read', 'notifications']) {
    permission(null, p, (ok: boolean) => (answers[p] = ok))
  }
  exercised['permissions'] = answers
  exercised['permissionCheck'] = handler('session:permission-check')(null, 'media')
  const gate = handler('session:before-request')
  const cancel: Record<string, unknown> = {}
  for (const url of ['https://tracker.example/p.gif', 'http://127.0.0.1:8080/x', 'wss://evil.example/']) {
    gate({ url, method: 'GET', resourceType: 'image', frame: null }, (r: { cancel: boolean }) => {
      cancel[url] = r.cancel
    })
  }
  exercised['requestCancelled'] = cancel
  exerciseWebContents()
  // A page load applies the stored theme and zoom to the window (Electron keeps zoom per load).
  handler('webContents:did-finish-load')()
  exercised['themeSource'] = (electron as { nativeTheme: { themeSource: string } }).nativeTheme.themeSource
  const serve = handler('protocol:app') as (r: Request) => Promise<Response>
  const page = await serve(new Request('app://mailroom/index.html'))
  exercised['appProtocol'] = {
    status: page.status,
    csp: page.headers.get('content-security-policy'),
    escape: (await serve(new Request('app://mailroom/..%2f..%2fpackage.json'))).status,
  }
}

async function main(): Promise<void> {
  await import('../../src/main/index')
  if (done) return
  record.ready()
  // start() runs after whenReady: wait until it has loaded the page.
  for (let i = 0; i < 200 && !record.windows.some((w) => w.urls.length > 0); i++) {
    await new Promise((r) => setTimeout(r, 50))
  }
  await exercise()
  record.handlers.get('app:will-quit')?.()
  await new Promise((r) => setTimeout(r, 200))
  finish(0)
}

main().catch((err: unknown) => {
  exercised['error'] = String(err instanceof Error ? err.stack : err)
  finish(2)
})
