/**
 * Security policy of the Electron shell, as pure data and functions: the bootstrap applies them,
 * unit tests read them. Types only from electron, so this runs in plain Node.
 */
import type { OnBeforeRequestListenerDetails, Session, WebContents } from 'electron'
import { REMOTE_CONTENT_FRAME_NAME } from '../shared/remote-content'

export const APP_SCHEME = 'app'
export const APP_HOST = 'mailroom'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/**
 * The shell's Content-Security-Policy. No inline or remote script, no remote connections, frames
 * or objects. Message content is rendered in a sandboxed srcdoc frame with its own, stricter
 * policy; a srcdoc frame also inherits this one (a load must pass both), so images, fonts and
 * styles allow https here for the one case where the frame's policy allows them too: remote
 * content the person chose to load. The app's own code never loads remote resources, and in
 * Electron the session's request gate still decides every remote request (hardenSession).
 */
export const SHELL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline' https:",
  "img-src 'self' data: blob: https:",
  "font-src 'self' https:",
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

const REMOTE_CONTENT_TYPES: ReadonlySet<string> = new Set(['image', 'font', 'stylesheet'])

export type RequestDetails = Pick<OnBeforeRequestListenerDetails, 'url' | 'method' | 'resourceType' | 'frame'>

/**
 * Remote content of a message the person allowed: https GETs for images, fonts and stylesheets,
 * from a message frame (a subframe) that the reader named as allowed. Everything else a message
 * frame asks for is cancelled, whatever the sanitizer and the frame's CSP let through.
 */
export function isAllowedRemoteContentRequest(d: RequestDetails): boolean {
  const frame = d.frame
  return (
    d.method === 'GET' &&
    REMOTE_CONTENT_TYPES.has(d.resourceType) &&
    d.url.startsWith('https://') &&
    frame !== undefined &&
    frame !== null &&
    frame.parent !== null &&
    frame.name === REMOTE_CONTENT_FRAME_NAME
  )
}

/**
 * The session: permissions denied but notifications; every request to the network from a
 * renderer refused unless `allowRequest` says otherwise (the dev server) or it is remote content
 * the person allowed for a message. Main's own connections (IMAP, SMTP) do not go through here.
 */
export function hardenSession(
  session: Session,
  allowRequest: (url: string, details: RequestDetails) => boolean,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(isPermissionAllowed(permission)),
  )
  session.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission))
  session.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (d, cb) => cb({ cancel: !(allowRequest(d.url, d) || isAllowedRemoteContentRequest(d)) }),
  )
}
