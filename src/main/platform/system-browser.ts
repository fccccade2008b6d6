/**
 * The system browser for OAuth 2.0 sign-in (core/auth's OpenExternal port): Electron's
 * shell.openExternal, never a window of ours, so the app cannot see the password typed at the
 * provider (RFC 8252 §8.12). Only https authorization pages go out, plus http on a loopback address
 * (a provider on this machine), the same rule core applies to endpoints.
 */
import type { Shell } from 'electron'
import { AppError } from '../../shared/errors'
import type { OpenExternal } from '../core/auth/sign-in'
import { checkEndpointUrl } from '../core/auth/http'

export function systemBrowser(shell: Pick<Shell, 'openExternal'>): OpenExternal {
  return async (url) => {
    const target = checkEndpointUrl(url, 'authorization_endpoint')
    try {
      await shell.openExternal(target.href, { activate: true })
    } catch (cause) {
      throw new AppError('INTERNAL', 'The system browser could not be opened', { cause })
    }
  }
}
