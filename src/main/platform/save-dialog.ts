import type { BrowserWindow, Dialog } from 'electron'
import { join } from 'node:path'
import type { SaveDialogPort } from '../core/mail/save-dialog-port'

/**
 * "Save attachment" through Electron's native save dialog, in the Downloads folder by default.
 * Electron is passed in (types only here), so this module stays importable without its binary.
 */
export function electronSaveDialog(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  downloadsDir: () => string,
  parent: () => BrowserWindow | undefined,
): SaveDialogPort {
  return {
    async chooseSavePath(suggestedName) {
      const options = { defaultPath: join(downloadsDir(), suggestedName) }
      const win = parent()
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
  }
}
