/**
 * Handing links to the system (browser, mail handler): a small port so the Electron bootstrap
 * plugs in `shell.openExternal` while the test bridge and the browser preview record the URL.
 * Types only from electron, so this module loads in plain Node.
 */
import type { Shell } from 'electron'
import { AppError } from '../../shared/errors'
import { isAllowedExternalUrl } from '../security'

export interface ShellPort {
  openExternal(url: string): Promise<void>
}

export function electronShellPort(shell: Pick<Shell, 'openExternal'>): ShellPort {
  return { openExternal: (url) => shell.openExternal(url, { activate: true }) }
}

/** Where there is no system shell (the browser preview): the link is only reported. */
export function loggingShellPort(log: (line: string) => void = console.log): ShellPort {
  return {
    openExternal: (url) => {
      log(`[mailroom] open outside the app: ${url}`)
      return Promise.resolve()
    },
  }
}

export interface LinkOpener {
  /** Opens http(s) and mailto links outside the app; refuses every other scheme. */
  open(url: string): Promise<void>
}

export function createLinkOpener(port: ShellPort): LinkOpener {
  return {
    open: async (url) => {
      // The renderer asked, but a message chose the URL: only web links and mail addresses leave
      // the app (file:, javascript:, custom protocol handlers could run things on the machine).
      if (!isAllowedExternalUrl(url)) {
        throw new AppError('INVALID_INPUT', 'Only http, https and mailto links can be opened', {
          detail: { field: 'url' },
        })
      }
      await port.openExternal(new URL(url).href)
    },
  }
}
