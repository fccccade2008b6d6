import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import type { Session, WebContents } from 'electron'
import {
  SHELL_CSP,
  hardenSession,
  hardenWebContents,
  isAllowedExternalUrl,
  isAllowedRemoteContentRequest,
  isPermissionAllowed,
  tlsEnvironmentProblem,
} from './security'
import { REMOTE_CONTENT_FRAME_NAME } from '../shared/remote-content'

describe('shell CSP', () => {
  const directives = new Map(
    SHELL_CSP.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/)
      return [name, values] as const
    }),
  )
  it('denies by default and allows scripts only from the app itself', () => {
    expect(directives.get('default-src')).toEqual(["'none'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(SHELL_CSP).not.toContain('unsafe-eval')
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'")
  })
  it('allows no remote scripts, connections, frames, objects, base changes or form posts', () => {
    expect(SHELL_CSP).not.toMatch(/http:/)
    for (const name of ['script-src', 'connect-src', 'frame-src', 'default-src']) {
      expect(directives.get(name)?.join(' ')).not.toMatch(/https?:/)
    }
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('base-uri')).toEqual(["'none'"])
    expect(directives.get('form-action')).toEqual(["'none'"])
  })
  it('allows https only for images, fonts and styles (remote content a message frame was allowed)', () => {
    const remote = [...directives].filter(([, values]) => values.includes('https:')).map(([name]) => name)
    expect(remote.sort()).toEqual(['font-src', 'img-src', 'style-src'])
  })
})

describe('permissions', () => {
  it.each(['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'midi', 'hid'])(
    'denies %s',
    (p) => expect(isPermissionAllowed(p)).toBe(false),
  )
  it('allows notifications', () => expect(isPermissionAllowed('notifications')).toBe(true))
})

describe('openExternal allow-list', () => {
  it.each(['https://example.org/a', 'http://example.org', 'mailto:bob@example.org'])('allows %s', (u) =>
    expect(isAllowedExternalUrl(u)).toBe(true),
  )
  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://host/share',
    'ms-msdt:/id',
    'data:text/html,x',
    'app://mailroom/index.html',
    'not a url',
  ])('refuses %s', (u) => expect(isAllowedExternalUrl(u)).toBe(false))
})

describe('hardenWebContents', () => {
  function fakeContents() {
    const emitter = new EventEmitter()
    let openHandler: ((d: { url: string }) => { action: string }) | undefined
    const contents = Object.assign(emitter, {
      setWindowOpenHandler: (h: typeof openHandler) => void (openHandler = h),
    }) as unknown as WebContents
    return { contents, emitter, open: (url: string) => openHandler!({ url }) }
  }

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (name) => {
    const { contents, emitter } = fakeContents()
    hardenWebContents(contents, vi.fn())
    const event = { preventDefault: vi.fn() }
    emitter.emit(name, event, 'https://evil.example/')
    expect(event.preventDefault).toHaveBeenCalled()
  })

  it('denies every new window and hands only allowed links to the system', () => {
    const { contents, open } = fakeContents()
    const openExternal = vi.fn()
    hardenWebContents(contents, openExternal)
    expect(open('https://example.org/')).toEqual({ action: 'deny' })
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(openExternal.mock.calls).toEqual([['https://example.org/']])
  })
})

describe('hardenSession', () => {
  it('installs permission handlers that deny all but notifications and gates web requests', () => {
    let request: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined
    let check: ((c: unknown, p: string) => boolean) | undefined
    let gate: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined
    const session = {
      setPermissionRequestHandler: (h: typeof request) => void (request = h),
      setPermissionCheckHandler: (h: typeof check) => void (check = h),
      webRequest: { onBeforeRequest: (_f: unknown, h: typeof gate) => void (gate = h) },
    } as unknown as Session
    hardenSession(session, (url) => url.startsWith('http://127.0.0.1:20081/'))
    const answers: boolean[] = []
    request!(null, 'media', (ok) => answers.push(ok))
    request!(null, 'notifications', (ok) => answers.push(ok))
    expect(answers).toEqual([false, true])
    expect(check!(null, 'geolocation')).toBe(false)
    const cancels: boolean[] = []
    gate!({ url: 'https://tracker.example/pixel.gif' }, (r) => cancels.push(r.cancel))
    gate!({ url: 'http://127.0.0.1:20081/src/main.tsx' }, (r) => cancels.push(r.cancel))
    expect(cancels).toEqual([true, false])
  })
})

describe('isAllowedRemoteContentRequest', () => {
  const top = { parent: null, name: '' }
  const allowedFrame = { parent: top, name: REMOTE_CONTENT_FRAME_NAME }
  const blockedFrame = { parent: top, name: 'mailroom-message' }
  const req = (over: Partial<Record<string, unknown>>) =>
    ({
      url: 'https://cdn.example/a.png',
      method: 'GET',
      resourceType: 'image',
      frame: allowedFrame,
      ...over,
    }) as never

  it('lets https images, fonts and stylesheets through for a message frame named as allowed', () => {
    expect(isAllowedRemoteContentRequest(req({}))).toBe(true)
    expect(isAllowedRemoteContentRequest(req({ resourceType: 'font' }))).toBe(true)
    expect(isAllowedRemoteContentRequest(req({ resourceType: 'stylesheet' }))).toBe(true)
  })

  it.each([
    ['a blocked message frame', { frame: blockedFrame }],
    ['the top frame (the app)', { frame: { parent: null, name: REMOTE_CONTENT_FRAME_NAME } }],
    ['a destroyed frame', { frame: null }],
    ['plain http', { url: 'http://cdn.example/a.png' }],
    ['a script', { resourceType: 'script' }],
    ['a fetch', { resourceType: 'xhr' }],
    ['a ping', { resourceType: 'ping' }],
    ['a POST', { method: 'POST' }],
  ])('refuses %s', (_name, over) => {
    expect(isAllowedRemoteContentRequest(req(over))).toBe(false)
  })
})

describe('tlsEnvironmentProblem', () => {
  it('refuses NODE_TLS_REJECT_UNAUTHORIZED=0', () => {
    expect(tlsEnvironmentProblem({ NODE_TLS_REJECT_UNAUTHORIZED: '0' })).toMatch(
      /NODE_TLS_REJECT_UNAUTHORIZED/,
    )
  })
  it('accepts a normal environment', () => {
    expect(tlsEnvironmentProblem({})).toBeNull()
    expect(tlsEnvironmentProblem({ NODE_TLS_REJECT_UNAUTHORIZED: '1' })).toBeNull()
  })
})
