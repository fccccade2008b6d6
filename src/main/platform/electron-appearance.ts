import type { NativeTheme, WebContents } from 'electron'
import { AppError } from '../../shared/errors'
import type { AppearancePort } from '../core/settings/settings-service'

/** The parts of a BrowserWindow the port uses. */
export interface WindowLike {
  isDestroyed(): boolean
  webContents: Pick<WebContents, 'setZoomFactor' | 'print'>
}

/**
 * Theme, zoom and printing through Electron: nativeTheme.themeSource makes the renderer's
 * prefers-color-scheme (and native controls) follow the setting; zoom and print are the window's.
 * Electron is passed in (types only here), so this module stays importable without its binary.
 */
export function electronAppearance(
  nativeTheme: Pick<NativeTheme, 'themeSource'>,
  window: () => WindowLike | undefined,
): AppearancePort {
  const live = () => {
    const win = window()
    return win && !win.isDestroyed() ? win : undefined
  }
  return {
    setThemeSource(theme) {
      nativeTheme.themeSource = theme
    },
    setZoomFactor(factor) {
      live()?.webContents.setZoomFactor(factor)
    },
    print() {
      const win = live()
      if (!win) return Promise.resolve()
      return new Promise((resolve, reject) => {
        // The print stylesheet (print.css) leaves the open message only.
        win.webContents.print({ printBackground: false }, (success, reason) => {
          // A cancelled dialog is the person's choice, not a failure.
          if (success || reason === 'cancelled') resolve()
          else reject(new AppError('INTERNAL', `Printing failed: ${reason}`, { retryable: true }))
        })
      })
    },
  }
}
