/**
 * Security policy of the Electron shell, as pure data and functions: the bootstrap applies them,
 * unit tests read them. Types only from electron, so this runs in plain Node.
 */
import type { Session, WebContents } from 'electron'

export const APP_SCHEME = 'app'
export const APP_HOST = 'mailroom'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/**
 * The shell's Content-Security-Policy. No inline or remote script, no remote anything: message
 * content is rendered in a sandboxed frame with its own, stricter policy (see the reader).
 */
export const SHELL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ')

const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications'])

/** Permission requests (camera, geolocation, clipboard, ...) are denied except notifications. */
export function isPermissionAllowed(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission)
}

const EXTERNAL_SCHEMES: ReadonlySet<string> = new Set(['https:', 'http:', 'mailto:'])

/** Only web links and mail addresses may leave the app for the system's handlers. */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    return EXTERNAL_SCHEMES.has(new URL(url).protocol)
  } catch {
    return false
  }
}

/** The app refuses to start when TLS verification has been switched off for the whole process. */
export function tlsEnvironmentProblem(env: Record<string, string | undefined>): string | null {
  return env['NODE_TLS_REJECT_UNAUTHORIZED'] === '0'
    ? 'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks for every connection; unset it and start again.'
    : null
}

/** Every web contents: no navigation away from the app, no new windows, no <webview>. */
export function hardenWebContents(contents: WebContents, openExternal: (url: string) => unknown): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void openExternal(url)
    return { action: 'deny' }
  })
}

/**
 * The session: permissions denied but notifications; every request to the network from a
 * renderer refused unless `allowRequest` says otherwise (the dev server, or remote content the
 * person allowed). Main's own connections (IMAP, SMTP) do not go through here.
 */
export function hardenSession(session: Session, allowRequest: (url: string) => boolean): void {
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(isPermissionAllowed(permission)),
  )
  session.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission))
  session.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (d, cb) => cb({ cancel: !allowRequest(d.url) }),
  )
}
